// SPDX-License-Identifier: Apache-2.0
#include "text_limits.h"

#include "redpak/diagnostic.h"

#include <cstdint>

namespace redpak::detail {

namespace {

// 1-based line/column of byte `offset` (column counted in bytes, which is what an editor
// shows for the ASCII prefix of a line, where such errors usually are).
Diagnostic diagnosticAt(std::string_view text, std::size_t offset, const std::string& fileName,
                        std::string message) {
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return Diagnostic{fileName, line, static_cast<int>(offset - lineStart) + 1, std::move(message)};
}

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is invalid.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
    const std::uint8_t lead = byte(i);
    if (lead < 0x80) {
        return 1;
    }
    std::size_t length = 0;
    std::uint32_t minimum = 0;
    std::uint32_t codePoint = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        minimum = 0x80;
        codePoint = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        minimum = 0x800;
        codePoint = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        minimum = 0x10000;
        codePoint = lead & 0x07u;
    } else {
        return 0;
    }
    if (i + length > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        const std::uint8_t next = byte(i + k);
        if ((next & 0xC0u) != 0x80u) {
            return 0;
        }
        codePoint = (codePoint << 6) | (next & 0x3Fu);
    }
    const bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
    if (codePoint < minimum || codePoint > 0x10FFFF || surrogate) {
        return 0;
    }
    return length;
}

} // namespace

void checkTextLimits(std::string_view text, const std::string& fileName, std::size_t maxBytes) {
    if (text.size() > maxBytes) {
        throw InputError(Diagnostic{fileName, 0, 0,
                                    "file too large: " + std::to_string(text.size()) +
                                        " bytes, at most " + std::to_string(maxBytes) +
                                        " are accepted"});
    }
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '\0') {
            throw InputError(
                diagnosticAt(text, i, fileName, "NUL byte: a configuration is UTF-8 text"));
        }
        const std::size_t length = utf8SequenceLength(text, i);
        if (length == 0) {
            throw InputError(
                diagnosticAt(text, i, fileName, "invalid UTF-8: a configuration is UTF-8 text"));
        }
        i += length;
    }
}

} // namespace redpak::detail
