// SPDX-License-Identifier: Apache-2.0
#include "redpak/tree/application_menu.h"

#include "redpak/base/diagnostic.h"
#include "redpak/base/digest.h"
#include "redpak/base/safe_file.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
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
    // %U: whatever the desktop opens with it reaches the application's own field codes.
    text +=
        "Exec=" +
        encodeDesktopString(
            formatExecLine({source.redwrap, "--redpath", node, "--app", application.id}) + " %U") +
        "\n";
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
