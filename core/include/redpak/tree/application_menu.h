// SPDX-License-Identifier: Apache-2.0
// A node's application in the user's desktop menu: a desktop entry in
// $XDG_DATA_HOME/applications (XDG Base Directory and Desktop Entry specifications) whose Exec
// runs it with `redwrap --redpath NODE --app ID [%U|%F]`. Its X-RedPak-Node and
// X-RedPak-Application keys say which node and application it stands for, so that removing either
// removes it.
#pragma once

#include "redpak/tree/applications.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

// $XDG_DATA_HOME/applications, else $HOME/.local/share/applications (a relative
// XDG_DATA_HOME is ignored, as the specification says). Throws InputError when neither is set.
std::filesystem::path userApplicationsDirectory();

// The desktop file ID of the menu entry of application `applicationId` of the node at `node`:
// "redpak-" + 12 hex digits of the node's path digest + "-" + the application ID, unique per
// node and application, stable across runs.
std::string menuEntryId(const std::filesystem::path& node, std::string_view applicationId);

struct MenuEntrySource {
    std::filesystem::path node; // canonical base directory of the node
    std::string nodeName;       // the node's alias, else its directory name
    const NodeApplication* application = nullptr;
    std::string redwrap; // the redwrap to run (absolute path)
};

// The menu entry's text: Name "NAME (NODE)", the application's Icon, Terminal and Categories, a
// Comment naming the node, TryExec and Exec running redwrap.
std::string formatMenuEntry(const MenuEntrySource& source);

// Writes the entry in `menuDir` (created when missing) atomically; returns its path.
std::filesystem::path installMenuEntry(const std::filesystem::path& menuDir,
                                       const MenuEntrySource& source);
// Removes the entry of one application; false when there was none.
bool removeMenuEntry(const std::filesystem::path& menuDir, const std::filesystem::path& node,
                     std::string_view applicationId);
// Removes every entry of `menuDir` whose X-RedPak-Node is `node` or below it (a node deleted
// with its children); returns their paths.
std::vector<std::filesystem::path> removeMenuEntriesOfNode(const std::filesystem::path& menuDir,
                                                           const std::filesystem::path& node);

// Where the host's applications are, most important first: $XDG_DATA_HOME/applications, then
// the applications/ of each $XDG_DATA_DIRS entry (default /usr/local/share:/usr/share).
std::vector<std::filesystem::path> hostApplicationDirectories();

// An application installed on the host, as a desktop menu lists it.
struct HostApplication {
    std::string id; // desktop file ID ("org.gnome.Calculator", "kde-konsole" for kde/konsole)
    std::filesystem::path file;
    DesktopEntry entry;
};

// What a menu shows from `dirs`: valid application entries that are not NoDisplay or Hidden,
// the first of each desktop file ID in `dirs` order, without the entries of sandboxed
// applications (X-RedPak-Node), sorted by name. Entries that do not parse are skipped.
std::vector<HostApplication> hostApplications(const std::vector<std::filesystem::path>& dirs);

// Runs `update-desktop-database -q menuDir` when the host has it, so that menus see the change
// at once. Returns false when it is missing or fails (menus still rescan the directory later).
bool refreshDesktopDatabase(const std::filesystem::path& menuDir);

} // namespace redpak
