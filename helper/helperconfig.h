// SPDX-License-Identifier: Apache-2.0
// The helper's own configuration (/etc/redpak/helper.conf): which directories hold the nodes
// it serves, where it keeps its journal and approvals, when it quits. The file decides what
// root may write, so it is refused unless root owns it and nobody else can write it.
//
// Format, one directive per line, '#' starts a comment:
//   root LABEL /absolute/path     (repeatable; LABEL has the alias syntax)
//   state-dir /absolute/path      (journal and approvals; default /var/lib/redpak)
//   idle-timeout SECONDS          (quit when idle and no launch runs; default 60)
// Without the file, the single root "system" is /var/redpak.
#pragma once

#include <chrono>
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

struct HelperConfig {
    std::vector<NodeRoot> roots{{"system", "/var/redpak"}};
    std::filesystem::path stateDir = "/var/lib/redpak";
    std::chrono::seconds idleTimeout{60};

    const NodeRoot* findRoot(std::string_view label) const;

    // Parses the text of a helper.conf. Throws HelperError(InvalidArgument) with
    // "FILE:LINE: message".
    static HelperConfig parse(std::string_view text, const std::string& fileName);

    // Reads `file` (defaults when it does not exist). Throws HelperError when the file is
    // not a regular file owned by root and unwritable by group and others, or is invalid.
    static HelperConfig load(const std::filesystem::path& file);
};

} // namespace redpak::helper
