// SPDX-License-Identifier: Apache-2.0
// Rednodes on disk (spec: rednode-format.md §1): discovery of one node, of its family
// (root first, leaf last) and of a whole tree.
#pragma once

#include "redpak/base/file_identity.h"
#include "redpak/config/status.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

// Where the files of one rednode are. Paths are absolute and lexically normal.
struct NodeLocation {
    std::filesystem::path base;
    std::filesystem::path statusFile;
    std::filesystem::path normalConfig;               // current or legacy name
    std::optional<std::filesystem::path> adminConfig; // absent when there is none
};

// Depth limit of rednodes, in directory levels: a tree walk (redconf tree, lint --recursive,
// audit status --recursive) inspects at most this many levels below its start and reports what
// lies deeper; a family (FamilySnapshot) may have at most this many levels of parent nodes
// above its leaf, so that a review from the family's root sees every node a launch would use.
inline constexpr int kMaxNodeDepth = 32;

// The rednode at `dir`, or nullopt when `dir` is not a directory or has no status file. `dir`
// is made canonical (symbolic links resolved) so that a link cannot detach a node from its
// real parents. Throws InputError when the file system fails for another reason than "does
// not exist" (e.g. EACCES), or the node's etc/ is a symbolic link or not a directory.
std::optional<NodeLocation> locateNode(const std::filesystem::path& dir);

// The family of the node at `leafDir`, root first, leaf last (FamilySnapshot::open's
// locations). Throws InputError for what FamilySnapshot refuses.
std::vector<NodeLocation> locateFamily(const std::filesystem::path& leafDir);

// Reads and validates a status file. Throws InputError.
NodeStatus readStatus(const std::filesystem::path& statusFile);

// The admin config of `node`: the existing file, else where it is created (current name).
std::filesystem::path adminConfigPath(const NodeLocation& node);

// Reads and validates the status file of `node` (readStatus), and refuses one whose
// `realpath` is not the node's canonical directory (checkStatusRealpath). Throws InputError.
NodeStatus readNodeStatus(const NodeLocation& node);

// Refuses (InputError) a status whose `realpath` is set and is not the node's directory.
void checkStatusRealpath(const NodeStatus& status, const NodeLocation& node);

// Parses the text of a status file (`fileName` for diagnostics). Throws InputError.
NodeStatus parseStatus(std::string_view text, const std::string& fileName);

// File names inside a node, relative to its base (legacy names are read, never written).
inline constexpr std::string_view kStatusFileName = ".rednode.yaml";
inline constexpr std::string_view kNormalConfigName = "etc/redpak.yaml";
inline constexpr std::string_view kAdminConfigName = "etc/redpak-admin.yaml";
inline constexpr std::string_view kLegacyNormalConfigName = "etc/redpack.yaml";
inline constexpr std::string_view kLegacyAdminConfigName = "etc/redpack-admin.yaml";
// The audit record of an approved node (launch/audit_record.h), next to its status file.
inline constexpr std::string_view kAuditRecordName = ".rednode-audit.json";
// A record holds every file of a family (each at most kMaxConfigBytes), escaped as JSON.
inline constexpr std::size_t kMaxAuditRecordBytes = 64 * 1024 * 1024;
// Path of the record of the node at `base`.
std::filesystem::path auditRecordPath(const std::filesystem::path& base);

// One node of a tree walk, with its depth below the walk's start (0 for the start).
struct TreeEntry {
    NodeLocation location;
    int depth = 0;        // directory levels below the walk's start
    int parentIndex = -1; // index in the result of the parent node, -1 when it has none there
};

// A directory a tree walk did not look into, and why (deeper than kMaxNodeDepth, cannot be
// read, a node whose etc/ is refused): review tools report these instead of skipping them.
struct UninspectedDirectory {
    std::filesystem::path path;
    std::string reason;
};

struct TreeWalk {
    std::vector<TreeEntry> entries;
    std::vector<UninspectedDirectory> uninspected;
};

// Every rednode at or below `dir`, parents before children, siblings sorted by name.
// Plain directories between nodes are traversed (they break the parent chain, not the walk).
// Symbolic links are not followed; directories with subdirectories kMaxNodeDepth levels below
// `dir`, and directories that cannot be inspected, are listed in `uninspected`.
// Throws InputError when `dir` is not a directory.
TreeWalk walkTree(const std::filesystem::path& dir);

// walkTree's entries alone (views that show a listing and nothing else).
std::vector<TreeEntry> enumerateTree(const std::filesystem::path& dir);

} // namespace redpak
