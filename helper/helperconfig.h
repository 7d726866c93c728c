// SPDX-License-Identifier: Apache-2.0
// The helper's own configuration (/etc/redpak/helper.conf): which directories hold the nodes
// it serves, where it keeps its journal and approvals, when it quits. The file decides what
// root may write, so it is refused unless root owns it and nobody else can write it.
//
// Format, one directive per line, '#' starts a comment:
//   root LABEL /absolute/path     (repeatable; LABEL has the alias syntax)
//   state-dir /absolute/path      (journal and approvals; default /var/lib/redpak)
//   idle-timeout SECONDS          (quit when idle and no launch runs; default 60)
//   node-uids FIRST-LAST          (uids set aside for nodes: `set-user` may name them)
//   node-gids FIRST-LAST          (gids set aside for nodes: `set-group` may name them)
//   node-group NAME               (repeatable; a group set aside for nodes)
// Without the file, the single root "system" is /var/redpak. Without node-* directives the
// only identity a node may run as is nobody and its group (nodeidentity.h). A node range may
// not contain 0 nor 4294967295, nor overlap the login accounts of /etc/login.defs (UID_MIN to
// UID_MAX, GID_MIN to GID_MAX): people's accounts are never node identities.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak::helper {

inline constexpr const char* kDefaultConfigFile = "/etc/redpak/helper.conf";

struct NodeRoot {
    std::string label;
    std::filesystem::path path;
};

// An inclusive range of uids or gids.
struct IdRange {
    std::uint32_t first = 0;
    std::uint32_t last = 0;

    bool contains(std::uint32_t id) const { return first <= id && id <= last; }
    bool overlaps(const IdRange& other) const { return first <= other.last && other.first <= last; }
    std::string text() const { return std::to_string(first) + "-" + std::to_string(last); }
};

// The ids of people's login accounts, from /etc/login.defs (login(1) defaults when absent).
struct LoginAccountRanges {
    IdRange uids{1000, 60000};
    IdRange gids{1000, 60000};

    // Throws HelperError(InvalidArgument) naming the file and line of a malformed value.
    static LoginAccountRanges load(const std::filesystem::path& file);
};

// A decimal uid or gid the kernel accepts (0 to 4294967294, no sign); nullopt otherwise.
std::optional<std::uint32_t> parseNumericId(const std::string& text);

inline constexpr const char* kLoginDefsFile = "/etc/login.defs";

struct HelperConfig {
    std::vector<NodeRoot> roots{{"system", "/var/redpak"}};
    std::filesystem::path stateDir = "/var/lib/redpak";
    std::chrono::seconds idleTimeout{60};
    std::optional<IdRange> nodeUids;
    std::optional<IdRange> nodeGids;
    std::vector<std::string> nodeGroups;
    LoginAccountRanges loginAccounts;

    const NodeRoot* findRoot(std::string_view label) const;

    // Parses the text of a helper.conf. Throws HelperError(InvalidArgument) with
    // "FILE:LINE: message".
    static HelperConfig parse(std::string_view text, const std::string& fileName);

    // Reads `file` (defaults when it does not exist) and the login account ranges of
    // `loginDefs`. Throws HelperError when the file is not a regular file owned by root and
    // unwritable by group and others, is invalid, or sets aside ids of login accounts.
    static HelperConfig load(const std::filesystem::path& file,
                             const std::filesystem::path& loginDefs = kLoginDefsFile);
};

} // namespace redpak::helper
