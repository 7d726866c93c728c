// SPDX-License-Identifier: Apache-2.0
// The project's one atomic file write, public so that the GUI saves user-owned configs with the
// same rules as core: temp file in the same directory + fsync + rename + fsync of the
// directory, so a crash leaves either the old or the new content, never half of it.
#pragma once

#include <filesystem>
#include <string_view>
#include <sys/types.h>

namespace redpak {

// Writes `content` to `target` atomically with permission bits `mode` (the process umask can
// only make them stricter). Refuses to replace anything but a regular file (a symbolic link
// is never followed). Throws InputError naming `target`.
void writeFileAtomically(const std::filesystem::path& target, std::string_view content,
                         mode_t mode);

} // namespace redpak
