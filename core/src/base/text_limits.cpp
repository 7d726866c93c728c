// SPDX-License-Identifier: Apache-2.0
#include "base/text_limits.h"

#include "redpak/base/diagnostic.h"
#include "redpak/base/text_escape.h"

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
        const Utf8Unit unit = decodeUtf8(text, i);
        if (!unit.valid) {
            throw InputError(
                diagnosticAt(text, i, fileName, "invalid UTF-8: a configuration is UTF-8 text"));
        }
        i += unit.length;
    }
}

} // namespace redpak::detail
