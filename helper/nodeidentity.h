// SPDX-License-Identifier: Apache-2.0
// Which identities a node launched through the helper may run as: only those the
// administrator set aside for nodes in helper.conf (node-uids, node-gids, node-group), plus
// nobody and its group, which own nothing. Never root (uid 0, gid 0), never a person's account
// (helper.conf refuses node ranges overlapping the login accounts of /etc/login.defs, and
// those accounts are refused here too), never any other group (shadow, sudo, adm, disk...:
// every group not set aside is privileged for this purpose). The one place that decides it,
// used when a config is written (InvalidConfig) and at each launch (UnsafeNode).
#pragma once

#include "helperconfig.h"
#include "helpererror.h"

#include <optional>
#include <string>
#include <sys/types.h>

namespace redpak::helper {

// Identity of launches whose effective config has no `set-user`.
inline constexpr const char* kFallbackLaunchUser = "nobody";

struct NodeIdentity {
    uid_t uid = 0;
    gid_t gid = 0;

    friend bool operator==(const NodeIdentity&, const NodeIdentity&) = default;
    // "UID:GID", the form redpak-helper-launch takes.
    std::string text() const;
    static std::optional<NodeIdentity> parse(const std::string& text);
};

// The account name of `uid` / group name of `gid`, or the number when there is none.
std::string userNameOf(uid_t uid);
std::string groupNameOf(gid_t gid);

class NodeIdentityPolicy {
public:
    explicit NodeIdentityPolicy(const HelperConfig& config);

    // The identity of `setUser` / `setGroup` (config values: a name or a decimal id). Without
    // set-user: nobody; without set-group: the primary group of the user. Throws
    // HelperError(`refusal`) naming `where`, the value and the rule when it is unknown, not a
    // valid id or not set aside for nodes.
    NodeIdentity resolve(const std::optional<std::string>& setUser,
                         const std::optional<std::string>& setGroup, const std::string& where,
                         ErrorKind refusal) const;

    // Refuses (HelperError(`refusal`)) a set-user / set-group value the rule would refuse in
    // any family; `where` names the file.
    void checkUser(const std::string& value, const std::string& where, ErrorKind refusal) const;
    void checkGroup(const std::string& value, const std::string& where, ErrorKind refusal) const;

    // True when launching as `identity` is launching as someone else than `caller`: its
    // own uid with its own primary group, or nobody with its group, are not.
    bool isOtherThanCaller(const NodeIdentity& identity, uid_t caller) const;

    const NodeIdentity& fallback() const { return m_fallback; }

private:
    uid_t userId(const std::string& value, const std::string& where, ErrorKind refusal) const;
    gid_t groupId(const std::string& value, const std::string& where, ErrorKind refusal) const;
    bool isNodeUid(uid_t uid) const;
    bool isNodeGid(gid_t gid) const;

    const HelperConfig& m_config;
    NodeIdentity m_fallback;
};

} // namespace redpak::helper
