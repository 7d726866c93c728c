// SPDX-License-Identifier: Apache-2.0
#include "redpak/atomic_write.h"
#include "redpak/diagnostic.h"
#include "redpak/parser.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace redpak {

namespace {

[[noreturn]] void failErrno(const std::filesystem::path& file, const std::string& what) {
    const int error = errno;
    throw InputError(Diagnostic{file.string(), 0, 0, what + ": " + std::strerror(error)});
}

// Closes a descriptor on every path out of a scope.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    int get() const { return m_fd; }
    // Reports close() errors (delayed write errors on some filesystems) to the caller.
    int release() {
        const int result = ::close(m_fd);
        m_fd = -1;
        return result;
    }

private:
    int m_fd;
};

} // namespace

std::string readLimitedFile(const std::filesystem::path& file, std::size_t maxBytes) {
    // O_NONBLOCK: opening a FIFO must not hang; it is refused just below as non-regular.
    FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) {
        if (errno == ELOOP) {
            throw InputError(Diagnostic{file.string(), 0, 0,
                                        "is a symbolic link; configuration files must be "
                                        "regular files"});
        }
        failErrno(file, "cannot open");
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        failErrno(file, "cannot stat");
    }
    if (!S_ISREG(info.st_mode)) {
        throw InputError(Diagnostic{file.string(), 0, 0, "is not a regular file"});
    }
    if (static_cast<std::size_t>(info.st_size) > maxBytes) {
        throw InputError(Diagnostic{file.string(), 0, 0,
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
        const ssize_t got = ::read(fd.get(), content.data() + length, content.size() - length);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            failErrno(file, "cannot read");
        }
        if (got == 0) {
            break;
        }
        length += static_cast<std::size_t>(got);
        if (length > maxBytes) {
            throw InputError(
                Diagnostic{file.string(), 0, 0,
                           "file too large: more than " + std::to_string(maxBytes) + " bytes"});
        }
    }
    content.resize(length);
    return content;
}

void writeFileAtomically(const std::filesystem::path& target, std::string_view content,
                         mode_t mode) {
    struct stat existing {};
    if (::lstat(target.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
        throw InputError(Diagnostic{target.string(), 0, 0,
                                    "exists and is not a regular file; refusing to replace it"});
    }
    const std::filesystem::path directory = target.parent_path();
    std::random_device random;
    std::filesystem::path temp;
    int rawFd = -1;
    for (int attempt = 0; attempt < 16 && rawFd < 0; ++attempt) {
        temp = directory / ("." + target.filename().string() + ".tmp" + std::to_string(random()));
        rawFd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (rawFd < 0 && errno != EEXIST) {
            failErrno(temp, "cannot create");
        }
    }
    if (rawFd < 0) {
        failErrno(temp, "cannot create a temporary file");
    }
    FileDescriptor fd(rawFd);
    const auto removeTemp = [&temp]() { ::unlink(temp.c_str()); };
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t count = ::write(fd.get(), content.data() + written, content.size() - written);
        if (count < 0) {
            if (errno == EINTR) {
                continue;
            }
            removeTemp();
            failErrno(temp, "cannot write");
        }
        written += static_cast<std::size_t>(count);
    }
    if (::fsync(fd.get()) != 0 || fd.release() != 0) {
        removeTemp();
        failErrno(temp, "cannot write to disk");
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        removeTemp();
        failErrno(target, "cannot replace");
    }
    // Make the rename itself durable.
    FileDescriptor dirFd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dirFd.get() >= 0) {
        ::fsync(dirFd.get());
    }
}

} // namespace redpak
