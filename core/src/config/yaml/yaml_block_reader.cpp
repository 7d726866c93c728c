// SPDX-License-Identifier: Apache-2.0
// readBlockSubset (yaml_tree.h): a direct reader for the YAML that configurations are written
// in, so that the launcher does not pay for yaml-cpp's scanner (0.16 of redwrap's 0.25 ms of
// in-process work before, 0.02 ms with it) nor, most of the time, for yaml-cpp's start-up
// (yaml_tree.cpp). It is an accelerator, not a second parser: it accepts a strict subset and,
// for each text it accepts, builds exactly the tree (values, positions, styles) that yaml-cpp's
// events build. Everything else (block scalars, multi-line scalars or flow collections, quoted
// keys, tabs, anchors, tags, empty sequence items, document markers, uncommon escapes, any
// error) stops it, and yaml-cpp reads the text and reports.
// The equivalence is checked on every YAML file of the tests and by the fuzz_yaml_subset target.
//
// The subset, by line: a block map entry `key:` (plain key) followed by a one-line value or
// by a more indented block (a sequence may also start at the key's indentation); a block
// sequence entry `-` followed by a one-line value, a compact map (`- key: value` continued at
// the key's column), a compact sequence (`- - value`) or a more indented block. One-line values
// are plain scalars, single- or double-quoted scalars and flow maps/sequences of them.
#include "base/text_util.h"
#include "config/yaml/yaml_assembler.h"
#include "config/yaml/yaml_tree.h"
#include "redpak/base/diagnostic.h"

#include <algorithm>

namespace redpak::detail {

namespace {

// Thrown when the text leaves the subset; caught in readBlockSubset.
struct OutsideSubset {};

struct Line {
    std::size_t begin = 0;    // offset of the first character
    std::size_t end = 0;      // offset of the '\n' (or of the end of the text)
    std::size_t content = 0;  // offset of the first non-space character (== end when blank)
    bool significant = false; // holds something other than spaces and a comment
};

bool isFlowIndicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

// yaml-cpp reports these plain scalars as null (YAML core schema).
bool isNullWord(std::string_view word) {
    return word == "~" || word == "null" || word == "Null" || word == "NULL";
}

class BlockSubsetReader {
public:
    BlockSubsetReader(std::string_view text, TreeAssembler& out) : m_text(text), m_out(out) {}

    void readDocument() {
        if (m_text.starts_with("\xEF\xBB\xBF")) {
            throw OutsideSubset{}; // a byte order mark: yaml-cpp skips it in its columns
        }
        splitLines();
        const std::size_t first = nextSignificant(0);
        if (first == kNone || indentOf(first) != 0) {
            throw OutsideSubset{}; // empty or indented document: rare, left to yaml-cpp
        }
        m_line = first;
        const std::size_t start = m_lines[first].content;
        if (!startsMapEntry(start)) {
            throw OutsideSubset{}; // a configuration is a map
        }
        blockMap(0, start);
        if (m_next != kNone) {
            throw OutsideSubset{}; // something after the map at a smaller indentation
        }
    }

private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    // Far below the 1024 characters YAML and yaml-cpp allow a key written without '?'.
    static constexpr std::size_t kMaxKeyBytes = 256;

    void splitLines() {
        std::size_t begin = 0;
        while (begin <= m_text.size()) {
            Line line;
            line.begin = begin;
            line.end = std::min(m_text.find('\n', begin), m_text.size());
            line.content = begin;
            while (line.content < line.end && m_text[line.content] == ' ') {
                ++line.content;
            }
            for (std::size_t i = line.content; i < line.end; ++i) {
                if (isUnusualCharacter(i)) {
                    throw OutsideSubset{};
                }
            }
            line.significant = line.content < line.end && m_text[line.content] != '#';
            const std::string_view start = m_text.substr(begin, 3);
            if (start == "---" || start == "...") {
                throw OutsideSubset{}; // document markers
            }
            m_lines.push_back(line);
            if (line.end == m_text.size()) {
                break;
            }
            begin = line.end + 1;
        }
    }

