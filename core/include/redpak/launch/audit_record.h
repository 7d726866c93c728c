// SPDX-License-Identifier: Apache-2.0
// Audit records: the format of audited baselines (risk analysis: "once audited, configuration
// should remain exactly as audited").
//
// An approval writes an audit record next to the node: BASE/.rednode-audit.json. It holds, for
// every file of the family (status, normal and admin config of each node, root first, then the
// leaf's applications), its path, SHA-256 and *content* (so that drift can be shown as a diff),
// the digest of the effective configuration (review/effective_canonical.h, normal and admin mode),
// who approved, when and why. BASE is never mounted in a node (the plan refuses any export that
// would expose the status file it holds), so the record is not reachable from inside; it is written
// atomically with mode 0644 by the tree's owner, or by the privileged helper (root-owned) for
// system nodes.
//
// Drift: any file of the family whose bytes differ from the record, a file that appeared
// (a new admin config, a new parent node) or disappeared. The launch policy (launch_policy.h) lets
// redwrap refuse a node whose family drifted.
#pragma once

#include "redpak/tree/family_snapshot.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

inline constexpr int kAuditRecordFormat = 1;
// 0: legacy (records without "effectiveDigestFormat"): SHA-256 of diff.h's canonicalText,
//    which follows the semantic diff's wording; kept only to verify those records.
// 1: SHA-256 of canonicalEffectiveV1.
inline constexpr int kEffectiveDigestFormat = 1;

enum class FileRole { Status, Normal, Admin, Application };
std::string_view toString(FileRole role); // "status", "normal", "admin", "application"

struct AuditedFile {
    std::string node; // base directory of the node
    FileRole role = FileRole::Normal;
    std::string path; // absolute path of the file
    std::string digest;
    std::string content;
};

struct AuditRecord {
    int format = kAuditRecordFormat;
    std::string node; // base directory of the approved node (the leaf)
    std::string alias;
    // Root first; status, normal, admin per node, then the leaf's applications.
    std::vector<AuditedFile> files;
    // Version of the canonical form the two effective digests were computed on
    // (effective_canonical.h); 0 for records written before the field existed.
    int effectiveDigestFormat = kEffectiveDigestFormat;
    std::string effectiveDigest;      // of the normal-mode merge, not expanded
    std::string effectiveAdminDigest; // idem in admin mode
    double score = 0;                 // exposure score at approval (information)
    std::string approvedBy;           // user name
    std::int64_t uid = -1;
    std::string time; // ISO 8601 UTC, e.g. "2026-11-28T21:40:00Z"
    std::string comment;
};

// The files of the family as the snapshot read them, root first (status, normal, admin of
// each node): what is digested is exactly what is merged and launched.
std::vector<AuditedFile> currentFamilyFiles(const FamilySnapshot& family);
// The same from a snapshot of `leafDir` taken now. Throws InputError.
std::vector<AuditedFile> currentFamilyFiles(const std::filesystem::path& leafDir);

std::string formatAuditRecord(const AuditRecord& record); // JSON
AuditRecord parseAuditRecord(std::string_view json, const std::string& fileName);

// Writes the record of the node at `base` atomically with mode 0644 set on the temporary file
// before the rename (nothing is changed by path afterwards). Throws InputError.
void writeAuditRecord(const std::filesystem::path& base, const AuditRecord& record);
// The record of the node at `base`, nullopt when there is none. Throws InputError when the
// record exists but cannot be read or is invalid.
std::optional<AuditRecord> readAuditRecord(const std::filesystem::path& base);

enum class DriftKind { Modified, Added, Removed };
std::string_view toString(DriftKind kind);

struct FileDrift {
    DriftKind kind = DriftKind::Modified;
    std::string node;
    FileRole role = FileRole::Normal;
    std::string path;
    std::string auditedDigest; // empty for Added
    std::string currentDigest; // empty for Removed
    std::string textDiff;      // unified diff, audited -> current
};

// The entry of `files` for `path`, nullptr when there is none.
const AuditedFile* findAuditedFile(const std::vector<AuditedFile>& files, std::string_view path);

// The files of `current` that differ from `audited`, matched by path, by digest only (no text
// diff): what the launch policy checks before every launch.
std::vector<FileDrift> fileDrift(const std::vector<AuditedFile>& audited,
                                 const std::vector<AuditedFile>& current);

} // namespace redpak
