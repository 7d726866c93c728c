// SPDX-License-Identifier: Apache-2.0
#include "nodeidentity.h"

#include <grp.h>
#include <pwd.h>
#include <vector>

namespace redpak::helper {
namespace {

// Reentrant lookups: the helper resolves on its worker thread.
std::optional<passwd> lookupUser(const char* name, std::optional<uid_t> uid,
                                 std::vector<char>& buffer) {
    buffer.resize(16384);
    passwd entry{};
    passwd* found = nullptr;
    const int error = name ? ::getpwnam_r(name, &entry, buffer.data(), buffer.size(), &found)
                           : ::getpwuid_r(*uid, &entry, buffer.data(), buffer.size(), &found);
    if (error != 0 || found == nullptr) {
        return std::nullopt;
    }
    return entry;
}

std::optional<gid_t> groupNamed(const std::string& name) {
    std::vector<char> buffer(16384);
    group entry{};
    group* found = nullptr;
    if (::getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 ||
        found == nullptr) {
        return std::nullopt;
    }
    return entry.gr_gid;
}

std::optional<gid_t> primaryGroupOf(uid_t uid) {
    std::vector<char> buffer;
    const std::optional<passwd> entry = lookupUser(nullptr, uid, buffer);
    return entry ? std::optional<gid_t>(entry->pw_gid) : std::nullopt;
}

bool isAllDigits(const std::string& text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

std::string setAsideText(const std::optional<IdRange>& range, const char* directive) {
    return range ? std::string("helper.conf ") + directive + " " + range->text()
                 : std::string("helper.conf has no ") + directive + ": only nobody's";
}

} // namespace

std::string userNameOf(uid_t uid) {
    std::vector<char> buffer;
    const std::optional<passwd> entry = lookupUser(nullptr, uid, buffer);
    return entry ? std::string(entry->pw_name) : std::to_string(uid);
}

std::string groupNameOf(gid_t gid) {
    std::vector<char> buffer(16384);
    group entry{};
    group* found = nullptr;
    if (::getgrgid_r(gid, &entry, buffer.data(), buffer.size(), &found) != 0 || !found) {
        return std::to_string(gid);
    }
    return entry.gr_name;
}

std::string NodeIdentity::text() const {
    return std::to_string(uid) + ":" + std::to_string(gid);
}

std::optional<NodeIdentity> NodeIdentity::parse(const std::string& text) {
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    const auto uid = parseNumericId(text.substr(0, colon));
    const auto gid = parseNumericId(text.substr(colon + 1));
    if (!uid || !gid) {
        return std::nullopt;
    }
    return NodeIdentity{*uid, *gid};
}

NodeIdentityPolicy::NodeIdentityPolicy(const HelperConfig& config) : m_config(config) {
    std::vector<char> buffer;
    const std::optional<passwd> nobody = lookupUser(kFallbackLaunchUser, std::nullopt, buffer);
    m_fallback = nobody ? NodeIdentity{nobody->pw_uid, nobody->pw_gid} : NodeIdentity{65534, 65534};
}

bool NodeIdentityPolicy::isNodeUid(uid_t uid) const {
    if (uid == 0) {
        return false;
    }
    return uid == m_fallback.uid || (m_config.nodeUids && m_config.nodeUids->contains(uid) &&
                                     !m_config.loginAccounts.uids.contains(uid));
}

bool NodeIdentityPolicy::isNodeGid(gid_t gid) const {
    if (gid == 0) {
        return false;
    }
    if (gid == m_fallback.gid || (m_config.nodeGids && m_config.nodeGids->contains(gid) &&
                                  !m_config.loginAccounts.gids.contains(gid))) {
        return true;
    }
    for (const std::string& name : m_config.nodeGroups) {
        if (groupNamed(name) == gid) {
            return true;
        }
    }
    return false;
}

uid_t NodeIdentityPolicy::userId(const std::string& value, const std::string& where,
                                 ErrorKind refusal) const {
    const auto fail = [&](const std::string& why) {
        throw HelperError(refusal, where + ": set-user " + value + ": " + why);
    };
    uid_t uid = 0;
    if (const std::optional<std::uint32_t> number = parseNumericId(value)) {
        uid = *number;
    } else if (isAllDigits(value)) {
        fail("not a valid uid (0 to 4294967294)");
    } else {
        std::vector<char> buffer;
        const std::optional<passwd> entry = lookupUser(value.c_str(), std::nullopt, buffer);
        if (!entry) {
            fail("unknown user");
        }
        uid = entry->pw_uid;
    }
    if (uid == 0) {
        fail("is root; the helper launches nodes unprivileged");
    }
    if (m_config.loginAccounts.uids.contains(uid)) {
        fail("uid " + std::to_string(uid) + " is a login account (UID_MIN-UID_MAX " +
             m_config.loginAccounts.uids.text() + "), never a node identity");
    }
    if (!isNodeUid(uid)) {
        fail("uid " + std::to_string(uid) + " is not set aside for nodes (" +
             setAsideText(m_config.nodeUids, "node-uids") + ")");
    }
    return uid;
}

gid_t NodeIdentityPolicy::groupId(const std::string& value, const std::string& where,
                                  ErrorKind refusal) const {
    const auto fail = [&](const std::string& why) {
        throw HelperError(refusal, where + ": set-group " + value + ": " + why);
    };
    gid_t gid = 0;
    if (const std::optional<std::uint32_t> number = parseNumericId(value)) {
        gid = *number;
    } else if (isAllDigits(value)) {
        fail("not a valid gid (0 to 4294967294)");
    } else if (const std::optional<gid_t> found = groupNamed(value)) {
        gid = *found;
    } else {
        fail("unknown group");
    }
    if (gid == 0) {
        fail("is root's group; the helper launches nodes unprivileged");
    }
    if (!isNodeGid(gid)) {
        fail("gid " + std::to_string(gid) + " is not set aside for nodes (" +
             setAsideText(m_config.nodeGids, "node-gids") +
             " group, or a node-group): any other group may give access to files");
    }
    return gid;
}

void NodeIdentityPolicy::checkUser(const std::string& value, const std::string& where,
                                   ErrorKind refusal) const {
    userId(value, where, refusal);
}

void NodeIdentityPolicy::checkGroup(const std::string& value, const std::string& where,
                                    ErrorKind refusal) const {
    groupId(value, where, refusal);
}

NodeIdentity NodeIdentityPolicy::resolve(const std::optional<std::string>& setUser,
                                         const std::optional<std::string>& setGroup,
                                         const std::string& where, ErrorKind refusal) const {
    const uid_t uid = setUser ? userId(*setUser, where, refusal) : m_fallback.uid;
    if (setGroup) {
        return {uid, groupId(*setGroup, where, refusal)};
    }
    if (!setUser) {
        return m_fallback;
    }
    const std::optional<gid_t> primary = primaryGroupOf(uid);
    if (!primary) {
        throw HelperError(refusal, where + ": set-user " + *setUser +
                                       " has no passwd entry: set-group must name its group");
    }
    if (!isNodeGid(*primary)) {
        throw HelperError(refusal, where + ": the primary group " + std::to_string(*primary) +
                                       " of set-user " + *setUser +
                                       " is not set aside for nodes: name one with set-group");
    }
    return {uid, *primary};
}

bool NodeIdentityPolicy::isOtherThanCaller(const NodeIdentity& identity, uid_t caller) const {
    if (identity == m_fallback) {
        return false;
    }
    return identity.uid != caller || primaryGroupOf(caller) != identity.gid;
}

} // namespace redpak::helper
