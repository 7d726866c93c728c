// SPDX-License-Identifier: Apache-2.0
#include "launchplan.h"

#include "helpererror.h"
#include "redpak/launch/launch.h"
#include "redpak/merge/expand.h"
#include "redpak/merge/merge.h"
#include "sourceaccess.h"

#include <algorithm>

namespace redpak::helper {
namespace {

bool hasOption(const BwrapPlan& plan, std::string_view name) {
    return std::any_of(plan.options.begin(), plan.options.end(),
                       [&](const BwrapOption& option) { return option.name == name; });
}

// Root must never be what lets a node read a file.
void checkInternalSources(const BwrapPlan& plan, const NodeIdentity& identity) {
    for (const FdContent& content : plan.fds) {
        if (content.kind == FdContent::Kind::FileCopy) {
            checkReadableAs(content.source, identity, content.origin.file);
        }
    }
}

} // namespace

HelperLaunchPlan planHelperLaunch(const std::filesystem::path& nodeDir, bool admin,
                                  const NodeIdentityPolicy& identities) {
    const MergeMode mode = admin ? MergeMode::Admin : MergeMode::Normal;
    std::optional<FamilySnapshot> snapshot;
    try {
        // As in redwrap: the family read once (root-owned files only, the helper being
        // privileged), the launch policy and the disabled state checked on those bytes.
        snapshot = openFamilyForLaunch(nodeDir, LaunchPreconditions{});
    } catch (const InputError& error) {
        throw HelperError(ErrorKind::UnsafeNode, error.diagnostic().format());
    }
    EffectiveConfig effective;
    try {
        // Root must never run what a config file says: commands are refused, not run.
        const Expander expander(CommandPolicy::refuse());
        effective = mergeFamily(loadFamily(*snapshot, mode), MergeOptions{mode, &expander});
    } catch (const CommandRefusedError& error) {
        throw HelperError(ErrorKind::UnsafeNode, error.diagnostic().format());
    } catch (const InputError& error) {
        throw HelperError(ErrorKind::InvalidConfig, error.diagnostic().format());
    }
    if (!effective.ok()) {
        throw HelperError(ErrorKind::InvalidConfig, effective.errors.front().diagnostic.format());
    }
    BwrapPlan plan;
    try {
        plan = buildPlan(effective);
    } catch (const InputError& error) {
        // The merge is clean, so the plan's refusal is an export that would show a config
        // file of the family inside the node (risk analysis recommendation 4).
        throw HelperError(ErrorKind::UnsafeNode, error.diagnostic().format());
    }
    for (const FdContent& content : plan.fds) {
        if (content.kind == FdContent::Kind::CommandOutput) {
            throw HelperError(ErrorKind::UnsafeNode,
                              content.origin.file + ": Execfd export " + content.mount +
                                  " would run a command as root; the helper refuses it");
        }
    }
    if (!plan.joins.empty()) {
        throw HelperError(ErrorKind::UnsafeNode, "joining an existing namespace (share_" +
                                                     std::string(toString(plan.joins.front().ns)) +
                                                     ": PATH) is not allowed through the helper");
    }
    const NodeIdentity identity =
        identities.resolve(plan.setUser, plan.setGroup, nodeDir.string() + " (effective config)",
                           ErrorKind::UnsafeNode);
    plan.setUser = std::to_string(identity.uid);
    plan.setGroup = std::to_string(identity.gid);
    checkInternalSources(plan, identity);
    for (const char* option : {"--new-session", "--die-with-parent"}) {
        if (!hasOption(plan, option)) {
            BwrapOption forced;
            forced.name = option;
            plan.options.push_back(forced);
        }
    }
    return {plan, identity};
}

} // namespace redpak::helper
