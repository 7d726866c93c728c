// SPDX-License-Identifier: Apache-2.0
// Audited baselines (risk analysis: "once audited, configuration should remain exactly as
// audited").
//
// An approval writes an audit record next to the node: BASE/.rednode-audit.json. It holds,
// for every file of the family (status, normal and admin config of each node, root first),
// its path, SHA-256 and *content* (so that drift can be shown as a diff), the digest of the
// effective configuration (canonicalText, normal and admin mode), who approved, when and why.
// BASE is never mounted in a node (the plan refuses any export that would expose the status
// file it holds), so the record is not reachable from inside; it is written atomically with
// mode 0644 by the tree's owner, or by the privileged helper (root-owned) for system nodes.
//
// Drift: any file of the family whose bytes differ from the record, a file that appeared
// (a new admin config, a new parent node) or disappeared. The launch policy (audit.h's
// LaunchPolicy) lets redwrap refuse a node whose family drifted.
#pragma once

#include "redpak/diff.h"
#include "redpak/effective_canonical.h"
#include "redpak/merge.h"
#include "redpak/node.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

inline constexpr std::string_view kAuditRecordName = ".rednode-audit.json";
inline constexpr int kAuditRecordFormat = 1;
// A record holds every file of a family (each at most kMaxConfigBytes), escaped as JSON.
inline constexpr std::size_t kMaxAuditRecordBytes = 64 * 1024 * 1024;

enum class FileRole { Status, Normal, Admin };
std::string_view toString(FileRole role); // "status", "normal", "admin"

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
    std::vector<AuditedFile> files; // root first; status, normal, admin per node
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

struct Approver {
    std::string name;
    std::int64_t uid = -1;
};
// The user `uid` (name from the password database, else the uid as text); the helper names
// its caller with it.
Approver approverFor(std::int64_t uid);
// The user running this process.
Approver currentApprover();

// Path of the record of the node at `base`.
std::filesystem::path auditRecordPath(const std::filesystem::path& base);

// The files of the family as the snapshot read them, root first (status, normal, admin of
// each node): what is digested is exactly what is merged and launched.
std::vector<AuditedFile> currentFamilyFiles(const FamilySnapshot& family);
// The same from a snapshot of `leafDir` taken now. Throws InputError.
std::vector<AuditedFile> currentFamilyFiles(const std::filesystem::path& leafDir);

// A record for the family of `leafDir` as it is now. Refuses (InputError) a family that does
// not parse or merge in normal mode: there would be nothing meaningful to approve.
AuditRecord makeAuditRecord(const std::filesystem::path& leafDir, const Approver& approver,
                            const std::string& comment);

std::string formatAuditRecord(const AuditRecord& record); // JSON
AuditRecord parseAuditRecord(std::string_view json, const std::string& fileName);

// Recomputes both effective digests from the record's own files with the record's digest
// format. Throws InputError when they differ (record damaged or edited).
void verifyEffectiveDigests(const AuditRecord& record, const std::string& fileName);

// Writes the record of the node at `base` atomically with mode 0644 set on the temporary file
// before the rename (nothing is changed by path afterwards). Throws InputError.
void writeAuditRecord(const std::filesystem::path& base, const AuditRecord& record);
// make + write. Returns the record written.
AuditRecord approveNode(const std::filesystem::path& leafDir, const std::string& comment);

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

enum class AuditState { Approved, Drifted, NotAudited, Invalid };
std::string_view toString(AuditState state); // "approved", "drifted", "not-audited", "invalid"

struct AuditStatus {
    std::string node;
    AuditState state = AuditState::NotAudited;
    std::optional<AuditRecord> record;
    std::vector<FileDrift> drift;
    // Effective configuration as audited -> as now (normal mode), when both merge.
    std::optional<Diff> semantic;
    std::optional<double> scoreNow;
    std::string problem; // why the state is Invalid, or why `semantic` is missing
};

// Compares the family of `leafDir` with its record. Never throws for a node with problems:
// they are reported in `state`/`problem`. Throws InputError when `leafDir` is not a rednode.
AuditStatus auditStatus(const std::filesystem::path& leafDir);

// The state alone, from digests (no score, no semantic or text diff): cheap enough for the
// badges of a whole tree. Never throws: a node that cannot be read is Invalid.
AuditState quickAuditState(const std::filesystem::path& leafDir);

// Line diff of two texts in unified format (3 lines of context), "" when they are equal.
std::string unifiedDiff(std::string_view before, std::string_view after,
                        const std::string& beforeLabel, const std::string& afterLabel);

std::string formatAuditStatusText(const std::vector<AuditStatus>& statuses, bool withDiffs);
std::string formatAuditStatusJson(const std::vector<AuditStatus>& statuses, bool withDiffs);

// ---- launch policy -------------------------------------------------------------------------

// Root-owned policy of the launcher. Format: YAML-like lines `key: value`, '#' comments; the
// only key today is `audit: required|optional`. A file not owned by root or writable by
// group/others is refused (it would let someone else switch the policy off).
inline constexpr std::string_view kLaunchPolicyFile = "/etc/redpak/launch-policy";

struct LaunchPolicy {
    bool requireAudit = false;
};

// The policy at `file`; defaults when the file does not exist. Throws InputError.
LaunchPolicy loadLaunchPolicy(const std::filesystem::path& file);

// The launcher's check: when `policy.requireAudit`, throws InputError unless the snapshot's
// leaf has a trusted record (owned by root or by the owner of the node's status file, not
// writable by group/others) and the snapshot's bytes are exactly the approved ones. The
// message names the drifted files.
void enforceAuditPolicy(const FamilySnapshot& family, const LaunchPolicy& policy);
// The same on a snapshot of `leafDir` taken now.
void enforceAuditPolicy(const std::filesystem::path& leafDir, const LaunchPolicy& policy);

} // namespace redpak
