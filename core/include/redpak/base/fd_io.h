// SPDX-License-Identifier: Apache-2.0
// The loops that write a whole buffer to a descriptor and read one to its end: read(2) and
// write(2) may do less than asked or be interrupted by a signal, and every reader and writer
// (atomic file writes, the helper's files, the descriptors the launcher hands to bwrap) must go
// on until all is done. Async-signal-safe but for the string growing, so that a forked child
// may use them before exec.
#pragma once

#include <cerrno>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <unistd.h>

namespace redpak {

// True once every byte of `data` is written; false with errno set otherwise.
inline bool writeFully(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            if (n == 0) {
                errno = EIO; // nothing written, and no error to name
            }
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Appends what `fd` gives until its end, or until `out` holds more than `maxBytes` (the caller
// tells a too large input by its size). True at the end or past the limit; false with errno set
// on a read error.
inline bool readUpTo(int fd, std::string& out,
                     std::size_t maxBytes = std::numeric_limits<std::size_t>::max()) {
    char buffer[16384];
    while (out.size() <= maxBytes) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return false;
        }
        if (n == 0) {
            return true;
        }
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return true;
}

} // namespace redpak
