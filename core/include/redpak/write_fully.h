// SPDX-License-Identifier: Apache-2.0
// The one loop that writes a whole buffer to a descriptor: write(2) may write less than asked
// or be interrupted by a signal, and every writer (atomic file writes, the helper's files, the
// descriptors the launcher hands to bwrap) must go on until all is written. Async-signal-safe,
// so that a forked child may use it before exec.
#pragma once

#include <cerrno>
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

} // namespace redpak
