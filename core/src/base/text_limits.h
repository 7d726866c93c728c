// SPDX-License-Identifier: Apache-2.0
// Checks on raw text done before any YAML parsing: size, NUL bytes, UTF-8 validity.
// Errors point at the line and column of the offending byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace redpak::detail {

// Throws InputError when `text` is larger than `maxBytes`, holds a NUL byte or is not
// valid UTF-8 (overlong forms, surrogates and code points above U+10FFFF are invalid).
void checkTextLimits(std::string_view text, const std::string& fileName, std::size_t maxBytes);

} // namespace redpak::detail