    // Tabs and CR have rules of their own; control characters are not printable YAML, and
    // yaml-cpp takes 0x04 for the end of its input: none of them is left to chance. C1 controls
    // and a byte order mark inside the text are refused for the same reason.
    bool isUnusualCharacter(std::size_t i) const {
        const auto byte = static_cast<unsigned char>(m_text[i]);
        if (byte < 0x20 || byte == 0x7F) {
            return true;
        }
        const std::string_view rest = m_text.substr(i, 3);
        const auto second = rest.size() > 1 ? static_cast<unsigned char>(rest[1]) : 0U;
        return (byte == 0xC2 && second < 0xA0) || rest == "\xEF\xBB\xBF" ||
               rest == "\xEF\xBF\xBE" || rest == "\xEF\xBF\xBF";
    }

    std::size_t nextSignificant(std::size_t from) const {
        for (std::size_t i = from; i < m_lines.size(); ++i) {
            if (m_lines[i].significant) {
                return i;
            }
        }
        return kNone;
    }

    std::size_t indentOf(std::size_t line) const {
        return m_lines[line].content - m_lines[line].begin;
    }
    std::size_t columnOf(std::size_t offset) const { return offset - m_lines[m_line].begin; }
    std::size_t lineEnd() const { return m_lines[m_line].end; }

    SourcePos posOf(std::size_t offset) const {
        return SourcePos{static_cast<int>(m_line) + 1, static_cast<int>(columnOf(offset)) + 1};
    }

    char at(std::size_t offset) const { return offset < lineEnd() ? m_text[offset] : '\n'; }
    bool isBlank(std::size_t offset) const { return at(offset) == ' ' || at(offset) == '\n'; }

    std::size_t skipSpaces(std::size_t offset) const {
        while (at(offset) == ' ') {
            ++offset;
        }
        return offset;
    }

    bool startsSequenceEntry(std::size_t offset) const {
        return at(offset) == '-' && isBlank(offset + 1);
    }

    // A plain scalar followed by ':' and a blank.
    bool startsMapEntry(std::size_t offset) const {
        const char first = at(offset);
        if (first == '\'' || first == '"' || first == '[' || first == '{') {
            return false;
        }
        const std::size_t end = plainEnd(offset, false);
        return at(end) == ':';
    }

    // What plain scalars of flow collections are made of in configurations (names, paths,
    // values with variables, text). Flow scalars are where yaml-cpp departs most from YAML 1.2,
    // so the subset keeps to these.
    static bool isCommonFlowCharacter(char c) {
        return isAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80 || c == ' ' || c == '_' ||
               c == '-' || c == '.' || c == '/' || c == '$' || c == '(' || c == ')' || c == '+' ||
               c == '=' || c == '~' || c == ':';
    }

    // End of a plain scalar starting at `offset` (before trailing spaces are trimmed): at a
    // ':' followed by a blank, at " #", at the end of the line, and in flow context at a flow
    // indicator. A ':' followed by anything else stays in a block scalar ("a:b") and leaves the
    // subset in a flow one, where yaml-cpp's rules differ from YAML 1.2's.
    std::size_t plainEnd(std::size_t offset, bool flow) const {
        std::size_t end = offset;
        while (end < lineEnd()) {
            const char c = m_text[end];
            if (c == ':') {
                if (isBlank(end + 1) || (flow && isFlowIndicator(at(end + 1)))) {
                    break;
                }
                if (flow) {
                    throw OutsideSubset{};
                }
            } else if (c == '#' && end > offset && m_text[end - 1] == ' ') {
                break;
            } else if (flow && isFlowIndicator(c)) {
                break;
            } else if (flow && !isCommonFlowCharacter(c)) {
                throw OutsideSubset{}; // yaml-cpp's flow scalars end at '?' and more
            }
            ++end;
        }
        while (end > offset && m_text[end - 1] == ' ') {
            --end;
        }
        return end;
    }

    // Reads a plain scalar at `offset`; returns the offset after it.
    std::size_t plainScalar(std::size_t offset, bool flow, bool asKey) {
        const char first = at(offset);
        if (first == '&' || first == '*' || first == '!' || first == '|' || first == '>' ||
            first == '%' || first == '@' || first == '`' || first == '#' || first == ',' ||
            first == ']' || first == '}' || first == '\n' ||
            ((first == '-' || first == '?' || first == ':') &&
             (isBlank(offset + 1) || isFlowIndicator(at(offset + 1))))) {
            throw OutsideSubset{};
        }
        const std::size_t end = plainEnd(offset, flow);
        const std::string_view word = m_text.substr(offset, end - offset);
        if (asKey && end - offset > kMaxKeyBytes) {
            throw OutsideSubset{}; // yaml-cpp refuses implicit keys over 1024 characters
        }
        if (!asKey && at(skipSpaces(end)) == ':') {
            throw OutsideSubset{}; // "key: a: b" and other mappings where a value is expected
        }
        if (isNullWord(word)) {
            m_out.null(posOf(offset));
        } else {
            m_out.scalar(posOf(offset), std::string(word));
        }
        return end;
    }

