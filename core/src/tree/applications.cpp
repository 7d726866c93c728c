// SPDX-License-Identifier: Apache-2.0
#include "redpak/tree/applications.h"

#include "base/json.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/safe_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace redpak {

namespace {

constexpr std::size_t kMaxApplicationIdBytes = 128;

bool isIdCharacter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

fs::path applicationFile(const fs::path& base, std::string_view id) {
    return applicationsDirectory(base) / applicationFileName(id);
}

// BASE/applications as a real directory, created when missing.
void ensureApplicationsDirectory(const fs::path& base) {
    const fs::path dir = applicationsDirectory(base);
    struct stat info {};
    if (::lstat(dir.c_str(), &info) == 0) {
        if (!S_ISDIR(info.st_mode)) {
            failInput(dir.string(), "is a symbolic link or not a directory; a rednode's "
                                    "applications/ must be a real directory of the node");
        }
        return;
    }
    if (errno != ENOENT || ::mkdir(dir.c_str(), 0755) != 0) {
        failInput(dir.string(), std::string("cannot create: ") + std::strerror(errno));
    }
}

} // namespace

fs::path applicationsDirectory(const fs::path& base) {
    return base / kApplicationsDirName;
}

bool isValidApplicationId(std::string_view id) {
    return !id.empty() && id.size() <= kMaxApplicationIdBytes && id.front() != '.' &&
           id.front() != '-' && std::all_of(id.begin(), id.end(), isIdCharacter);
}

void requireValidApplicationId(std::string_view id, const fs::path& shown) {
    if (!isValidApplicationId(id)) {
        failInput(shown.string(),
                  "'" + std::string(id) +
                      "' is not a valid application ID (ASCII letters, digits, '-', '_' and '.', "
                      "not starting with '.' or '-', at most 128 bytes)");
    }
}

std::string applicationFileName(std::string_view id) {
    return std::string(id) + std::string(kApplicationFileSuffix);
}

std::vector<std::string> applicationFileNames(std::vector<std::string> names, const fs::path& dir) {
    std::erase_if(names, [](const std::string& name) {
        return name.empty() || name.front() == '.' ||
               name.size() <= kApplicationFileSuffix.size() ||
               !name.ends_with(kApplicationFileSuffix);
    });
    if (names.size() > kMaxNodeApplications) {
        failInput(dir.string(),
                  "holds more than " + std::to_string(kMaxNodeApplications) + " applications");
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string applicationIdOfFile(std::string_view fileName, const fs::path& shown) {
    std::string id(fileName.substr(
        0, fileName.size() - std::min(fileName.size(), kApplicationFileSuffix.size())));
    requireValidApplicationId(id, shown);
    return id;
}

std::string applicationIdFor(std::string_view name) {
    std::string id;
    for (const char c : name) {
        const bool letterOrDigit =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        if (letterOrDigit) {
            id += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else if (!id.empty() && id.back() != '-') {
            id += '-';
        }
    }
    while (!id.empty() && id.back() == '-') {
        id.pop_back();
    }
    id.resize(std::min(id.size(), kMaxApplicationIdBytes));
    return id.empty() ? std::string("application") : id;
}

std::vector<NodeApplication> leafApplications(const FamilySnapshot& family) {
    std::vector<NodeApplication> out;
    for (const SnapshotFile& file : family.leaf().applications) {
        std::string id = applicationIdOfFile(file.path.filename().string(), file.path);
        out.push_back(
            {std::move(id), file.path, DesktopEntry::parse(file.content, file.path.string())});
    }
    return out;
}

const NodeApplication& findApplication(const std::vector<NodeApplication>& applications,
                                       std::string_view idOrName, const fs::path& node) {
    for (const NodeApplication& application : applications) {
        if (application.id == idOrName) {
            return application;
        }
    }
    const NodeApplication* named = nullptr;
    std::string ids;
    for (const NodeApplication& application : applications) {
        if (application.entry.name() == idOrName) {
            ids += (ids.empty() ? "" : ", ") + application.id;
            named = named ? named : &application;
        }
    }
    if (named && ids.find(',') != std::string::npos) {
        failInput(node.string(), "several applications are called '" + std::string(idOrName) +
                                     "' (" + ids + "); give the ID of one");
    }
    if (!named) {
        failInput(node.string(), "the node has no application '" + std::string(idOrName) +
                                     "' ('redconf app list' shows its applications)");
    }
    return *named;
}

std::string formatApplicationsJson(const std::vector<NodeApplication>& applications) {
    using detail::JsonArray;
    using detail::JsonObject;
    JsonArray list;
    for (const NodeApplication& application : applications) {
        const DesktopEntry& entry = application.entry;
        const std::vector<std::string> categories = entry.categories();
        list.push_back(JsonObject{
            {"id", application.id},
            {"file", application.file.string()},
            {"name", entry.name()},
            {"exec", JsonArray(entry.execTokens().begin(), entry.execTokens().end())},
            {"icon", entry.icon()},
            {"terminal", entry.terminal()},
            {"categories", JsonArray(categories.begin(), categories.end())},
        });
    }
    return detail::writeJson(JsonObject{{"applications", std::move(list)}});
}

void writeApplication(const fs::path& base, std::string_view id, std::string_view content) {
    const fs::path file = applicationFile(base, id);
    requireValidApplicationId(id, file);
    DesktopEntry::parse(content, file.string()); // nothing invalid is ever written
    ensureApplicationsDirectory(base);
    writeFileAtomically(file, content, 0644, ModeBits::Exact);
}

void removeApplication(const fs::path& base, std::string_view id) {
    const fs::path file = applicationFile(base, id);
    requireValidApplicationId(id, file);
    if (::unlink(file.c_str()) != 0) {
        failInput(file.string(), errno == ENOENT
                                     ? "the node has no application '" + std::string(id) + "'"
                                     : std::string("cannot remove: ") + std::strerror(errno));
    }
}

} // namespace redpak
