// SPDX-License-Identifier: Apache-2.0
// The bwrap plan of a launch requested through the helper: the core merge and plan, plus the
// rules that only apply when root launches on behalf of someone else. Used twice with the same
// inputs: by the helper, to refuse a launch with a precise error before answering the caller,
// and by redpak-helper-launch, the short-lived process that carries the plan out (core
// launch() ends in execve, which a multithreaded service must not do in-process).
//
// Precondition: every directory and config file of the family is root-owned and unwritable by
// others (NodeStore::checkFamilyTrusted), so that both reads see the same files.
#pragma once

#include "nodeidentity.h"
#include "redpak/launch/plan.h"

#include <filesystem>
#include <string>

namespace redpak::helper {

struct HelperLaunchPlan {
    BwrapPlan plan; // set-user and set-group replaced by the numbers of `identity`
    NodeIdentity identity;
};

// Applies the launch preconditions of every launcher (core openFamilyForLaunch: the family read
// once, root-owned files only, launch policy, disabled node), merges the family of `nodeDir`
// without ever running a command
// (`$(...)` and Execfd are refused by the CommandPolicy), builds the plan and applies the
// helper's rules:
//  * no Execfd export (its command would run before the identity change), no namespace join;
//  * runs as the identity of `set-user`/`set-group` that `identities` allows (nodeidentity.h),
//    written back into the plan as numbers so that the launcher uses exactly what was checked;
//  * every Internal source is a regular file the launch identity can read without following
//    a symlink (sourceaccess.h);
//  * always `--new-session` and `--die-with-parent`.
// Throws HelperError(InvalidConfig) for merge errors and HelperError(UnsafeNode) for refusals.
HelperLaunchPlan planHelperLaunch(const std::filesystem::path& nodeDir, bool admin,
                                  const NodeIdentityPolicy& identities);

} // namespace redpak::helper