    // Reads a one-line quoted scalar at `offset`; returns the offset after the closing quote.
    std::size_t quotedScalar(std::size_t offset) {
        const char quote = at(offset);
        std::string value;
        std::size_t i = offset + 1;
        while (true) {
            const char c = at(i);
            if (c == '\n') {
                throw OutsideSubset{}; // a quoted scalar that goes on to the next line
            }
            if (c == quote) {
                if (quote == '\'' && at(i + 1) == '\'') {
                    value += '\'';
                    i += 2;
                    continue;
                }
                break;
            }
            if (quote == '"' && c == '\\') {
                value += escaped(at(i + 1));
                i += 2;
                continue;
            }
            value += c;
            ++i;
        }
        m_out.scalar(posOf(offset), std::move(value));
        return i + 1;
    }

    // The common escapes; the others (\x, \u, \0, line escapes...) are left to yaml-cpp.
    static char escaped(char c) {
        switch (c) {
        case '\\':
        case '"':
        case '/':
            return c;
        case 'n':
            return '\n';
        case 't':
            return '\t';
        default:
            throw OutsideSubset{};
        }
    }

    // A flow map or sequence that ends on the same line; returns the offset after it.
    std::size_t flowCollection(std::size_t offset) {
        const bool isMap = at(offset) == '{';
        const char closing = isMap ? '}' : ']';
        if (isMap) {
            m_out.openMap(posOf(offset), true);
        } else {
            m_out.openSequence(posOf(offset), true);
        }
        std::size_t i = skipSpaces(offset + 1);
        if (at(i) == closing) {
            m_out.close();
            return i + 1;
        }
        while (true) {
            if (isMap) {
                i = flowValue(i, true);
                if (at(i) != ':' || !isBlank(i + 1)) {
                    throw OutsideSubset{}; // "{a}", "{a :b}" and other uncommon forms
                }
                i = skipSpaces(i + 1);
                if (at(i) == ',' || at(i) == closing) {
                    throw OutsideSubset{}; // an empty value: yaml-cpp marks it elsewhere
                }
            }
            i = skipSpaces(flowValue(i, false));
            if (at(i) == closing) {
                m_out.close();
                return i + 1;
            }
            if (at(i) != ',') {
                throw OutsideSubset{};
            }
            i = skipSpaces(i + 1);
            if (at(i) == closing) {
                throw OutsideSubset{}; // a trailing comma
            }
        }
    }

    std::size_t flowValue(std::size_t offset, bool asKey) {
        const char c = at(offset);
        if (c == '{' || c == '[') {
            if (asKey) {
                throw OutsideSubset{};
            }
            return flowCollection(offset);
        }
        if (c == '\'' || c == '"') {
            return quotedScalar(offset);
        }
        return plainScalar(offset, true, asKey);
    }

    // A value written on the line of its key or dash, then the end of that line.
    void inlineValue(std::size_t offset) {
        const char c = at(offset);
        std::size_t end = 0;
        if (c == '{' || c == '[') {
            end = flowCollection(offset);
        } else if (c == '\'' || c == '"') {
            end = quotedScalar(offset);
        } else {
            end = plainScalar(offset, false, false);
        }
        const std::size_t rest = skipSpaces(end);
        if (at(rest) != '\n' && !(at(rest) == '#' && rest > end)) {
            throw OutsideSubset{}; // "'a' b", "[a]: b"...
        }
    }

    // After a one-line value: the next significant line must not be more indented than
    // `column` (it would continue a multi-line scalar, or be an error).
    void endOfInlineValue(std::size_t column) {
        m_next = nextSignificant(m_line + 1);
        if (m_next != kNone && indentOf(m_next) > column) {
            throw OutsideSubset{};
        }
    }

