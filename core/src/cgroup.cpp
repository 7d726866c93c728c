// SPDX-License-Identifier: Apache-2.0
// cgroup v2 setup for a launch: one cgroup per node of the family, nested like the nodes, so
// that the kernel composes the limits (merge-and-launch.md §2 "cgroups").
#include "redpak/launch.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace redpak {
namespace {

void writeFile(const std::string& path, const std::string& value) {
    const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        throw LaunchError("cannot open " + path + ": " + std::strerror(errno));
    }
    const ssize_t n = write(fd, value.data(), value.size());
    const int savedErrno = errno;
    close(fd);
    if (n != static_cast<ssize_t>(value.size())) {
        throw LaunchError("cannot write \"" + value + "\" to " + path + ": " +
                          std::strerror(n < 0 ? savedErrno : EIO));
    }
}

void makeDirectory(const std::string& path) {
    if (mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
        throw LaunchError("cannot create cgroup " + path + ": " + std::strerror(errno));
    }
}

// "memory.max" -> "memory": the controller a limit file belongs to.
std::string controllerOf(const std::string& file) {
    return file.substr(0, file.find('.'));
}

} // namespace

std::string cgroup2MountPoint() {
    const int fd = open("/proc/self/mounts", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return {};
    }
    std::string content;
    char buffer[8192];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) {
        content.append(buffer, static_cast<std::size_t>(n));
    }
    close(fd);
    std::size_t start = 0;
    while (start < content.size()) {
        std::size_t end = content.find('\n', start);
        if (end == std::string::npos) {
            end = content.size();
        }
        const std::string line = content.substr(start, end - start);
        const std::size_t a = line.find(' ');
        const std::size_t b = a == std::string::npos ? a : line.find(' ', a + 1);
        const std::size_t c = b == std::string::npos ? b : line.find(' ', b + 1);
        if (c != std::string::npos && line.compare(b + 1, c - b - 1, "cgroup2") == 0) {
            return line.substr(a + 1, b - a - 1);
        }
        start = end + 1;
    }
    return {};
}

void applyCgroups(const std::vector<CgroupStep>& steps, const std::string& root, int pid) {
    if (steps.empty()) {
        return;
    }
    makeDirectory(root);
    // Controllers are enabled top-down: a limit file only exists in a cgroup whose parent
    // delegates the controller.
    std::set<std::string> controllers;
    for (const CgroupStep& step : steps) {
        for (const auto& [file, value] : step.files) {
            controllers.insert(controllerOf(file));
        }
    }
    std::string enable;
    for (const std::string& c : controllers) {
        enable += (enable.empty() ? "+" : " +") + c;
    }
    std::string parent = root;
    for (const CgroupStep& step : steps) {
        if (!enable.empty()) {
            writeFile(parent + "/cgroup.subtree_control", enable);
        }
        const std::string dir = root + "/" + step.relativeDir;
        makeDirectory(dir);
        for (const auto& [file, value] : step.files) {
            writeFile(dir + "/" + file, value);
        }
        parent = dir;
    }
    writeFile(parent + "/cgroup.procs", std::to_string(pid));
}

} // namespace redpak
