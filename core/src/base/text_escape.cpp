// SPDX-License-Identifier: Apache-2.0
#include "redpak/base/text_escape.h"

#include <cstdint>

namespace redpak {
namespace {

struct Range {
    char32_t first;
    char32_t last;
};

// Unicode general categories Cc (beyond C0/DEL), Cf, Zl and Zp, and the noncharacters.
constexpr Range kHidden[] = {
    {0x0080, 0x009F},   {0x00AD, 0x00AD},   {0x0600, 0x0605},   {0x061C, 0x061C},
    {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x0890, 0x0891},   {0x08E2, 0x08E2},
    {0x180E, 0x180E},   {0x200B, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x2064},
    {0x2066, 0x206F},   {0xFDD0, 0xFDEF},   {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},
    {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
};

void appendHex(std::string& out, std::string_view prefix, unsigned value, int digits) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += prefix;
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
        out.push_back(kHex[(value >> shift) & 0xFu]);
    }
}

// `\xHH` for a byte, `\uXXXX` or `\UXXXXXXXX` for a code point.
void appendByteEscape(std::string& out, unsigned byte) {
    appendHex(out, "\\x", byte, 2);
}

void appendCodePointEscape(std::string& out, unsigned code) {
    if (code > 0xFFFF) {
        appendHex(out, "\\U", code, 8);
    } else {
        appendHex(out, "\\u", code, 4);
    }
}

} // namespace

Utf8Unit decodeUtf8(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
    const std::uint8_t lead = byte(at);
    if (lead < 0x80) {
        return {lead, 1, true};
    }
    std::size_t length = 0;
    char32_t minimum = 0;
    char32_t codePoint = 0;
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
        return {};
    }
    if (at + length > text.size()) {
        return {};
    }
    for (std::size_t k = 1; k < length; ++k) {
        const std::uint8_t next = byte(at + k);
        if ((next & 0xC0u) != 0x80u) {
            return {};
        }
        codePoint = (codePoint << 6) | (next & 0x3Fu);
    }
    const bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
    if (codePoint < minimum || codePoint > 0x10FFFF || surrogate) {
        return {};
    }
    return {codePoint, length, true};
}

bool isHiddenCodePoint(char32_t codePoint) {
    if ((codePoint & 0xFFFE) == 0xFFFE) {
        return true; // U+FFFE, U+FFFF and their copies in every plane: noncharacters
    }
    for (const Range& range : kHidden) {
        if (codePoint >= range.first && codePoint <= range.last) {
            return true;
        }
    }
    return false;
}

namespace {

// Printable ASCII other than the backslash stands for itself: most text is made of it only.
bool isPlainAscii(char c) {
    return c >= 0x20 && c < 0x7F && c != '\\';
}

} // namespace

std::string escapeText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (isPlainAscii(text[i])) {
            std::size_t end = i + 1;
            while (end < text.size() && isPlainAscii(text[end])) {
                ++end;
            }
            out.append(text.substr(i, end - i));
            i = end;
            continue;
        }
        const Utf8Unit unit = decodeUtf8(text, i);
        const unsigned code = static_cast<unsigned>(unit.codePoint);
        if (!unit.valid) {
            appendByteEscape(out, static_cast<std::uint8_t>(text[i]));
        } else if (code == '\\') {
            out += "\\\\";
        } else if (code == '\n') {
            out += "\\n";
        } else if (code == '\r') {
            out += "\\r";
        } else if (code == '\t') {
            out += "\\t";
        } else if (code < 0x20 || code == 0x7F) {
            appendByteEscape(out, code);
        } else if (isHiddenCodePoint(unit.codePoint)) {
            appendCodePointEscape(out, code);
        } else {
            out.append(text.substr(i, unit.length));
        }
        i += unit.length;
    }
    return out;
}

} // namespace redpak
