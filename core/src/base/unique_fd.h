// SPDX-License-Identifier: Apache-2.0
// A file descriptor owned by one scope, and reading an opened file within a size limit: the
// pieces every fd-based reader of core shares (safe_file.cpp, family_snapshot.cpp, the
// launcher's export sources).
#pragma once

#include "redpak/base/file_identity.h"

#include <cstddef>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace redpak::detail {

// Closes its descriptor on every path out of a scope.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : m_fd(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset(std::exchange(other.m_fd, -1));
        }
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd() { reset(); }

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    void reset(int fd = -1) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = fd;
    }
    // Gives the descriptor up to the caller, who closes it.
    int release() { return std::exchange(m_fd, -1); }
    // Reports close() errors (delayed write errors on some filesystems) to the caller.
    int close() { return ::close(std::exchange(m_fd, -1)); }

private:
    int m_fd = -1;
};

// fstat of `fd`; throws InputError naming `name`.
FileIdentity statOpened(int fd, const std::string& name);

// The content of the regular file open on `fd` (refuses anything else), at most `maxBytes`,
// read in one pass from its current offset. Throws InputError naming `name`.
std::string readOpenedFile(int fd, const std::string& name, std::size_t maxBytes);

} // namespace redpak::detail
