// SPDX-License-Identifier: Apache-2.0
// The applications of a node: desktop entries (config/desktop_entry.h) in BASE/applications/,
// one file ID.desktop each. They are files of the node like its configs: read with the family
// snapshot (the leaf's, by descriptor, with the family's trust rules), protected from every
// node by recommendation 4 (the plan refuses an export that reaches them), digested by the
// audit record, written atomically by the node's owner or by the helper for system nodes.
#pragma once

#include "redpak/config/desktop_entry.h"
#include "redpak/tree/family_snapshot.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

inline constexpr std::string_view kApplicationsDirName = "applications";
inline constexpr std::string_view kApplicationFileSuffix = ".desktop";
inline constexpr std::size_t kMaxNodeApplications = 256;

// BASE/applications of the node at `base`.
std::filesystem::path applicationsDirectory(const std::filesystem::path& base);

// An application ID is a desktop file ID without its suffix: ASCII letters, digits, '-', '_'
// and '.', not starting with '.' or '-', at most 128 bytes.
bool isValidApplicationId(std::string_view id);
// Throws InputError naming `shown` when `id` is not a valid application ID, saying the rule.
void requireValidApplicationId(std::string_view id, const std::filesystem::path& shown);
// "ID.desktop", the file of the application `id` in BASE/applications.
std::string applicationFileName(std::string_view id);
// The desktop entries among the entry names of a BASE/applications (at `dir`, for messages):
// the names ending in ".desktop" that do not start with '.' (the temporary files of atomic
// writes), sorted. Throws InputError when there are more than kMaxNodeApplications.
std::vector<std::string> applicationFileNames(std::vector<std::string> names,
                                              const std::filesystem::path& dir);
// The ID of the application in `fileName` (one of applicationFileNames): the name without
// its suffix. Throws InputError (naming `shown`) when that is not a valid ID.
std::string applicationIdOfFile(std::string_view fileName, const std::filesystem::path& shown);
// The ID `redconf app add` gives an application called `name`: lower-case letters and digits,
// other runs of characters as one '-' ("Image Viewer 2" -> "image-viewer-2"); "application"
// when nothing is left.
std::string applicationIdFor(std::string_view name);

struct NodeApplication {
    std::string id;
    std::filesystem::path file;
    DesktopEntry entry;
};

// The applications of the leaf of `family` as its snapshot read them, sorted by ID. Throws
// InputError for a file that is not a valid desktop entry or has an invalid ID.
std::vector<NodeApplication> leafApplications(const FamilySnapshot& family);

// The application whose ID, else whose Name, is `idOrName`. Throws InputError (naming `node`)
// when there is none, or when several share that Name.
const NodeApplication& findApplication(const std::vector<NodeApplication>& applications,
                                       std::string_view idOrName,
                                       const std::filesystem::path& node);

// The applications as JSON (redconf app list --json): id, file, name, exec (the arguments,
// field codes as written), icon, terminal, categories.
std::string formatApplicationsJson(const std::vector<NodeApplication>& applications);

// Writes the application `id` of the node at `base` atomically (mode 0644), creating
// BASE/applications (0755) when missing. `content` must be a valid desktop entry. Throws
// InputError; the node's existing file is left as it was on any failure.
void writeApplication(const std::filesystem::path& base, std::string_view id,
                      std::string_view content);
// Removes the application `id` of the node at `base`. Throws InputError when it does not exist.
void removeApplication(const std::filesystem::path& base, std::string_view id);

} // namespace redpak
