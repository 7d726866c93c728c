// SPDX-License-Identifier: Apache-2.0
// redconf audit approve|status|diff --redpath DIR [--comment TEXT] [--recursive] [--json]
// [--fail-on SEVERITY]
//   approve  records the family of DIR as audited (DIR/.rednode-audit.json, mode 0644)
//   status   approved / drifted / not-audited / invalid, per node (--recursive: the tree)
//   diff     status plus the semantic diff and the text diff against the audited files
// A drifted node or an invalid record counts as an error, a node never approved as a warning
// (for --fail-on): with the default, `audit status` exits 1 when any file of a family differs
// from the approved version.
#include "cmd_review_common.h"
#include "redpak/base/text_escape.h"
#include "redpak/review/audit_status.h"
#include "redpak/review/findings.h"
#include "redpak/review/review_merge.h"
#include "redpak/tree/node.h"

namespace redconf {

namespace {

std::optional<redpak::Severity> severityOf(const redpak::AuditStatus& status) {
    switch (status.state) {
    case redpak::AuditState::Drifted:
    case redpak::AuditState::Invalid:
        return redpak::Severity::Error;
    case redpak::AuditState::NotAudited:
        return redpak::Severity::Warning;
    case redpak::AuditState::Approved:
        break;
    }
    return std::nullopt;
}

int runAudit(const Arguments& args) {
    using namespace redpak;
    const redpak::Severity threshold = review::failOn(args);
    const std::string action = args.operands().at(0);
    if (action != "approve" && action != "status" && action != "diff") {
        throw UsageError("unknown action '" + action + "' (approve, status or diff)");
    }
    std::string dir;
    if (const auto redpath = args.value("--redpath")) {
        if (args.operands().size() > 1) {
            throw UsageError(
                "give the directory either with --redpath or as an argument, not both");
        }
        dir = *redpath;
    } else if (args.operands().size() == 2) {
        dir = args.operands()[1];
    } else {
        throw UsageError("missing DIR");
    }
    if (action == "approve" && args.has("--recursive")) {
        throw UsageError("approve one node at a time (--recursive is for status and diff)");
    }
    if (action != "approve" && args.has("--comment")) {
        throw UsageError("--comment goes with approve");
    }
    return review::guarded([&] {
        if (action == "approve") {
            const AuditRecord record = approveNode(dir, args.value("--comment").value_or(""));
            if (args.has("--json")) {
                print(formatAuditStatusJson({auditStatus(record.node)}, false));
            } else {
                print("approved " + escapeText(record.node) + " (" +
                      std::to_string(record.files.size()) + " files, score " +
                      formatScore(record.score) + ") by " + escapeText(record.approvedBy) + " at " +
                      escapeText(record.time) + "\n");
            }
            return review::kNothingToReport;
        }
        std::vector<AuditStatus> statuses;
        if (args.has("--recursive")) {
            const TreeWalk walk = walkTree(dir);
            TreeIndex index(&reviewExpander());
            for (const TreeEntry& entry : walk.entries) {
                statuses.push_back(auditStatus(entry.location.base, index));
            }
            // A subtree the walk did not inspect cannot be said approved: invalid, with why.
            for (const UninspectedDirectory& skipped : walk.uninspected) {
                AuditStatus unseen;
                unseen.node = skipped.path.string();
                unseen.state = AuditState::Invalid;
                unseen.problem = "not inspected: " + skipped.reason;
                statuses.push_back(std::move(unseen));
            }
        } else {
            statuses.push_back(auditStatus(dir));
        }
        const bool withDiffs = action == "diff";
        print(args.has("--json") ? formatAuditStatusJson(statuses, withDiffs)
                                 : formatAuditStatusText(statuses, withDiffs));
        std::optional<redpak::Severity> highest;
        for (const AuditStatus& status : statuses) {
            const auto severity = severityOf(status);
            if (severity &&
                (!highest || static_cast<int>(*severity) > static_cast<int>(*highest))) {
                highest = severity;
            }
        }
        return review::exitStatus(highest, threshold);
    });
}

} // namespace

extern const Command kAuditCommand; // declared in main.cpp
const Command kAuditCommand{
    "audit",
    "approve a node's configuration, or show drift from the approved version",
    "approve|status|diff [DIR]",
    {
        {"--redpath", "DIR", "the node (same as the DIR argument)"},
        {"--comment", "TEXT", "approve: why this configuration is approved"},
        {"--recursive", "", "status, diff: every node at or below DIR"},
        review::kJsonOption,
        review::kFailOnOption,
    },
    1,
    2,
    runAudit,
};

} // namespace redconf
