// SPDX-License-Identifier: Apache-2.0
// The one place that maps a helper method and its decoded arguments to a polkit action and
// the details shown to rules and prompts (flatpak system-helper style). One action per verb,
// so that an administrator can let people launch nodes without letting them edit them.
#pragma once

#include "authority.h"
#include "helpertypes.h"
#include "nodeidentity.h"

#include <QString>

namespace redpak::helper {

enum class Method {
    ListRoots,
    ReadConfig,
    CreateNode,
    DeleteNode,
    WriteConfig,
    Launch,
    LaunchAs, // the second question of a launch as another identity than the caller's
    ListLaunches,
    StopLaunch,
    RecordApproval,
    ListApplications,
    WriteApplication,
    RemoveApplication,
};

struct CallFlags {
    bool allowInteraction = false;
    bool admin = false;

    // Refuses (HelperError(InvalidArgument)) any bit `method` does not define, so that a
    // future flag is never silently ignored by an older helper.
    static CallFlags decode(Method method, uint flags);
};

// The polkit action of a call; empty for ListLaunches and StopLaunch, which only act on the
// caller's own launches and need no authorization.
QString actionId(Method method, const CallFlags& flags);

// `node` (a valid NodeName text) and `digest` (of what is being written or approved) become
// the details "node" and "digest" when not empty.
AuthorizationRequest authorizationFor(Method method, const CallFlags& flags, const QString& node,
                                      const QString& digest = {});

// The request of WriteApplication / RemoveApplication: authorizationFor's, plus the detail
// "application" (the application ID), so that a rule or a prompt can name it.
AuthorizationRequest applicationAuthorization(Method method, const CallFlags& flags,
                                              const QString& node, const QString& application,
                                              const QString& digest);

// org.redpak.node.launch-as, asked after org.redpak.node.launch(-admin) when the node runs as
// someone else than the caller (NodeIdentityPolicy::isOtherThanCaller): details "node",
// "user" and "group" (names, or numbers when the id has none), "uid" and "gid". Looks the names
// up: call it on the worker thread.
AuthorizationRequest launchAsAuthorization(const CallFlags& flags, const QString& node,
                                           const NodeIdentity& identity);

} // namespace redpak::helper
