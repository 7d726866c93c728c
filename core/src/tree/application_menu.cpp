// SPDX-License-Identifier: Apache-2.0
#include "redpak/tree/application_menu.h"

#include "redpak/base/diagnostic.h"
#include "redpak/base/digest.h"
#include "redpak/base/safe_file.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;

namespace redpak {

namespace {

constexpr std::string_view kNodeKey = "X-RedPak-Node";
constexpr std::string_view kApplicationKey = "X-RedPak-Application";

fs::path entryPath(const fs::path& menuDir, const fs::path& node, std::string_view id) {
    return menuDir / (menuEntryId(node, id) + std::string(kApplicationFileSuffix));
}

// The X-RedPak-Node of a menu entry of ours, empty for any other file.
std::string entryNode(const fs::path& file) {
    try {
        const DesktopEntry entry =
            DesktopEntry::parse(readLimitedFile(file, kMaxDesktopEntryBytes), file.string());
        return entry.value(kNodeKey).value_or(std::string());
    } catch (const InputError&) {
        return {}; // not an entry of ours: left alone
    }
}

bool isSameOrBelowPath(const fs::path& inner, const fs::path& outer) {
    const std::string in = inner.lexically_normal().string();
    const std::string out = outer.lexically_normal().string();
    return in == out || (in.size() > out.size() && in.compare(0, out.size(), out) == 0 &&
                         (out.back() == '/' || in[out.size()] == '/'));
}

} // namespace

fs::path userApplicationsDirectory() {
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && data[0] == '/') {
        return fs::path(data) / "applications";
    }
    if (const char* home = std::getenv("HOME"); home && home[0] == '/') {
        return fs::path(home) / ".local/share/applications";
    }
    failInput("XDG_DATA_HOME", "neither XDG_DATA_HOME nor HOME is an absolute path: no "
                               "directory for the user's menu entries");
}

std::string menuEntryId(const fs::path& node, std::string_view applicationId) {
    return "redpak-" + sha256Hex(node.lexically_normal().string()).substr(0, 12) + "-" +
           std::string(applicationId);
}

std::string formatMenuEntry(const MenuEntrySource& source) {
    const NodeApplication& application = *source.application;
    const DesktopEntry& entry = application.entry;
    const std::string node = source.node.string();
    std::string text =
        "[Desktop Entry]\nType=Application\nVersion=" + std::string(kWrittenDesktopEntryVersion) +
        "\n";
    text += "Name=" + encodeDesktopString(entry.name() + " (" + source.nodeName + ")") + "\n";
    text += "Comment=" + encodeDesktopString("Runs sandboxed in the rednode " + node) + "\n";
    text += "TryExec=" + encodeDesktopString(source.redwrap) + "\n";
    // What the desktop opens with it reaches the application's own field codes, as files or
    // URLs as the application asks for them.
    std::string exec = formatExecLine({source.redwrap, "--redpath", node, "--app", application.id});
    if (const std::string_view code = fileArgumentsCode(entry); !code.empty()) {
        exec += " " + std::string(code);
    }
    text += "Exec=" + encodeDesktopString(exec) + "\n";
    if (!entry.icon().empty()) {
        text += "Icon=" + encodeDesktopString(entry.icon()) + "\n";
    }
    text += std::string("Terminal=") + (entry.terminal() ? "true" : "false") + "\n";
    if (const auto categories = entry.value("Categories")) {
        text += "Categories=" + encodeDesktopString(*categories) + "\n";
    }
    text += std::string(kNodeKey) + "=" + encodeDesktopString(node) + "\n";
    text += std::string(kApplicationKey) + "=" + application.id + "\n";
    DesktopEntry::parse(text, menuEntryId(source.node, application.id));
    return text;
}

fs::path installMenuEntry(const fs::path& menuDir, const MenuEntrySource& source) {
    std::error_code error;
    fs::create_directories(menuDir, error);
    if (error) {
        failInput(menuDir.string(), "cannot create: " + error.message());
    }
    const fs::path file = entryPath(menuDir, source.node, source.application->id);
    writeFileAtomically(file, formatMenuEntry(source), 0644);
    return file;
}

