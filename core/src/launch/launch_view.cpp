// SPDX-License-Identifier: Apache-2.0
#include "redpak/launch/launch_view.h"

#include <algorithm>

namespace redpak {

namespace {

bool hasOption(const BwrapPlan& plan, std::string_view option) {
    return std::any_of(plan.options.begin(), plan.options.end(),
                       [option](const BwrapOption& o) { return o.name == option; });
}

// Which namespaces the node shares with the host (a joined one is not its own either).
void viewNamespaces(const BwrapPlan& plan, LaunchView& view) {
    const auto set = [&view](Namespace ns, bool shared) {
        view.shared[static_cast<std::size_t>(ns)] = shared;
    };
    set(Namespace::User, !hasOption(plan, "--unshare-user") && !plan.launcherCreatesUserNamespace);
    set(Namespace::Cgroup, !hasOption(plan, "--unshare-cgroup"));
    set(Namespace::Ipc, !hasOption(plan, "--unshare-ipc"));
    set(Namespace::Pid, !hasOption(plan, "--unshare-pid"));
    set(Namespace::Net, hasOption(plan, "--share-net"));
    set(Namespace::Time, !plan.launcherCreatesTimeNamespace);
    view.joins = plan.joins;
    for (const NamespaceJoin& join : plan.joins) {
        set(join.ns, true);
    }
}

// Rec. 5: every reason the launch needs privileges, with the capability it needs.
void viewPrivilegeReasons(const EffectiveConfig& config, const BwrapPlan& plan, LaunchView& view) {
    for (const NamespaceJoin& join : plan.joins) {
        view.privilegeReasons.push_back("joins the " + std::string(toString(join.ns)) +
                                        " namespace " + join.path + " (CAP_SYS_ADMIN)");
    }
    if (plan.setUser) {
        view.privilegeReasons.push_back("set-user " + *plan.setUser + " (CAP_SETUID)");
    }
    if (plan.setGroup) {
        view.privilegeReasons.push_back("set-group " + *plan.setGroup + " (CAP_SETGID)");
    }
    if (plan.smack) {
        view.privilegeReasons.push_back("smack " + *plan.smack + " (CAP_MAC_ADMIN)");
    }
    const bool userShared = view.isShared(Namespace::User);
    const bool addsCapabilities =
        std::any_of(config.capabilities.begin(), config.capabilities.end(),
                    [](const EffectiveCapability& c) { return c.add; });
    if (addsCapabilities && userShared) {
        view.privilegeReasons.push_back(
            "capabilities added while the user namespace is shared (real capabilities)");
    }
    if (plan.mapRootUser && userShared) {
        view.privilegeReasons.push_back("map-root-user while the user namespace is shared");
    }
}

void keepAllCapabilities(LaunchView& view) {
    for (const std::string_view name : capabilityNames()) {
        view.keptCapabilities.insert(std::string(name));
    }
}

// bwrap keeps every capability when it runs as root (the caller drops what it must) and none
// otherwise; then --cap-add/--cap-drop apply in order.
void viewKeptCapabilities(const BwrapPlan& plan, LaunchView& view) {
    if (view.privileged()) {
        keepAllCapabilities(view);
    }
    for (const BwrapOption& option : plan.options) {
        if ((option.name != "--cap-add" && option.name != "--cap-drop") || option.values.empty()) {
            continue;
        }
        const bool add = option.name == "--cap-add";
        const std::string& name = option.values.front();
        if (name == "ALL") {
            view.keptCapabilities.clear();
            if (add) {
                keepAllCapabilities(view);
            }
        } else if (add) {
            view.keptCapabilities.insert(name);
        } else {
            view.keptCapabilities.erase(name);
        }
    }
}

} // namespace

LaunchView launchViewOf(const EffectiveConfig& config) {
    // The plan decides namespaces and capabilities; exports (which the plan may refuse, rec. 4)
    // and merge errors are findings of their own, so they are left out of this plan.
    PlanOptions options;
    options.withExports = false;
    const BwrapPlan plan = buildPlan(config, options);
    LaunchView view;
    viewNamespaces(plan, view);
    viewPrivilegeReasons(config, plan, view);
    viewKeptCapabilities(plan, view);
    view.procfsMounted =
        std::any_of(config.exports.begin(), config.exports.end(),
                    [](const EffectiveExport& e) { return e.mode == ExportMode::Procfs; });
    return view;
}

} // namespace redpak
