// SPDX-License-Identifier: Apache-2.0
#include "redpak/base/safe_file.h"

#include "base/unique_fd.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/fd_io.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace redpak {

namespace {

[[noreturn]] void failErrno(const std::string& file, const std::string& what) {
    const int error = errno;
    throw InputError(Diagnostic{file, 0, 0, what + ": " + std::strerror(error)});
}

} // namespace

FileIdentity fileIdentityOf(const struct stat& info) {
    return FileIdentity{static_cast<std::uint64_t>(info.st_dev),
                        static_cast<std::uint64_t>(info.st_ino),
                        info.st_uid,
                        info.st_gid,
                        info.st_mode,
                        static_cast<std::uint64_t>(info.st_nlink)};
}

namespace detail {

FileIdentity statOpened(int fd, const std::string& name) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        failErrno(name, "cannot stat");
    }
    return fileIdentityOf(info);
}

std::string readOpenedFile(int fd, const std::string& name, std::size_t maxBytes) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        failErrno(name, "cannot stat");
    }
    if (!S_ISREG(info.st_mode)) {
        throw InputError(Diagnostic{name, 0, 0, "is not a regular file"});
    }
    if (static_cast<std::size_t>(info.st_size) > maxBytes) {
        throw InputError(Diagnostic{name, 0, 0,
                                    "file too large: " + std::to_string(info.st_size) +
                                        " bytes, at most " + std::to_string(maxBytes) +
                                        " are accepted"});
    }
    // Read straight into the result, sized by fstat plus one byte so that the end of file is
    // seen without growing (a stack buffer would add pages to every launch). The size may
    // change while reading: the string grows, and one byte past the limit is enough to know.
    std::string content(static_cast<std::size_t>(info.st_size) + 1, '\0');
    std::size_t length = 0;
    for (;;) {
        if (length == content.size()) {
            content.resize(std::min(content.size() * 2, maxBytes + 1));
        }
        const ssize_t got = ::read(fd, content.data() + length, content.size() - length);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            failErrno(name, "cannot read");
        }
        if (got == 0) {
            break;
        }
        length += static_cast<std::size_t>(got);
        if (length > maxBytes) {
            throw InputError(Diagnostic{
                name, 0, 0, "file too large: more than " + std::to_string(maxBytes) + " bytes"});
        }
    }
    content.resize(length);
    return content;
}

} // namespace detail

using detail::UniqueFd;

std::string readLimitedFile(const std::filesystem::path& file, std::size_t maxBytes) {
    // O_NONBLOCK: opening a FIFO must not hang; it is refused as non-regular.
    const UniqueFd fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (!fd.valid()) {
        if (errno == ELOOP) {
            throw InputError(Diagnostic{file.string(), 0, 0,
                                        "is a symbolic link; configuration files must be "
                                        "regular files"});
        }
        failErrno(file.string(), "cannot open");
    }
    return detail::readOpenedFile(fd.get(), file.string(), maxBytes);
}

namespace {

// A new temporary file next to `name` in `dirFd` (O_EXCL, never through a link), and its name.
std::pair<UniqueFd, std::string> createTemporary(int dirFd, const std::string& name,
                                                 const std::filesystem::path& target, mode_t mode) {
    std::random_device random;
    std::string temp;
    for (int attempt = 0; attempt < 16; ++attempt) {
        temp = "." + name + ".tmp" + std::to_string(random());
        UniqueFd fd(::openat(dirFd, temp.c_str(),
                             O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
        if (fd.valid()) {
            return {std::move(fd), temp};
        }
        if (errno != EEXIST) {
            break;
        }
    }
    failErrno((target.parent_path() / temp).string(), "cannot create a temporary file");
}

void writeAll(int fd, std::string_view content, const std::string& name) {
    if (!writeFully(fd, content)) {
        failErrno(name, "cannot write");
    }
}

} // namespace

void writeFileAtomically(const std::filesystem::path& target, std::string_view content, mode_t mode,
                         ModeBits bits) {
    const std::filesystem::path directory = target.parent_path();
    const std::string name = target.filename().string();
    const UniqueFd dirFd(
        ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dirFd.valid()) {
        failErrno(directory.string(), "cannot open the directory");
    }
    struct stat existing {};
    if (::fstatat(dirFd.get(), name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0 &&
        !S_ISREG(existing.st_mode)) {
        throw InputError(Diagnostic{target.string(), 0, 0,
                                    "exists and is not a regular file; refusing to replace it"});
    }
    auto [fd, temp] = createTemporary(dirFd.get(), name, target, mode);
    const std::string tempPath = (directory / temp).string();
    try {
        writeAll(fd.get(), content, tempPath);
        // The final mode on the descriptor, before the file gets its name: nothing changes
        // the mode of whatever the name points to afterwards.
        if (bits == ModeBits::Exact && ::fchmod(fd.get(), mode) != 0) {
            failErrno(tempPath, "cannot set the mode");
        }
        if (::fsync(fd.get()) != 0 || fd.close() != 0) {
            failErrno(tempPath, "cannot write to disk");
        }
        if (::renameat(dirFd.get(), temp.c_str(), dirFd.get(), name.c_str()) != 0) {
            failErrno(target.string(), "cannot replace");
        }
    } catch (const InputError&) {
        ::unlinkat(dirFd.get(), temp.c_str(), 0);
        throw;
    }
    // Make the rename itself durable.
    ::fsync(dirFd.get());
}

} // namespace redpak
