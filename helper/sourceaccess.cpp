// SPDX-License-Identifier: Apache-2.0
#include "sourceaccess.h"

#include "helpererror.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace redpak::helper {
namespace {

// Exit codes of the child besides errno values (all below 200).
constexpr int kNotRegularFile = 250;
constexpr int kIdentityNotChanged = 251;

// Runs in the forked child of a multithreaded process: raw system calls only, which change
// the credentials of this single thread, then _exit.
[[noreturn]] void openAsIdentity(const char* path, const NodeIdentity& identity) {
    if (::syscall(SYS_setgroups, 0, nullptr) != 0 ||
        ::syscall(SYS_setresgid, identity.gid, identity.gid, identity.gid) != 0 ||
        ::syscall(SYS_setresuid, identity.uid, identity.uid, identity.uid) != 0) {
        ::_exit(kIdentityNotChanged);
    }
    open_how how{};
    how.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    const long fd = ::syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof how);
    if (fd < 0) {
        ::_exit(errno > 0 && errno < 200 ? errno : EIO);
    }
    struct stat info {};
    if (::fstat(static_cast<int>(fd), &info) != 0) {
        ::_exit(EIO);
    }
    ::_exit(S_ISREG(info.st_mode) ? 0 : kNotRegularFile);
}

std::string reasonOf(int code, const NodeIdentity& identity) {
    switch (code) {
    case ELOOP:
        return "is a symbolic link or lies below one; the helper follows none";
    case EACCES:
    case EPERM:
        return "is not readable by the launch identity " + identity.text() + " (uid:gid)";
    case kNotRegularFile:
        return "is not a regular file";
    case kIdentityNotChanged:
        return "cannot be checked: the launch identity " + identity.text() + " cannot be taken";
    default:
        return std::strerror(code);
    }
}

} // namespace

void checkReadableAs(const std::string& path, const NodeIdentity& identity,
                     const std::string& where) {
    const std::string subject = where + ": Internal export source " + path + " ";
    if (path.empty() || path.front() != '/') {
        throw HelperError(ErrorKind::UnsafeNode, subject + "is not an absolute path");
    }
    const pid_t child = ::fork();
    if (child < 0) {
        throwSystemError("cannot check " + path, errno);
    }
    if (child == 0) {
        openAsIdentity(path.c_str(), identity);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            throwSystemError("cannot check " + path, errno);
        }
    }
    if (!WIFEXITED(status)) {
        throw HelperError(ErrorKind::UnsafeNode, subject + "cannot be checked");
    }
    if (WEXITSTATUS(status) != 0) {
        throw HelperError(ErrorKind::UnsafeNode, subject + reasonOf(WEXITSTATUS(status), identity));
    }
}

} // namespace redpak::helper
