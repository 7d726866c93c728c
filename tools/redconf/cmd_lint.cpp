// SPDX-License-Identifier: Apache-2.0
// redconf lint --redpath DIR [--recursive] [--admin] [--json] [--fail-on SEVERITY]: risk
// findings (risk analysis recommendations) of a node, or of every node of the tree below DIR
// with --recursive (which adds the tree findings, e.g. rec. 2: nodes running as the same user
// without distinct Smack labels). Exit 1 when a finding reaches --fail-on.
#include "cmd_review_common.h"
#include "redpak/review/diff.h"
#include "redpak/review/findings.h"
#include "redpak/tree/node.h"

namespace redconf {

namespace {

int runLint(const Arguments& args) {
    using namespace redpak;
    const redpak::Severity threshold = review::failOn(args);
    const std::string dir = args.directory("--redpath");
    return review::guarded([&] {
        const MergeMode mode = args.has("--admin") ? MergeMode::Admin : MergeMode::Normal;
        std::vector<NodeFindings> nodes;
        std::vector<Finding> treeFindings;
        if (!args.has("--recursive")) {
            nodes.push_back(analyzeNodeAt(dir, mode));
        } else {
            TreeAnalysis analysis = analyzeTreeAt(dir, mode);
            nodes = std::move(analysis.nodes);
            treeFindings = std::move(analysis.tree);
        }
        print(args.has("--json") ? formatFindingsJson(nodes, treeFindings)
                                 : formatFindingsText(nodes, treeFindings));
        std::vector<Finding> all = treeFindings;
        for (const NodeFindings& node : nodes) {
            all.insert(all.end(), node.findings.begin(), node.findings.end());
        }
        return review::exitStatus(highestSeverity(all), threshold);
    });
}

} // namespace

extern const Command kLintCommand; // declared in main.cpp
const Command kLintCommand{
    "lint",
    "risk findings (risk analysis recommendations) and exposure score of rednodes",
    "[DIR]",
    {
        {"--redpath", "DIR", "the node (or the top of the tree with --recursive)"},
        {"--recursive", "", "every node at or below DIR, plus the tree findings"},
        {"--admin", "", "merge in admin mode (admin configs included)"},
        review::kJsonOption,
        review::kFailOnOption,
    },
    0,
    1,
    runLint,
};

} // namespace redconf
