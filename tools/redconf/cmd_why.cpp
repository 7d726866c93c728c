// SPDX-License-Identifier: Apache-2.0
// redconf why [--admin] [--json] --redpath DIR ITEM (or DIR ITEM): every definition of one item
// in the node's family, the one the merge applied and the rule that decided (core explain()).
#include "command.h"
#include "redpak/merge/explain.h"

namespace redconf {

namespace {

int runWhy(const Arguments& args) {
    using namespace redpak;
    const std::vector<std::string>& operands = args.operands();
    const std::optional<std::string> redpath = args.value("--redpath");
    if (operands.size() != (redpath ? 1u : 2u)) {
        throw UsageError("expected --redpath DIR ITEM (or DIR ITEM)");
    }
    const MergeMode mode = args.has("--admin") ? MergeMode::Admin : MergeMode::Normal;
    const std::vector<FamilyMember> family = loadFamily(redpath ? *redpath : operands[0], mode);
    const Explanation explanation = explain(family, operands.back(), mode);
    print(args.has("--json") ? explanationJson(explanation) : formatExplanation(explanation));
    return 0;
}

} // namespace

extern const Command kWhyCommand; // declared in main.cpp
const Command kWhyCommand{
    "why",
    "explain one effective item: its definitions in the family and the merge rule",
    "[DIR] ITEM",
    {
        {"--json", "", "JSON output"},
        {"--admin", "", "merge in admin mode (admin configs included)"},
        {"--redpath", "DIR", "the node (else the first operand)"},
    },
    1,
    2,
    runWhy,
};

} // namespace redconf
