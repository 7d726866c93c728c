// SPDX-License-Identifier: Apache-2.0
#include "safedir.h"

#include "helpererror.h"
#include "redpak/base/fd_io.h"
#include "redpak/base/trust.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <random>
#include <sys/syscall.h>
#include <unistd.h>

namespace redpak::helper {
namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW;

int openDirNoFollow(int parentFd, const std::string& name) {
    int fd;
    do {
        fd = ::openat(parentFd, name.c_str(), kDirFlags);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

[[noreturn]] void throwOpenError(const std::string& what, int errnoValue) {
    if (errnoValue == ENOENT) {
        throw HelperError(ErrorKind::NotFound, what + " does not exist");
    }
    if (errnoValue == ELOOP || errnoValue == ENOTDIR || errnoValue == EXDEV) {
        throw HelperError(ErrorKind::Failed,
                          what + " is not a plain directory (symbolic link or other file met)");
    }
    throwSystemError("cannot open " + what, errnoValue);
}

void fsyncOrThrow(int fd, const std::string& what) {
    if (::fsync(fd) != 0) {
        throwSystemError("cannot sync " + what, errno);
    }
}

// Sorted entry names of a directory, without "." and "..". Reads through a duplicate so
// that the caller's descriptor keeps its position and stays open.
std::vector<std::string> listNames(int dirFd) {
    const int listFd = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0);
    if (listFd < 0) {
        throwSystemError("cannot duplicate a directory descriptor", errno);
    }
    DIR* listing = ::fdopendir(listFd);
    if (listing == nullptr) {
        const int error = errno;
        ::close(listFd);
        throwSystemError("cannot list a directory", error);
    }
    ::rewinddir(listing);
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(listing)) {
        const std::string entryName = entry->d_name;
        if (entryName != "." && entryName != "..") {
            names.push_back(entryName);
        }
    }
    ::closedir(listing);
    std::sort(names.begin(), names.end());
    return names;
}

std::string temporaryName(const std::string& name) {
    static thread_local std::mt19937_64 generator{std::random_device{}()};
    return "." + name + ".tmp-" + std::to_string(generator());
}

} // namespace

bool isTrustedDirectory(const struct stat& info) {
    return S_ISDIR(info.st_mode) && isTrustedRootObject(fileIdentityOf(info));
}

bool isTrustedFile(const struct stat& info) {
    return S_ISREG(info.st_mode) && isTrustedRootObject(fileIdentityOf(info));
}

SafeDir::SafeDir(SafeDir&& other) noexcept : m_fd(other.m_fd) {
    other.m_fd = -1;
}

