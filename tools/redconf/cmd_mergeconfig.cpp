// SPDX-License-Identifier: Apache-2.0
// redconf mergeconfig [--expand] [--yaml|--json] [--admin] [--redpath DIR] [DIR]: the effective
// configuration of a node (its family merged, merge-and-launch.md §2) with the provenance of
// every item, the warnings and the errors. Exit 1 when the merge has errors (the node would
// not launch); the effective configuration is printed all the same, to explain why.
#include "command.h"
#include "redpak/format/effective_format.h"
#include "redpak/merge/merge.h"

namespace redconf {

namespace {

int runMergeConfig(const Arguments& args) {
    using namespace redpak;
    if (args.has("--yaml") && args.has("--json")) {
        throw UsageError("--yaml and --json are exclusive");
    }
    const MergeMode mode = args.has("--admin") ? MergeMode::Admin : MergeMode::Normal;
    const std::vector<FamilyMember> family = loadFamily(args.directory("--redpath"), mode);
    // Commands are kept, not run: showing a configuration must not execute it.
    const Expander expander(CommandPolicy::keep());
    const EffectiveConfig effective =
        mergeFamily(family, MergeOptions{mode, args.has("--expand") ? &expander : nullptr});
    print(formatEffective(effective,
                          args.has("--json") ? EffectiveFormat::Json : EffectiveFormat::Yaml));
    for (const Diagnostic& warning : effective.warnings) {
        printError("redconf: warning: " + warning.format() + "\n");
    }
    for (const MergeError& error : effective.errors) {
        printError("redconf: " + error.diagnostic.format() + "\n");
    }
    return effective.ok() ? 0 : 1;
}

} // namespace

extern const Command kMergeConfigCommand; // declared in main.cpp
const Command kMergeConfigCommand{
    "mergeconfig",
    "show the effective (merged) config of a rednode with the provenance of every item",
    "DIR",
    {
        {"--expand", "", "expand $TAGS ($(commands) are shown, never run)"},
        {"--yaml", "", "YAML output (the default)"},
        {"--json", "", "JSON output"},
        {"--admin", "", "merge in admin mode (admin configs included)"},
        {"--redpath", "DIR", "the node (same as the DIR argument)"},
    },
    0,
    1,
    runMergeConfig,
};

} // namespace redconf
