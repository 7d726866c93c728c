// SPDX-License-Identifier: Apache-2.0
#include "base/json.h"

#include "redpak/base/diagnostic.h"
#include "redpak/base/text_escape.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace redpak::detail {

const JsonValue* JsonValue::find(std::string_view key) const {
    if (const JsonObject* members = object()) {
        for (const auto& [name, member] : *members) {
            if (name == key) {
                return &member;
            }
        }
    }
    return nullptr;
}

std::string jsonQuote(std::string_view text) {
    std::string out = "\"";
    const auto unicodeEscape = [&out](unsigned unit) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "\\u%04x", unit & 0xFFFFu);
        out += buffer;
    };
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Unit unit = decodeUtf8(text, i);
        const unsigned code = static_cast<unsigned>(unit.codePoint);
        i += unit.length;
        if (!unit.valid) {
            // JSON is UTF-8: a byte that is not cannot be kept; U+FFFD shows that one was there.
            unicodeEscape(0xFFFD);
        } else if (code == '"') {
            out += "\\\"";
        } else if (code == '\\') {
            out += "\\\\";
        } else if (code == '\n') {
            out += "\\n";
        } else if (code == '\t') {
            out += "\\t";
        } else if (code == '\r') {
            out += "\\r";
        } else if (code < 0x20 || code == 0x7f) {
            unicodeEscape(code);
        } else if (isHiddenCodePoint(unit.codePoint)) {
            // Lossless (the parser decodes it) and nothing a terminal would interpret.
            if (code > 0xFFFF) {
                unicodeEscape(0xD800 + ((code - 0x10000) >> 10));
                unicodeEscape(0xDC00 + ((code - 0x10000) & 0x3FF));
            } else {
                unicodeEscape(code);
            }
        } else {
            out.append(text.substr(i - unit.length, unit.length));
        }
    }
    return out + "\"";
}

namespace {

std::string numberText(double number) {
    if (std::isfinite(number) && std::nearbyint(number) == number && std::fabs(number) < 9.0e15) {
        return std::to_string(static_cast<long long>(number));
    }
    // to_chars, not printf: the GUI runs with the user's locale (decimal comma).
    char buffer[32];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, std::isfinite(number) ? number : 0.0);
    return std::string(buffer, result.ptr);
}