    // A block map whose keys are at `column`; its first key is at `offset` on m_line.
    void blockMap(std::size_t column, std::size_t offset) {
        m_out.openMap(posOf(offset), false);
        while (true) {
            const std::size_t keyEnd = plainScalar(offset, false, true);
            if (at(keyEnd) != ':') {
                throw OutsideSubset{}; // "key :" is rare
            }
            mapValue(column, skipSpaces(keyEnd + 1));
            if (m_next == kNone || indentOf(m_next) < column) {
                break;
            }
            m_line = m_next;
            const std::size_t next = m_lines[m_line].content;
            if (indentOf(m_line) > column || !startsMapEntry(next)) {
                throw OutsideSubset{};
            }
            offset = next;
        }
        m_out.close();
    }

    // The value of a map entry whose key is at `column`, starting at `offset` (after ": ").
    void mapValue(std::size_t column, std::size_t offset) {
        if (at(offset) != '\n' && at(offset) != '#') {
            inlineValue(offset);
            endOfInlineValue(column);
            return;
        }
        const std::size_t next = nextSignificant(m_line + 1);
        const bool nested = next != kNone && indentOf(next) > column;
        // A sequence may start at the indentation of its key ("key:\n- item").
        const bool sequenceAtKey =
            next != kNone && indentOf(next) == column && startsSequenceEntryOnLine(next);
        if (!nested && !sequenceAtKey) {
            m_out.null(posOf(offset)); // the assembler points an empty value at its key
            m_next = next;
            return;
        }
        m_line = next;
        blockNode();
    }

    bool startsSequenceEntryOnLine(std::size_t line) const {
        const std::size_t offset = m_lines[line].content;
        return m_text[offset] == '-' &&
               (offset + 1 == m_lines[line].end || m_text[offset + 1] == ' ');
    }

    // A block map or sequence starting at the first character of m_line.
    void blockNode() {
        const std::size_t offset = m_lines[m_line].content;
        if (startsSequenceEntry(offset)) {
            blockSequence(columnOf(offset), offset);
        } else if (startsMapEntry(offset)) {
            blockMap(columnOf(offset), offset);
        } else {
            throw OutsideSubset{}; // a scalar alone on its line
        }
    }

    // A block sequence whose dashes are at `column`; the first one is at `offset` on m_line.
    void blockSequence(std::size_t column, std::size_t offset) {
        m_out.openSequence(posOf(offset), false);
        while (true) {
            sequenceItem(column, skipSpaces(offset + 1));
            if (m_next == kNone || indentOf(m_next) < column) {
                break;
            }
            m_line = m_next;
            const std::size_t next = m_lines[m_line].content;
            if (indentOf(m_line) > column) {
                throw OutsideSubset{};
            }
            if (!startsSequenceEntry(next)) {
                break; // a key at the indentation of an indentless sequence: the map goes on
            }
            offset = next;
        }
        m_out.close();
    }

    // The item of a dash at `column`, starting at `offset` (after "- ").
    void sequenceItem(std::size_t column, std::size_t offset) {
        if (at(offset) == '\n' || at(offset) == '#') {
            const std::size_t next = nextSignificant(m_line + 1);
            if (next == kNone || indentOf(next) <= column) {
                throw OutsideSubset{}; // an empty item: yaml-cpp marks it at the next token
            }
            m_line = next;
            blockNode();
            return;
        }
        if (startsSequenceEntry(offset)) {
            blockSequence(columnOf(offset), offset);
        } else if (startsMapEntry(offset)) {
            blockMap(columnOf(offset), offset);
        } else {
            inlineValue(offset);
            endOfInlineValue(column);
        }
    }

    std::string_view m_text;
    TreeAssembler& m_out;
    std::vector<Line> m_lines;
    std::size_t m_line = 0;     // the line being read
    std::size_t m_next = kNone; // after a node: the next significant line, kNone at the end
};

} // namespace

std::optional<YamlNode> readBlockSubset(std::string_view text, const std::string& fileName) {
    TreeAssembler out(fileName);
    try {
        BlockSubsetReader(text, out).readDocument();
    } catch (const OutsideSubset&) {
        return std::nullopt;
    } catch (const InputError&) {
        return std::nullopt; // yaml-cpp reads it again and gives the reference diagnostic
    }
    return out.takeRoot();
}

} // namespace redpak::detail
