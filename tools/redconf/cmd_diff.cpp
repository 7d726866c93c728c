// SPDX-License-Identifier: Apache-2.0
// redconf diff [--admin] [--json] [--fail-on SEVERITY] A B: semantic diff of two config files
// (what the files say) or of two rednodes (their effective configurations, as launched). Each
// change is widening, narrowing or neutral. A widening change counts as a warning, a neutral
// or narrowing one as info (for --fail-on).
#include "cmd_review_common.h"
#include "redpak/config/parser.h"
#include "redpak/review/diff.h"

#include <filesystem>

namespace redconf {

namespace {

int runDiff(const Arguments& args) {
    using namespace redpak;
    const redpak::Severity threshold = review::failOn(args);
    return review::guarded([&] {
        const std::filesystem::path a = args.operands().at(0);
        const std::filesystem::path b = args.operands().at(1);
        const bool aIsDir = std::filesystem::is_directory(a);
        const bool bIsDir = std::filesystem::is_directory(b);
        if (aIsDir != bIsDir) {
            throw UsageError("compare two config files or two node directories, not one of each");
        }
        if (!aIsDir && args.has("--admin")) {
            throw UsageError("--admin merges nodes; config files are compared as written");
        }
        const MergeMode mode = args.has("--admin") ? MergeMode::Admin : MergeMode::Normal;
        const Diff diff =
            aIsDir ? diffNodes(a, b, mode) : diffConfigs(loadConfigFile(a), loadConfigFile(b));
        print(args.has("--json") ? formatDiffJson(diff) : formatDiffText(diff));
        std::optional<redpak::Severity> highest;
        if (!diff.empty()) {
            highest = diff.count(Direction::Widening) > 0 ? redpak::Severity::Warning
                                                          : redpak::Severity::Info;
        }
        return review::exitStatus(highest, threshold);
    });
}

} // namespace

extern const Command kDiffCommand; // declared in main.cpp
const Command kDiffCommand{
    "diff",
    "semantic diff of two config files or two rednodes (widening/narrowing/neutral)",
    "A B",
    {
        {"--admin", "", "nodes: merge in admin mode (admin configs included)"},
        review::kJsonOption,
        review::kFailOnOption,
    },
    2,
    2,
    runDiff,
};

} // namespace redconf