void write(const JsonValue& value, std::string& out, int indent) {
    const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
    const std::string close(static_cast<std::size_t>(indent), ' ');
    if (value.isNull()) {
        out += "null";
    } else if (const bool* b = value.boolean()) {
        out += *b ? "true" : "false";
    } else if (const double* d = value.number()) {
        out += numberText(*d);
    } else if (const std::string* s = value.string()) {
        out += jsonQuote(*s);
    } else if (const JsonArray* a = value.array()) {
        if (a->empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (std::size_t i = 0; i < a->size(); ++i) {
            out += pad;
            write((*a)[i], out, indent + 2);
            out += i + 1 < a->size() ? ",\n" : "\n";
        }
        out += close + "]";
    } else if (const JsonObject* o = value.object()) {
        if (o->empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        for (std::size_t i = 0; i < o->size(); ++i) {
            out += pad + jsonQuote((*o)[i].first) + ": ";
            write((*o)[i].second, out, indent + 2);
            out += i + 1 < o->size() ? ",\n" : "\n";
        }
        out += close + "}";
    }
}

constexpr int kMaxDepth = 64;

class Parser {
public:
    Parser(std::string_view text, const std::string& fileName) : m_text(text), m_file(fileName) {}

    JsonValue document() {
        JsonValue value = parseValue(0);
        skipSpace();
        if (m_pos != m_text.size()) {
            fail("unexpected text after the JSON value");
        }
        return value;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        int line = 1;
        int column = 1;
        for (std::size_t i = 0; i < m_pos && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        throw InputError(Diagnostic{m_file, line, column, "invalid JSON: " + what});
    }

    void skipSpace() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' ||
                                         m_text[m_pos] == '\t' || m_text[m_pos] == '\r')) {
            ++m_pos;
        }
    }

    bool consume(std::string_view word) {
        if (m_text.substr(m_pos, word.size()) == word) {
            m_pos += word.size();
            return true;
        }
        return false;
    }

    JsonValue parseValue(int depth) {
        if (depth > kMaxDepth) {
            fail("nesting deeper than " + std::to_string(kMaxDepth));
        }
        skipSpace();
        if (m_pos >= m_text.size()) {
            fail("unexpected end of input");
        }
        const char c = m_text[m_pos];
        if (c == '{') {
            return parseObject(depth);
        }
        if (c == '[') {
            return parseArray(depth);
        }
        if (c == '"') {
            return parseString();
        }
        if (consume("true")) {
            return true;
        }
        if (consume("false")) {
            return false;
        }
        if (consume("null")) {
            return nullptr;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return parseNumber();
        }
        fail(std::string("unexpected character '") + c + "'");
    }

    JsonValue parseObject(int depth) {
        ++m_pos;
        JsonObject members;
        skipSpace();
        if (consume("}")) {
            return members;
        }
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
                fail("expected a member name in double quotes");
            }
            std::string key = parseString();
            for (const auto& member : members) {
                if (member.first == key) {
                    fail("duplicate member \"" + key + "\"");
                }
            }
            skipSpace();
            if (!consume(":")) {
                fail("expected ':' after a member name");
            }
            JsonValue value = parseValue(depth + 1);
            members.emplace_back(std::move(key), std::move(value));
            skipSpace();
            if (consume("}")) {
                return members;
            }
            if (!consume(",")) {
                fail("expected ',' or '}'");
            }
        }
    }

    JsonValue parseArray(int depth) {
        ++m_pos;
        JsonArray items;
        skipSpace();
        if (consume("]")) {
            return items;
        }
        for (;;) {
            items.push_back(parseValue(depth + 1));
            skipSpace();
            if (consume("]")) {
                return items;
            }
            if (!consume(",")) {
                fail("expected ',' or ']'");
            }
        }
    }

    unsigned hex4() {
        if (m_pos + 4 > m_text.size()) {
            fail("truncated \\u escape");
        }
        unsigned value = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_text[m_pos++];
            value <<= 4;
            if (h >= '0' && h <= '9') {
                value |= static_cast<unsigned>(h - '0');
            } else if (h >= 'a' && h <= 'f') {
                value |= static_cast<unsigned>(h - 'a' + 10);
            } else if (h >= 'A' && h <= 'F') {
                value |= static_cast<unsigned>(h - 'A' + 10);
            } else {
                fail("invalid \\u escape");
            }
        }
        return value;
    }

    static void appendUtf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        } else {
            out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
        }
    }

    std::string parseString() {
        ++m_pos;
        std::string out;
        for (;;) {
            if (m_pos >= m_text.size()) {
                fail("unterminated string");
            }
            const char c = m_text[m_pos++];
            if (c == '"') {
                return out;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                fail("control character in a string");
            }
            if (c == '\\') {
                parseEscape(out);
            } else {
                out.push_back(c);
            }
        }
    }

    // After a backslash: appends the character the escape stands for.
    void parseEscape(std::string& out) {
        if (m_pos >= m_text.size()) {
            fail("unterminated escape");
        }
        const char e = m_text[m_pos++];
        switch (e) {
        case '"':
        case '\\':
        case '/':
            out.push_back(e);
            break;
        case 'b':
            out.push_back('\b');
            break;
        case 'f':
            out.push_back('\f');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 'r':
            out.push_back('\r');
            break;
        case 't':
            out.push_back('\t');
            break;
        case 'u':
            appendUtf8(out, parseCodePoint());
            break;
        default:
            fail(std::string("invalid escape '\\") + e + "'");
        }
    }

    // After "\u": one code point, from a surrogate pair when it takes two escapes.
    unsigned parseCodePoint() {
        const unsigned cp = hex4();
        if (cp >= 0xdc00 && cp < 0xe000) {
            fail("lone surrogate in \\u escape");
        }
        if (cp < 0xd800 || cp >= 0xdc00) {
            return cp;
        }
        if (!consume("\\u")) {
            fail("lone surrogate in \\u escape");
        }
        const unsigned low = hex4();
        if (low < 0xdc00 || low >= 0xe000) {
            fail("invalid surrogate pair");
        }
        return 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
    }

    JsonValue parseNumber() {
        const std::size_t start = m_pos;
        if (m_text[m_pos] == '-') {
            ++m_pos;
        }
        while (m_pos < m_text.size() &&
               ((m_text[m_pos] >= '0' && m_text[m_pos] <= '9') || m_text[m_pos] == '.' ||
                m_text[m_pos] == 'e' || m_text[m_pos] == 'E' || m_text[m_pos] == '+' ||
                m_text[m_pos] == '-')) {
            ++m_pos;
        }
        const std::string token(m_text.substr(start, m_pos - start));
        double value = 0;
        const auto result = std::from_chars(token.data(), token.data() + token.size(), value);
        if (result.ec != std::errc() || result.ptr != token.data() + token.size()) {
            fail("invalid number '" + token + "'");
        }
        return value;
    }

    std::string_view m_text;
    const std::string& m_file;
    std::size_t m_pos = 0;
};

} // namespace

std::string writeJson(const JsonValue& value) {
    std::string out;
    write(value, out, 0);
    return out + "\n";
}

JsonValue parseJson(std::string_view text, const std::string& fileName) {
    return Parser(text, fileName).document();
}

} // namespace redpak::detail
