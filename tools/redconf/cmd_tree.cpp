// SPDX-License-Identifier: Apache-2.0
// redconf tree [--redroot DIR] [DIR]: every rednode at or below DIR, children indented under
// their parent, with alias, state, whether an admin config exists, and path.
#include "command.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/text_escape.h"
#include "redpak/config/parser.h"
#include "redpak/tree/node.h"

#include <algorithm>

namespace redconf {

namespace {

std::string padded(std::string text, std::size_t width) {
    text.resize(std::max(width, text.size() + 1), ' ');
    return text;
}

int runTree(const Arguments& args) {
    const std::string dir = args.directory("--redroot");
    const redpak::TreeWalk walk = redpak::walkTree(dir);
    const std::vector<redpak::TreeEntry>& entries = walk.entries;
    // What the walk could not see is said, never skipped: the listing is then incomplete.
    int status = walk.uninspected.empty() ? 0 : 1;
    std::string notInspected;
    for (const redpak::UninspectedDirectory& skipped : walk.uninspected) {
        notInspected += "NOT INSPECTED " + redpak::escapeText(skipped.path.string()) + ": " +
                        redpak::escapeText(skipped.reason) + "\n";
    }
    if (entries.empty()) {
        print("no rednode at or below " + redpak::escapeText(dir) + "\n" + notInspected);
        return status;
    }
    std::vector<int> level(entries.size(), 0);
    std::string out;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const redpak::TreeEntry& entry = entries[i];
        if (entry.parentIndex >= 0) {
            level[i] = level[static_cast<std::size_t>(entry.parentIndex)] + 1;
        }
        std::string alias = "?";
        std::string state = "?";
        try {
            alias = redpak::loadConfigFile(entry.location.normalConfig).headers.alias.value;
            state =
                std::string(redpak::toString(redpak::readStatus(entry.location.statusFile).state));
        } catch (const redpak::InputError& error) {
            printError("redconf: " + error.diagnostic().format() + "\n");
            status = 1;
        }
        // Names and paths are escaped: a directory name must not rewrite the listing.
        out += padded(std::string(static_cast<std::size_t>(level[i]) * 2, ' ') +
                          redpak::escapeText(alias),
                      24);
        out += padded(state, 9);
        out += padded(entry.location.adminConfig ? "admin" : "-", 7);
        out += redpak::escapeText(entry.location.base.string()) + "\n";
    }
    print(padded("ALIAS", 24) + padded("STATE", 9) + padded("ADMIN", 7) + "PATH\n" + out +
          notInspected);
    return status;
}

} // namespace

extern const Command kTreeCommand; // declared in main.cpp
const Command kTreeCommand{
    "tree",
    "show the rednodes at or below DIR (alias, state, admin config, path)",
    "DIR",
    {
        {"--redroot", "DIR", "directory to list (same as the DIR argument)"},
    },
    0,
    1,
    runTree,
};

} // namespace redconf
