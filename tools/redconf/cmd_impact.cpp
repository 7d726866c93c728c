// SPDX-License-Identifier: Apache-2.0
// redconf impact --redpath DIR (--with FILE | --with-admin FILE) [--admin] [--json]
// [--fail-on SEVERITY]: what happens to the node DIR and to every node below it if FILE replaced
// DIR's normal config (--with) or its admin config (--with-admin: always merged in admin mode,
// the only mode that reads admin files). Nothing is written. A new merge error counts as an error,
// a widening change as a warning, other changes as info (for --fail-on).
#include "cmd_review_common.h"
#include "redpak/review/impact.h"

namespace redconf {

namespace {

int runImpact(const Arguments& args) {
    using namespace redpak;
    const redpak::Severity threshold = review::failOn(args);
    const std::string dir = args.directory("--redpath");
    const std::optional<std::string> with = args.value("--with");
    const std::optional<std::string> withAdmin = args.value("--with-admin");
    if (!with && !withAdmin) {
        throw UsageError("missing --with FILE (the config that would replace the node's) or "
                         "--with-admin FILE (the admin config that would replace the node's)");
    }
    if (with && withAdmin) {
        throw UsageError("--with and --with-admin replace different files: review one at a time");
    }
    return review::guarded([&] {
        const MergeMode mode = args.has("--admin") ? MergeMode::Admin : MergeMode::Normal;
        const ImpactReport report = withAdmin
                                        ? computeAdminImpact(dir, std::filesystem::path(*withAdmin))
                                        : computeImpact(dir, std::filesystem::path(*with), mode);
        print(args.has("--json") ? formatImpactJson(report) : formatImpactText(report));
        std::optional<redpak::Severity> highest;
        // A subtree the walk could not see is an unknown impact: as serious as a new error.
        if (report.hasNewErrors() || !report.uninspected.empty()) {
            highest = redpak::Severity::Error;
        } else if (report.count(Direction::Widening) > 0) {
            highest = redpak::Severity::Warning;
        } else if (!report.nodes.empty() || !report.fileDiff.empty()) {
            highest = redpak::Severity::Info;
        }
        return review::exitStatus(highest, threshold);
    });
}

} // namespace

extern const Command kImpactCommand; // declared in main.cpp
const Command kImpactCommand{
    "impact",
    "what replacing a node's config with FILE does to the node and all its descendants",
    "[DIR]",
    {
        {"--redpath", "DIR", "the node whose config would be replaced"},
        {"--with", "FILE", "the replacement normal config"},
        {"--with-admin", "FILE", "the replacement admin config (merged in admin mode)"},
        {"--admin", "", "merge in admin mode (admin configs included)"},
        review::kJsonOption,
        review::kFailOnOption,
    },
    0,
    1,
    runImpact,
};

} // namespace redconf
