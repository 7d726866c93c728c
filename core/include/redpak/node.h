// SPDX-License-Identifier: Apache-2.0
// Rednodes on disk (spec: rednode-format.md §1): discovery of one node, of its family
// (root first, leaf last) and of a whole tree.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

enum class NodeState { Enable, Disable };

// What fstat(2) said of one file or directory of a family when it was opened: who owns it (the
// identity its commands may run with, whether a privileged launch may trust it) and which
// object it is (recommendation 4 compares exports with family files by device and inode).
struct FileIdentity {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::uint32_t mode = 0; // st_mode, type bits included
    std::uint64_t links = 0;
};

// A file or directory of a family that must never be visible inside a node (risk analysis
// recommendation 4): node directory, etc/, status, configs, audit record.
struct FamilyObject {
    std::string path;
    FileIdentity identity;
};

// Content of BASE/.rednode.yaml.
struct NodeStatus {
    NodeState state = NodeState::Enable;
    std::string realpath;
    std::int64_t timestamp = 0; // ms since epoch
    std::string info;
};

// Where the files of one rednode are. Paths are absolute and lexically normal.
struct NodeLocation {
    std::filesystem::path base;
    std::filesystem::path statusFile;
    std::filesystem::path normalConfig;               // current or legacy name
    std::optional<std::filesystem::path> adminConfig; // absent when there is none
};

// The rednode at `dir`, or nullopt when `dir` has no status file. `dir` is made canonical
// (symbolic links resolved) so that a link cannot detach a node from its real parents.
// Throws InputError when the file system fails for another reason than "does not exist"
// (e.g. EACCES): a parent must never be skipped silently.
std::optional<NodeLocation> locateNode(const std::filesystem::path& dir);

// The family of the node at `leafDir`, root first, leaf last. Throws InputError when
// `leafDir` is not a rednode, a config is missing or a member's `etc` is a symbolic link or
// not a directory (locateNode refuses the same for its node).
std::vector<NodeLocation> locateFamily(const std::filesystem::path& leafDir);

// The same from a leaf that locateNode already found (launchers locate it for their
// preconditions first): its directory is not resolved nor its etc/ checked again.
std::vector<NodeLocation> locateFamily(const NodeLocation& leaf);

// Reads and validates a status file. Throws InputError.
NodeStatus readStatus(const std::filesystem::path& statusFile);

// The admin config of `node`: the existing file, else where it is created (current name).
std::filesystem::path adminConfigPath(const NodeLocation& node);

// A node found on disk whose status file was read and checked (readNodeStatus): loadFamily
// does not read it again.
struct CheckedNode {
    NodeLocation location;
};

// Reads and validates the status file of `node` (readStatus), and refuses one whose
// `realpath` is not the node's canonical directory. Throws InputError.
NodeStatus readNodeStatus(const NodeLocation& node);

// Parses the text of a status file (`fileName` for diagnostics). Throws InputError.
NodeStatus parseStatus(std::string_view text, const std::string& fileName);

std::string_view toString(NodeState state); // "Enable", "Disable"

// File names inside a node, relative to its base (legacy names are read, never written).
inline constexpr std::string_view kStatusFileName = ".rednode.yaml";
inline constexpr std::string_view kNormalConfigName = "etc/redpak.yaml";
inline constexpr std::string_view kAdminConfigName = "etc/redpak-admin.yaml";
inline constexpr std::string_view kLegacyNormalConfigName = "etc/redpack.yaml";
inline constexpr std::string_view kLegacyAdminConfigName = "etc/redpack-admin.yaml";

// One node of a tree walk, with its depth below the walk's start (0 for the start).
struct TreeEntry {
    NodeLocation location;
    int depth = 0;        // directory levels below the walk's start
    int parentIndex = -1; // index in the result of the parent node, -1 when it has none there
};

// Every rednode at or below `dir`, parents before children, siblings sorted by name.
// Plain directories between nodes are traversed (they break the parent chain, not the walk).
// Symbolic links are not followed and the walk stops 32 directory levels below `dir`.
// Throws InputError when `dir` is not a directory.
std::vector<TreeEntry> enumerateTree(const std::filesystem::path& dir);

} // namespace redpak