SafeDir& SafeDir::operator=(SafeDir&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

SafeDir::~SafeDir() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

SafeDir SafeDir::openTrusted(const std::filesystem::path& absolute) {
    if (!absolute.is_absolute()) {
        throw HelperError(ErrorKind::InvalidArgument, absolute.string() + " is not absolute");
    }
    SafeDir current(openDirNoFollow(AT_FDCWD, "/"));
    if (current.m_fd < 0) {
        throwSystemError("cannot open /", errno);
    }
    std::filesystem::path walked = "/";
    for (const auto& part : absolute.relative_path()) {
        const struct stat info = current.statSelf();
        // An ancestor writable by others lets them rename our next component away; the
        // sticky bit (/tmp) forbids renaming entries one does not own.
        const bool ancestorSafe = info.st_uid == 0 &&
                                  ((info.st_mode & S_IWOTH) == 0 || (info.st_mode & S_ISVTX)) &&
                                  ((info.st_mode & S_IWGRP) == 0 || info.st_gid == 0);
        if (!ancestorSafe) {
            throw HelperError(ErrorKind::UnsafeNode,
                              walked.string() + " is not owned by root or writable by others");
        }
        walked /= part;
        const int next = openDirNoFollow(current.m_fd, part.string());
        if (next < 0) {
            throwOpenError(walked.string(), errno);
        }
        current = SafeDir(next);
    }
    if (!isTrustedDirectory(current.statSelf())) {
        throw HelperError(ErrorKind::UnsafeNode,
                          absolute.string() +
                              " must be owned by root and not writable by group or others");
    }
    return current;
}

SafeDir SafeDir::openSubdir(const std::vector<std::string>& components) const {
    if (components.empty()) {
        const int copy = ::fcntl(m_fd, F_DUPFD_CLOEXEC, 0);
        if (copy < 0) {
            throwSystemError("cannot duplicate a directory descriptor", errno);
        }
        return SafeDir(copy);
    }
    std::string relative;
    for (const std::string& component : components) {
        if (component.empty() || component == "." || component == ".." ||
            component.find('/') != std::string::npos) {
            throw HelperError(ErrorKind::InvalidName, "invalid path component");
        }
        relative += (relative.empty() ? "" : "/") + component;
    }
    open_how how{};
    how.flags = static_cast<std::uint64_t>(kDirFlags);
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    long fd;
    do {
        fd = ::syscall(SYS_openat2, m_fd, relative.c_str(), &how, sizeof how);
    } while (fd < 0 && (errno == EINTR || errno == EAGAIN));
    if (fd >= 0) {
        return SafeDir(static_cast<int>(fd));
    }
    if (errno != ENOSYS) {
        throwOpenError(relative, errno);
    }
    // Kernel before 5.6: the same guarantee one component at a time.
    SafeDir current = openSubdir(std::vector<std::string>{});
    for (const std::string& component : components) {
        const int next = openDirNoFollow(current.m_fd, component);
        if (next < 0) {
            throwOpenError(relative, errno);
        }
        current = SafeDir(next);
    }
    return current;
}

std::optional<struct stat> SafeDir::statEntry(const std::string& name) const {
    struct stat info {};
    if (::fstatat(m_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        throwSystemError("cannot stat " + name, errno);
    }
    return info;
}

struct stat SafeDir::statSelf() const {
    struct stat info {};
    if (::fstat(m_fd, &info) != 0) {
        throwSystemError("cannot stat a directory", errno);
    }
    return info;
}

std::optional<std::string> SafeDir::readFile(const std::string& name, std::size_t maxBytes) const {
    // O_NONBLOCK: a FIFO planted here must not hang the helper before fstat refuses it.
    const int fd = ::openat(m_fd, name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        if (errno == ELOOP) {
            throw HelperError(ErrorKind::Failed, name + " is a symbolic link");
        }
        throwSystemError("cannot open " + name, errno);
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        throwSystemError("cannot stat " + name, errno);
    }
    if (!S_ISREG(info.st_mode)) {
        throw HelperError(ErrorKind::Failed, name + " is not a regular file");
    }
    // A second name for the inode may be a hard link planted by someone who could write the
    // directory, to make root read a file they cannot (e.g. /etc/shadow).
    if (info.st_nlink != 1) {
        throw HelperError(ErrorKind::Failed, name + " has several hard links");
    }
    std::string content;
    if (!redpak::readUpTo(fd, content, maxBytes)) {
        throwSystemError("cannot read " + name, errno);
    }
    if (content.size() > maxBytes) {
        throw HelperError(ErrorKind::InvalidArgument,
                          name + " is larger than " + std::to_string(maxBytes) + " bytes");
    }
    return content;
}

void SafeDir::writeFileAtomically(const std::string& name, std::string_view content,
                                  mode_t mode) const {
    const std::string temporary = temporaryName(name);
    const int fd = ::openat(m_fd, temporary.c_str(),
                            O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        throwSystemError("cannot create a temporary file for " + name, errno);
    }
    auto discard = [&](const std::string& what, int errnoValue) {
        ::close(fd);
        ::unlinkat(m_fd, temporary.c_str(), 0);
        throwSystemError(what, errnoValue);
    };
    if (!redpak::writeFully(fd, content)) {
        discard("cannot write " + name, errno);
    }
    // Owner and mode are set on the descriptor: nobody can have swapped the file since.
    if (::fchown(fd, 0, 0) != 0) {
        discard("cannot set the owner of " + name, errno);
    }
    if (::fchmod(fd, mode) != 0) {
        discard("cannot set the mode of " + name, errno);
    }
    if (::fsync(fd) != 0) {
        discard("cannot sync " + name, errno);
    }
    ::close(fd);
    if (::renameat(m_fd, temporary.c_str(), m_fd, name.c_str()) != 0) {
        const int error = errno;
        ::unlinkat(m_fd, temporary.c_str(), 0);
        throwSystemError("cannot replace " + name, error);
    }
    fsyncOrThrow(m_fd, "the directory of " + name);
}

void SafeDir::makeDirectory(const std::string& name, mode_t mode) const {
    if (::mkdirat(m_fd, name.c_str(), mode) != 0) {
        if (errno == EEXIST) {
            throw HelperError(ErrorKind::AlreadyExists, name + " already exists");
        }
        throwSystemError("cannot create " + name, errno);
    }
    SafeDir created = openSubdir(name);
    if (::fchown(created.m_fd, 0, 0) != 0 || ::fchmod(created.m_fd, mode) != 0) {
        throwSystemError("cannot set the owner and mode of " + name, errno);
    }
    fsyncOrThrow(m_fd, "the directory of " + name);
}

void SafeDir::removeFile(const std::string& name) const {
    if (::unlinkat(m_fd, name.c_str(), 0) != 0) {
        if (errno == ENOENT) {
            throw HelperError(ErrorKind::NotFound, name + " does not exist");
        }
        throwSystemError("cannot remove " + name, errno);
    }
    fsyncOrThrow(m_fd, "the directory of " + name);
}

void SafeDir::removeContents(int dirFd, dev_t device) const {
    for (const std::string& entryName : listNames(dirFd)) {
        struct stat info {};
        if (::fstatat(dirFd, entryName.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
            throwSystemError("cannot stat " + entryName, errno);
        }
        if (S_ISDIR(info.st_mode)) {
            if (info.st_dev != device) {
                throw HelperError(ErrorKind::Failed,
                                  entryName + " is a mount point; unmount it first");
            }
            const int child = openDirNoFollow(dirFd, entryName);
            if (child < 0) {
                throwOpenError(entryName, errno);
            }
            SafeDir childDir(child);
            removeContents(child, device);
            if (::unlinkat(dirFd, entryName.c_str(), AT_REMOVEDIR) != 0) {
                throwSystemError("cannot remove " + entryName, errno);
            }
        } else if (::unlinkat(dirFd, entryName.c_str(), 0) != 0) {
            throwSystemError("cannot remove " + entryName, errno);
        }
    }
}

void SafeDir::removeTree(const std::string& name) const {
    SafeDir target = openSubdir(name);
    const dev_t device = statSelf().st_dev;
    if (target.statSelf().st_dev != device) {
        throw HelperError(ErrorKind::Failed, name + " is a mount point; unmount it first");
    }
    removeContents(target.m_fd, device);
    if (::unlinkat(m_fd, name.c_str(), AT_REMOVEDIR) != 0) {
        throwSystemError("cannot remove " + name, errno);
    }
    fsyncOrThrow(m_fd, "the directory of " + name);
}

std::vector<std::string> SafeDir::entries() const {
    return listNames(m_fd);
}

} // namespace redpak::helper