bool removeMenuEntry(const fs::path& menuDir, const fs::path& node,
                     std::string_view applicationId) {
    const fs::path file = entryPath(menuDir, node, applicationId);
    if (::unlink(file.c_str()) == 0) {
        return true;
    }
    if (errno != ENOENT) {
        failInput(file.string(), std::string("cannot remove: ") + std::strerror(errno));
    }
    return false;
}

std::vector<fs::path> removeMenuEntriesOfNode(const fs::path& menuDir, const fs::path& node) {
    std::vector<fs::path> removed;
    std::error_code error;
    for (const fs::directory_entry& item : fs::directory_iterator(menuDir, error)) {
        const fs::path file = item.path();
        const std::string name = file.filename().string();
        if (!name.starts_with("redpak-") || !name.ends_with(kApplicationFileSuffix)) {
            continue;
        }
        const std::string owner = entryNode(file);
        if (!owner.empty() && isSameOrBelowPath(owner, node) && ::unlink(file.c_str()) == 0) {
            removed.push_back(file);
        }
    }
    return removed;
}

std::vector<fs::path> hostApplicationDirectories() {
    std::vector<fs::path> dirs;
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && data[0] == '/') {
        dirs.push_back(fs::path(data) / "applications");
    } else if (const char* home = std::getenv("HOME"); home && home[0] == '/') {
        dirs.push_back(fs::path(home) / ".local/share/applications");
    }
    const char* given = std::getenv("XDG_DATA_DIRS");
    const std::string list = given && given[0] ? given : "/usr/local/share:/usr/share";
    for (std::size_t start = 0; start <= list.size();) {
        const std::size_t end = std::min(list.find(':', start), list.size());
        const std::string dir = list.substr(start, end - start);
        if (!dir.empty() && dir.front() == '/') { // relative entries are ignored
            dirs.push_back(fs::path(dir) / "applications");
        }
        start = end + 1;
    }
    return dirs;
}

namespace {

// "kde/konsole.desktop" below `dir` -> "kde-konsole" (Desktop Entry Specification, file ID).
std::string desktopFileId(const fs::path& dir, const fs::path& file) {
    std::string id = file.lexically_relative(dir).string();
    id.resize(id.size() - kApplicationFileSuffix.size());
    std::replace(id.begin(), id.end(), '/', '-');
    return id;
}

std::optional<HostApplication> shownApplication(const fs::path& dir, const fs::path& file) {
    try {
        DesktopEntry entry =
            DesktopEntry::parse(readLimitedFile(file, kMaxDesktopEntryBytes), file.string());
        if (entry.value("NoDisplay") == "true" || entry.value("Hidden") == "true" ||
            entry.value(kNodeKey)) {
            return std::nullopt;
        }
        return HostApplication{desktopFileId(dir, file), file, std::move(entry)};
    } catch (const InputError&) {
        return std::nullopt; // a menu skips what it cannot read, and so do we
    }
}

} // namespace

std::vector<HostApplication> hostApplications(const std::vector<fs::path>& dirs) {
    std::vector<HostApplication> out;
    std::set<std::string> seen;
    for (const fs::path& dir : dirs) {
        std::error_code error;
        for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end;
             it.increment(error)) {
            const fs::path file = it->path();
            if (!file.string().ends_with(kApplicationFileSuffix) || !it->is_regular_file()) {
                continue;
            }
            // A higher directory's entry hides a lower one of the same ID, even a hidden one.
            if (!seen.insert(desktopFileId(dir, file)).second) {
                continue;
            }
            if (std::optional<HostApplication> shown = shownApplication(dir, file)) {
                out.push_back(std::move(*shown));
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const HostApplication& a, const HostApplication& b) {
        return a.entry.name() < b.entry.name();
    });
    return out;
}

bool refreshDesktopDatabase(const fs::path& menuDir) {
    const std::string dir = menuDir.string();
    const char* argv[] = {"update-desktop-database", "-q", dir.c_str(), nullptr};
    pid_t pid = 0;
    if (::posix_spawnp(&pid, argv[0], nullptr, nullptr, const_cast<char**>(argv), environ) != 0) {
        return false;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace redpak
