// SPDX-License-Identifier: Apache-2.0
// Files read with a size limit, and the project's one atomic file write, public so that the GUI
// saves user-owned configs with the same rules as core: temp file in the same directory + fsync +
// rename + fsync of the directory, so a crash leaves either the old or the new content, never half
// of it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace redpak {

// Reads at most `maxBytes` of `file` (opened without following a final symbolic link; a larger
// file is refused, not cut). Throws InputError naming `file`.
std::string readLimitedFile(const std::filesystem::path& file, std::size_t maxBytes);

// How the permission bits of an atomic write are decided.
enum class ModeBits {
    UmaskApplies, // `mode` as open(2) applies it: the process umask can only make it stricter
    Exact,        // exactly `mode` (set on the temporary file's descriptor before the rename)
};

// Writes `content` to `target` atomically with permission bits `mode`. The directory is opened
// once and every step (temporary file, mode, rename, sync) works on descriptors: nothing is
// done by path after the rename, and a symbolic link is never followed nor replaced. Throws
// InputError naming `target`.
void writeFileAtomically(const std::filesystem::path& target, std::string_view content, mode_t mode,
                         ModeBits bits = ModeBits::UmaskApplies);

} // namespace redpak
