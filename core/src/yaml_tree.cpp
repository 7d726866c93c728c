// SPDX-License-Identifier: Apache-2.0
#include "yaml_tree.h"

#include "redpak/diagnostic.h"
#include "redpak/parser.h"
#include "text_limits.h"
#include "text_util.h"

#include <algorithm>
#include <sstream>
#include <unordered_map>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace redpak::detail {

namespace {

SourcePos toPos(const YAML::Mark& mark) {
    // yaml-cpp marks are 0-based and -1 when unknown.
    if (mark.line < 0) {
        return {};
    }
    return SourcePos{mark.line + 1, mark.column + 1};
}

// Builds the tree; throws InputError on the first refused construct.
class TreeBuilder final : public YAML::EventHandler {
public:
    TreeBuilder(std::string_view text, const std::string& fileName)
        : m_text(text), m_fileName(fileName) {}

    YamlNode takeRoot() { return std::move(m_root); }

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++m_documents > 1) {
            fail(toPos(mark), "a second YAML document: a configuration is exactly one document");
        }
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        checkAnchor(mark, anchor);
        YamlNode node;
        node.pos = toPos(mark);
        attach(std::move(node));
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        fail(toPos(mark), "aliases (*name) are not allowed in a configuration");
    }

    void OnAnchor(const YAML::Mark& mark, const std::string&) override {
        fail(toPos(mark), "anchors (&name) are not allowed in a configuration");
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        checkAnchor(mark, anchor);
        checkTag(mark, tag);
        checkQuoteClosed(mark);
        if (value.find('\0') != std::string::npos) {
            // Only an escape (\0, \x00, \u0000) gets here: raw NUL bytes are refused before
            // parsing. A NUL would silently cut the value in every C string it reaches (bwrap).
            fail(toPos(mark),
                 "a NUL character (escape \\0, \\x00 or \\u0000) is not allowed in a value");
        }
        YamlNode node;
        node.kind = YamlNode::Kind::Scalar;
        node.pos = toPos(mark);
        node.text = value;
        attach(std::move(node));
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        open(mark, tag, anchor, style, YamlNode::Kind::Sequence);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        open(mark, tag, anchor, style, YamlNode::Kind::Map);
    }
    void OnMapEnd() override { close(); }

private:
    // A container being filled. For maps, `pendingKey` holds a key until its value arrives.
    struct Frame {
        YamlNode node;
        bool hasPendingKey = false;
        std::string pendingKey;
        SourcePos pendingKeyPos{};
        // Lower-case key -> index in node.entries: duplicate detection stays linear even for
        // a hostile map with a hundred thousand keys.
        std::unordered_map<std::string, std::size_t> keyIndex;
    };

    [[noreturn]] void fail(SourcePos pos, std::string message) const {
        throw InputError(Diagnostic{m_fileName, pos.line, pos.column, std::move(message)});
    }

    void checkAnchor(const YAML::Mark& mark, YAML::anchor_t anchor) const {
        if (anchor != YAML::NullAnchor) {
            fail(toPos(mark), "anchors (&name) are not allowed in a configuration");
        }
    }

    // yaml-cpp reports "?" for untagged plain nodes and "!" for quoted scalars (the
    // non-specific tag); anything else comes from an explicit tag in the file.
    void checkTag(const YAML::Mark& mark, const std::string& tag) const {
        if (!tag.empty() && tag != "?" && tag != "!") {
            fail(toPos(mark), "tags (" + tag + ") are not allowed in a configuration");
        }
    }

    // yaml-cpp accepts a quoted scalar left open at the end of the input and returns the rest
    // of the file as its value; the file is then certainly not what its author meant.
    void checkQuoteClosed(const YAML::Mark& mark) const {
        if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= m_text.size()) {
            return;
        }
        const std::size_t start = static_cast<std::size_t>(mark.pos);
        const char quote = m_text[start];
        if (quote != '"' && quote != '\'') {
            return;
        }
        for (std::size_t i = start + 1; i < m_text.size(); ++i) {
            if (quote == '"' && m_text[i] == '\\') {
                ++i; // the escaped character cannot close the string
            } else if (m_text[i] == quote) {
                if (quote == '\'' && i + 1 < m_text.size() && m_text[i + 1] == '\'') {
                    ++i; // '' is an escaped single quote
                } else {
                    return;
                }
            }
        }
        fail(toPos(mark), std::string("unterminated quoted string: the closing ") + quote +
                              " is missing before the end of the file");
    }

    void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
              YAML::EmitterStyle::value style, YamlNode::Kind kind) {
        checkAnchor(mark, anchor);
        checkTag(mark, tag);
        if (static_cast<int>(m_stack.size()) >= kMaxNestingDepth) {
            fail(toPos(mark), "nesting deeper than " + std::to_string(kMaxNestingDepth) +
                                  " levels is not allowed in a configuration");
        }
        Frame frame;
        frame.node.kind = kind;
        frame.node.pos = toPos(mark);
        frame.node.flowStyle = style == YAML::EmitterStyle::Flow;
        m_stack.push_back(std::move(frame));
    }

    void close() {
        YamlNode node = std::move(m_stack.back().node);
        m_stack.pop_back();
        attach(std::move(node));
    }

    void attach(YamlNode node) {
        if (m_stack.empty()) {
            m_root = std::move(node);
            return;
        }
        Frame& parent = m_stack.back();
        if (parent.node.kind == YamlNode::Kind::Sequence) {
            parent.node.items.push_back(std::move(node));
            return;
        }
        if (!parent.hasPendingKey) {
            acceptKey(parent, node);
            return;
        }
        if (node.kind == YamlNode::Kind::Null) {
            // yaml-cpp marks an empty value at the next token, often on the next line; the
            // key is where the reader looks.
            node.pos = parent.pendingKeyPos;
        }
        parent.node.entries.push_back(
            YamlEntry{std::move(parent.pendingKey), parent.pendingKeyPos, std::move(node)});
        parent.hasPendingKey = false;
    }

    void acceptKey(Frame& map, const YamlNode& key) const {
        if (key.kind != YamlNode::Kind::Scalar || key.text.empty()) {
            fail(key.pos,
                 "a key must be a non-empty string, found " + std::string(describe(key.kind)));
        }
        const auto [it, inserted] =
            map.keyIndex.emplace(toLowerAscii(key.text), map.node.entries.size());
        if (!inserted) {
            const YamlEntry& entry = map.node.entries[it->second];
            fail(key.pos, "duplicate key '" + key.text + "' (already given as '" + entry.key +
                              "' at line " + std::to_string(entry.keyPos.line) +
                              "; keys are case-insensitive)");
        }
        map.hasPendingKey = true;
        map.pendingKey = key.text;
        map.pendingKeyPos = key.pos;
    }

    std::string_view m_text;
    const std::string& m_fileName;
    std::vector<Frame> m_stack;
    YamlNode m_root;
    int m_documents = 0;
};

