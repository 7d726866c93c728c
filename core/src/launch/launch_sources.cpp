// SPDX-License-Identifier: Apache-2.0
#include "launch/launch_sources.h"

#include "redpak/base/fd_io.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <grp.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace redpak {

namespace {

std::string where(const TextOrigin& origin) {
    return origin.file + (origin.pos.line > 0 ? ":" + std::to_string(origin.pos.line) : "");
}

std::string errnoText() {
    return std::strerror(errno);
}

ObjectId idOf(const struct stat& info) {
    return ObjectId{static_cast<std::uint64_t>(info.st_dev),
                    static_cast<std::uint64_t>(info.st_ino)};
}

ObjectId idOf(const FileIdentity& identity) {
    return ObjectId{identity.device, identity.inode};
}

UniqueFd openResolved(const std::string& path, std::uint64_t flags, std::uint64_t resolve) {
    open_how how{};
    how.flags = flags;
    how.resolve = resolve;
    return UniqueFd(
        static_cast<int>(::syscall(SYS_openat2, AT_FDCWD, path.c_str(), &how, sizeof how)));
}

} // namespace

FamilyIdentities::FamilyIdentities(const std::vector<FamilyObject>& objects) : m_objects(objects) {
    for (std::size_t i = 0; i < m_objects.size(); ++i) {
        FamilyObject& object = m_objects[i];
        const std::filesystem::path path(object.path);
        UniqueFd parent(::open(path.parent_path().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        struct stat info {};
        if (parent.get() < 0 ||
            ::fstatat(parent.get(), path.filename().c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
            throw LaunchError("cannot check the rednode file " + object.path + ": " + errnoText());
        }
        if (idOf(info) != idOf(object.identity)) {
            throw LaunchError("the rednode file " + object.path +
                              " was replaced after the family was read; launch again");
        }
        object.identity.links = static_cast<std::uint64_t>(info.st_nlink);
        addHolders(parent.get(), i);
    }
}

// Records `parentFd` and each directory above it as holding object `object`; stops at "/"
// (its ".." is itself) or at a directory already recorded (its holders are known).
void FamilyIdentities::addHolders(int parentFd, std::size_t object) {
    UniqueFd dir(::fcntl(parentFd, F_DUPFD_CLOEXEC, 0));
    std::optional<ObjectId> below;
    for (;;) {
        struct stat info {};
        if (dir.get() < 0 || ::fstat(dir.get(), &info) != 0) {
            throw LaunchError("cannot check the directories holding the rednode file " +
                              m_objects[object].path + ": " + errnoText());
        }
        const ObjectId id = idOf(info);
        if (id == below) {
            return;
        }
        for (const auto& [holder, index] : m_holders) {
            if (holder == id) {
                return;
            }
        }
        m_holders.emplace_back(id, object);
        below = id;
        dir = UniqueFd(::openat(dir.get(), "..", O_PATH | O_DIRECTORY | O_CLOEXEC));
    }
}

const FamilyObject* FamilyIdentities::exposedBy(ObjectId id, bool isDirectory) const {
    for (const FamilyObject& object : m_objects) {
        if (idOf(object.identity) == id) {
            return &object;
        }
    }
    if (isDirectory) {
        for (const auto& [holder, index] : m_holders) {
            if (holder == id) {
                return &m_objects[index];
            }
        }
    }
    return nullptr;
}

const FamilyObject* FamilyIdentities::multiplyLinkedFile() const {
    for (const FamilyObject& object : m_objects) {
        if (!S_ISDIR(object.identity.mode) && object.identity.links > 1) {
            return &object;
        }
    }
    return nullptr;
}

UniqueFd openBindSource(const RequiredSource& source, const FamilyIdentities& family) {
    const std::string what = where(source.origin) + ": export source " + source.path;
    UniqueFd fd = openResolved(source.path, O_PATH | O_CLOEXEC, RESOLVE_NO_MAGICLINKS);
    struct stat info {};
    if (fd.get() < 0 && errno == ENOENT) {
        throw LaunchError(what + " does not exist");
    }
    if (fd.get() < 0 && errno == ELOOP) {
        throw LaunchError(what + " goes through a /proc magic link; give the real path");
    }
    if (fd.get() < 0 || ::fstat(fd.get(), &info) != 0) {
        throw LaunchError(what + " cannot be opened: " + errnoText());
    }
    const bool isDirectory = S_ISDIR(info.st_mode);
    if (source.mustBeDirectory != isDirectory) {
        throw LaunchError(what + (source.mustBeDirectory ? " is not a directory"
                                                         : " is a directory, not a file"));
    }
    if (const FamilyObject* exposed = family.exposedBy(idOf(info), isDirectory)) {
        throw LaunchError(what + " would expose the rednode file " + exposed->path +
                          " inside the node (risk analysis recommendation 4)");
    }
    if (const FamilyObject* linked = isDirectory ? family.multiplyLinkedFile() : nullptr) {
        throw LaunchError(what + " may hold another name of the rednode file " + linked->path +
                          ", which has " + std::to_string(linked->identity.links) +
                          " hard links (risk analysis recommendation 4)");
    }
    return fd;
}

namespace {

std::string readInternalHere(const FdContent& content, const FamilyIdentities& family) {
    const std::string what = where(content.origin) + ": Internal export source " + content.source;
    const UniqueFd fd = openResolved(content.source, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK,
                                     RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
    struct stat info {};
    if (fd.get() < 0 && errno == ELOOP) {
        throw LaunchError(what + " is, or lies below, a symbolic link; Internal sources are "
                                 "read without following links");
    }
    if (fd.get() < 0 || ::fstat(fd.get(), &info) != 0) {
        throw LaunchError(what + " cannot be read: " + errnoText());
    }
    if (!S_ISREG(info.st_mode)) {
        throw LaunchError(what + " is not a regular file");
    }
    if (const FamilyObject* exposed = family.exposedBy(idOf(info), false)) {
        throw LaunchError(what + " is the rednode file " + exposed->path +
                          " (risk analysis recommendation 4)");
    }
    std::string bytes;
    if (!readUpTo(fd.get(), bytes)) {
        throw LaunchError(what + " cannot be read: " + errnoText());
    }
    return bytes;
}

// In the child: becomes `as` for good, reads, and writes '+' and the bytes or '-' and the
// reason. Never returns.
[[noreturn]] void readAsChild(int out, const FdContent& content, const FamilyIdentities& family,
                              const LaunchOptions::Identity& as) {
    std::string reply;
    try {
        if (::setgroups(0, nullptr) != 0 || ::setresgid(as.gid, as.gid, as.gid) != 0 ||
            ::setresuid(as.uid, as.uid, as.uid) != 0) {
            throw LaunchError("cannot become uid " + std::to_string(as.uid) + " gid " +
                              std::to_string(as.gid) + " to read Internal export source " +
                              content.source + ": " + errnoText());
        }
        reply = "+" + readInternalHere(content, family);
    } catch (const std::exception& error) {
        reply = std::string("-") + error.what();
    }
    ::_exit(writeFully(out, reply) ? 0 : 1);
}

std::string readAs(const FdContent& content, const FamilyIdentities& family,
                   const LaunchOptions::Identity& as) {
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
        throw LaunchError("cannot create a pipe: " + errnoText());
    }
    UniqueFd in(pipeFds[0]);
    UniqueFd out(pipeFds[1]);
    const pid_t child = ::fork();
    if (child < 0) {
        throw LaunchError("cannot fork to read Internal export sources: " + errnoText());
    }
    if (child == 0) {
        readAsChild(out.get(), content, family, as);
    }
    out.reset();
    std::string reply;
    const bool readAll = readUpTo(in.get(), reply);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (!readAll || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || reply.empty()) {
        throw LaunchError(where(content.origin) + ": Internal export source " + content.source +
                          " could not be read as uid " + std::to_string(as.uid));
    }
    if (reply.front() == '-') {
        throw LaunchError(reply.substr(1));
    }
    return reply.substr(1);
}

} // namespace

std::string readInternalContent(const FdContent& content, const FamilyIdentities& family,
                                const std::optional<LaunchOptions::Identity>& as) {
    return as ? readAs(content, family, *as) : readInternalHere(content, family);
}

} // namespace redpak
