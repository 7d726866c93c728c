// SPDX-License-Identifier: Apache-2.0
// What the launch of an effective configuration really does (shared namespaces, kept
// capabilities, why it needs root), read from the bwrap plan the launcher would build: the
// facts the findings and the semantic diff judge.
#pragma once

#include "redpak/config/effective.h"
#include "redpak/launch/plan.h"

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

// What the launch of an effective configuration really does, read from its bwrap plan.
struct LaunchView {
    // Why the launch needs root (set-user, namespace joins, capabilities with a shared user
    // namespace...); empty when redwrap can run unprivileged (rec. 5).
    std::vector<std::string> privilegeReasons;
    bool privileged() const { return !privilegeReasons.empty(); }
    // Namespaces the node shares with the launcher (joined ones included), by Namespace;
    // the `All` slot is unused.
    std::array<bool, kNamespaceCount> shared{};
    std::vector<NamespaceJoin> joins;
    // Capabilities the node's processes keep, after bwrap's default (all when root, none
    // otherwise) and every --cap-add/--cap-drop of the plan, in order.
    std::set<std::string> keptCapabilities;
    bool procfsMounted = false;
    bool isShared(Namespace ns) const { return shared[static_cast<std::size_t>(ns)]; }
    bool keeps(std::string_view capability) const {
        return keptCapabilities.count(std::string(capability)) != 0;
    }
};

// The launch view of `config`. Merge errors and exports refused by the plan do not prevent it
// (they are findings of their own): it describes the launch as the plan would build it.
LaunchView launchViewOf(const EffectiveConfig& config);

} // namespace redpak
