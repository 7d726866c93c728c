// SPDX-License-Identifier: Apache-2.0
// What the tools print is what is true: text that comes from configurations, node names or
// paths is escaped before it reaches a terminal, so that no control sequence, invisible or
// bidirectional character and no invalid UTF-8 can change how the rest of the output looks
// (a terminal must not show `--ro-bind` for a read-write bind).
//
// Escaped forms (README "Text output"), each unambiguous because `\` itself is escaped:
//   `\\`                 a backslash
//   `\n` `\r` `\t`       line feed, carriage return, tab
//   `\x1b`               any other C0 control or DEL (`\x00`-`\x1f`, `\x7f`), and each byte
//                        that is not part of valid UTF-8 (`\x80`-`\xff`)
//   `\u202e` `\U000e0001` a hidden code point (isHiddenCodePoint): C1 controls, bidi
//                        controls, zero-width and other format characters, line/paragraph
//                        separators, noncharacters
// Every other character, ASCII or not, is printed as it is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace redpak {

// One UTF-8 sequence of a text: its code point and length in bytes; `valid` is false (and
// `length` 1) for a byte that does not start a valid sequence (overlong forms, surrogates,
// code points above U+10FFFF, truncated sequences).
struct Utf8Unit {
    char32_t codePoint = 0;
    std::size_t length = 1;
    bool valid = false;
};
Utf8Unit decodeUtf8(std::string_view text, std::size_t at);

// Code points at or above U+0080 that a terminal does not show as themselves: C1 controls,
// format characters (bidi embeddings, overrides and isolates, marks, zero-width characters,
// soft hyphen, BOM, tags...), U+2028/U+2029 and noncharacters.
bool isHiddenCodePoint(char32_t codePoint);

// `text` with every control, hidden code point, invalid byte and backslash escaped (above).
std::string escapeText(std::string_view text);

} // namespace redpak
