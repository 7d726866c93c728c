// SPDX-License-Identifier: Apache-2.0
// Audit status: a node's family compared with its audit record, file by file (with text diffs)
// and as a semantic diff of the effective configuration.
#pragma once

#include "redpak/launch/audit_record.h"
#include "redpak/merge/tree_index.h"
#include "redpak/review/approval.h"
#include "redpak/review/diff.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace redpak {

enum class AuditState { Approved, Drifted, NotAudited, Invalid };
std::string_view toString(AuditState state); // "approved", "drifted", "not-audited", "invalid"

struct AuditStatus {
    std::string node;
    AuditState state = AuditState::NotAudited;
    std::optional<AuditRecord> record;
    std::vector<FileDrift> drift;
    // Effective configuration as audited -> as now (normal mode), when both merge.
    std::optional<Diff> semantic;
    // The merge errors of the family as it is now (normal mode), when it drifted: a change that
    // makes the node fail to launch is told as such, not as a semantic "no change".
    std::vector<MergeError> mergeErrors;
    std::optional<double> scoreNow;
    std::string problem; // why the state is Invalid, or why `semantic` is missing
};

// Compares the family of `leafDir` with its record. Never throws for a node with problems:
// they are reported in `state`/`problem`. Throws InputError when `leafDir` is not a rednode.
AuditStatus auditStatus(const std::filesystem::path& leafDir);
// The same, the family read and merged for the score through `index` (a TreeIndex made with
// reviewExpander()), for the nodes of a tree.
AuditStatus auditStatus(const std::filesystem::path& leafDir, TreeIndex& index);

// The state auditStatus gives, without its score, semantic or text diff: cheap enough for the
// badges of a whole tree (a node without a record costs one failed open). Never throws: a node
// that cannot be read is Invalid.
AuditState quickAuditState(const std::filesystem::path& leafDir);

std::string formatAuditStatusText(const std::vector<AuditStatus>& statuses, bool withDiffs);
std::string formatAuditStatusJson(const std::vector<AuditStatus>& statuses, bool withDiffs);

} // namespace redpak
