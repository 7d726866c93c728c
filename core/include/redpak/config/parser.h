// SPDX-License-Identifier: Apache-2.0
// Reading configuration files (spec: rednode-format.md §2) into the typed model.
//
// This is the one place where YAML becomes a Config; the GUI (live validation), the helper
// (trust boundary), redwrap and redconf all go through it. Hostile input is refused before or
// while parsing: size over 1 MiB, invalid UTF-8, NUL bytes, nesting deeper than 32,
// anchors/aliases, explicit tags, duplicate keys (case-insensitive), several documents.
//
// Decisions where the spec leaves room (also in README "Configuration format"):
// * keys, section names and enumerated values are case-insensitive (ASCII);
// * `path` of an export whose mode ignores it (Anonymous, Tmpfs, Procfs, Devfs, Mqueue, Lock)
//   is accepted, kept in the model (so nothing the user wrote is lost) and reported as a warning;
// * an optional section left empty (`environ:` with nothing after it) counts as absent;
// * booleans: true/false, yes/no, on/off, 1/0 (case-insensitive); integers are decimal
//   (`027` is 27); umask is 1 to 4 octal digits, at most 0777;
// * environ keys are POSIX names ([A-Za-z_][A-Za-z0-9_]*); a key or a capability listed
//   twice in one file is an error (which one wins would be a guess).
#pragma once

#include "redpak/base/diagnostic.h"
#include "redpak/base/safe_file.h"
#include "redpak/config/config.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

// Limits against hostile files.
inline constexpr std::size_t kMaxConfigBytes = 1024 * 1024;
inline constexpr int kMaxNestingDepth = 32;

// Parses one configuration. `fileName` is only used in diagnostics. Throws InputError (file,
// line, column, what was expected) on the first problem. Warnings, if wanted, are appended to
// `warnings`.
Config parseConfig(std::string_view text, const std::string& fileName,
                   std::vector<Diagnostic>* warnings = nullptr);

// Reads `file` with the limits enforced while reading (regular file only, symlinks refused
// with O_NOFOLLOW, at most kMaxConfigBytes) and parses it. Throws InputError.
Config loadConfigFile(const std::filesystem::path& file,
                      std::vector<Diagnostic>* warnings = nullptr);

// Reads a file with the same limits as loadConfigFile, without parsing. Throws InputError.
inline std::string readLimitedFile(const std::filesystem::path& file) {
    return readLimitedFile(file, kMaxConfigBytes);
}

// Non-throwing variant for live validation (GUI editor, helper pre-checks): the config when
// valid, otherwise the error; warnings in both cases.
struct ValidationResult {
    std::optional<Config> config;
    std::optional<Diagnostic> error;
    std::vector<Diagnostic> warnings;

    bool ok() const { return config.has_value(); }
};
ValidationResult validateConfigText(std::string_view text, const std::string& fileName);

} // namespace redpak
