// SPDX-License-Identifier: Apache-2.0
// cgroup v2 setup for a launch: one cgroup per node of the family, nested like the nodes, so
// that the kernel composes the limits (merge-and-launch.md §2 "cgroups").
#include "redpak/launch/launch.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <sys/xattr.h>
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

// The node recorded on the cgroup at `fd`, nullopt when there is none.
std::optional<std::string> recordedNode(int fd, const std::string& dir) {
    std::string value(PATH_MAX, '\0');
    const ssize_t n = fgetxattr(fd, kCgroupNodeAttribute, value.data(), value.size());
    if (n < 0) {
        if (errno == ENODATA) {
            return std::nullopt;
        }
        throw LaunchError("cannot read " + std::string(kCgroupNodeAttribute) + " of cgroup " + dir +
                          ": " + std::strerror(errno));
    }
    value.resize(static_cast<std::size_t>(n));
    return value;
}

// Creates the cgroup of `node` at `dir`, recording the node on it, or checks that the existing
// one was created for that node: a cgroup of another node (or of nobody known) is refused, so
// that a launch never rewrites the limits of someone else's running processes.
void claimCgroup(const std::string& dir, const std::string& node) {
    const bool created = mkdir(dir.c_str(), 0755) == 0;
    if (!created && errno != EEXIST) {
        throw LaunchError("cannot create cgroup " + dir + ": " + std::strerror(errno));
    }
    const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        throw LaunchError("cannot open cgroup " + dir + ": " + std::strerror(errno));
    }
    try {
        if (created) {
            if (fsetxattr(fd, kCgroupNodeAttribute, node.data(), node.size(), XATTR_CREATE) != 0) {
                const int savedErrno = errno;
                rmdir(dir.c_str());
                throw LaunchError("cannot record the node on cgroup " + dir + " (" +
                                  kCgroupNodeAttribute + "): " + std::strerror(savedErrno));
            }
        } else if (const std::optional<std::string> owner = recordedNode(fd, dir); !owner) {
            throw LaunchError("cgroup " + dir + " exists but was not created for a rednode (no " +
                              kCgroupNodeAttribute + "); refused for " + node);
        } else if (*owner != node) {
            throw LaunchError("cgroup " + dir + " belongs to the rednode " + *owner + ", not to " +
                              node + "; refused");
        }
    } catch (...) {
        close(fd);
        throw;
    }
    close(fd);
}

// `path` made absolute and free of symbolic links, `what` naming it in errors. A path that
// does not exist yet resolves through its parent (the launcher creates the last component).
std::string resolved(const std::string& path, const std::string& what) {
    std::error_code error;
    const std::filesystem::path p(path);
    if (std::filesystem::exists(p, error)) {
        const std::filesystem::path real = std::filesystem::canonical(p, error);
        if (!error) {
            return real.string();
        }
    } else {
        const std::filesystem::path parent = std::filesystem::canonical(p.parent_path(), error);
        if (!error) {
            return (parent / p.filename()).string();
        }
    }
    throw LaunchError("cannot resolve " + what + " " + path + ": " + error.message());
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

std::string checkCgroupRoot(const std::string& root, const std::string& mountPoint) {
    const std::string expected = "cgrouproot " + root +
                                 " must be a directory below the cgroup v2 "
                                 "hierarchy " +
                                 mountPoint;
    if (root.empty() || root.front() != '/') {
        throw LaunchError(expected + " (an absolute path)");
    }
    for (const auto& part : std::filesystem::path(root)) {
        if (part == "." || part == "..") {
            throw LaunchError(expected + " (without . or .. components)");
        }
    }
    const std::string mount = resolved(mountPoint, "the cgroup v2 mount point");
    const std::string real = resolved(root, "cgrouproot");
    if (!isSameOrBelow(real, mount) || isSameOrBelow(mount, real)) {
        throw LaunchError(expected + " (it resolves to " + real + ")");
    }
    return real;
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
        claimCgroup(dir, step.node);
        for (const auto& [file, value] : step.files) {
            writeFile(dir + "/" + file, value);
        }
        parent = dir;
    }
    writeFile(parent + "/cgroup.procs", std::to_string(pid));
}

} // namespace redpak