// Number of the last line holding something (a final newline does not start a line).
int lastLine(std::string_view text) {
    int lines = 1;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        lines += text[i] == '\n' ? 1 : 0;
    }
    return lines;
}

// Refuses YAML directives (YAML 1.2 §6.8: a line starting with '%', e.g. `%YAML 1.2`,
// `%TAG`). A configuration needs none, and yaml-cpp silently ends the document at a directive
// found after content (the rest of the file would be ignored). A valid configuration has no
// other line starting with '%': the root is a map, so a scalar continued on another line is
// indented, and a key cannot start with the reserved indicator '%'.
void refuseDirectives(std::string_view text, const std::string& fileName) {
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    constexpr std::size_t kShownBytes = 16;
    std::size_t lineStart = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
    int line = 1;
    while (lineStart < text.size()) {
        const std::size_t lineEnd = std::min(text.find('\n', lineStart), text.size());
        if (text[lineStart] == '%') {
            // The directive's name only (ASCII letters): the message is shown as UTF-8 text.
            std::size_t nameEnd = lineStart + 1;
            while (nameEnd < lineEnd && nameEnd - lineStart <= kShownBytes &&
                   ((text[nameEnd] >= 'A' && text[nameEnd] <= 'Z') ||
                    (text[nameEnd] >= 'a' && text[nameEnd] <= 'z'))) {
                ++nameEnd;
            }
            const std::string_view name = text.substr(lineStart, nameEnd - lineStart);
            throw InputError(Diagnostic{fileName, line, 1,
                                        "YAML directives (" + std::string(name) +
                                            ") are not allowed in a configuration"});
        }
        lineStart = lineEnd + 1;
        ++line;
    }
}

} // namespace

std::string_view describe(YamlNode::Kind kind) {
    switch (kind) {
    case YamlNode::Kind::Null:
        return "nothing";
    case YamlNode::Kind::Scalar:
        return "a scalar";
    case YamlNode::Kind::Sequence:
        return "a sequence";
    case YamlNode::Kind::Map:
        return "a map";
    }
    return "nothing";
}

YamlNode parseYaml(std::string_view text, const std::string& fileName) {
    checkTextLimits(text, fileName, kMaxConfigBytes);
    refuseDirectives(text, fileName);
    std::istringstream stream{std::string(text)};
    TreeBuilder builder(text, fileName);
    try {
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (const YAML::Exception& error) {
        SourcePos pos = toPos(error.mark);
        if (pos.line == 0 || pos.line > lastLine(text)) {
            // Errors found at the end of the input have no mark, or one past the last line.
            pos = SourcePos{lastLine(text), 0};
        }
        throw InputError(Diagnostic{fileName, pos.line, pos.column, "invalid YAML: " + error.msg});
    }
    YamlNode root = builder.takeRoot();
    if (root.pos.line == 0) {
        root.pos = SourcePos{1, 1}; // empty document: point at the start of the file
    }
    return root;
}

} // namespace redpak::detail
