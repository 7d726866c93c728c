// SPDX-License-Identifier: Apache-2.0
#include "config/yaml/yaml_tree.h"

#include "base/text_limits.h"
#include "config/yaml/yaml_assembler.h"
#include "redpak/base/diagnostic.h"
#include "redpak/config/parser.h"

#include <algorithm>
#include <sstream>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

// yaml-cpp's static constructors do not run at program start: core/CMakeLists.txt moves them
// from .init_array into a section of their own. Every parser object of yaml-cpp includes
// <iostream>, and building the standard streams and the classic locale cost ~55 us at every
// start of redwrap and redconf, which read configurations with readBlockSubset and rarely need
// yaml-cpp. This file is the only user of yaml-cpp (core/CMakeLists.txt checks it), and runs
// them once before the first use. The linker defines the bounds of the section.
extern "C" {
extern void (*const __start_redpak_yamlcpp_init[])();
extern void (*const __stop_redpak_yamlcpp_init[])();
}

namespace redpak::detail {

namespace {

void runYamlCppConstructors() {
    static const bool done = [] {
        for (auto* constructor = __start_redpak_yamlcpp_init;
             constructor != __stop_redpak_yamlcpp_init; ++constructor) {
            (*constructor)();
        }
        return true;
    }();
    static_cast<void>(done);
}

SourcePos toPos(const YAML::Mark& mark) {
    // yaml-cpp marks are 0-based and -1 when unknown.
    if (mark.line < 0) {
        return {};
    }
    return SourcePos{mark.line + 1, mark.column + 1};
}

// Adapts yaml-cpp events to the assembler, refusing first what only yaml-cpp can meet: anchors,
// aliases, explicit tags, a second document and quoted scalars left open.
class YamlCppEvents final : public YAML::EventHandler {
public:
    YamlCppEvents(std::string_view text, TreeAssembler& out) : m_text(text), m_out(out) {}

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++m_documents > 1) {
            m_out.fail(toPos(mark),
                       "a second YAML document: a configuration is exactly one document");
        }
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        checkAnchor(mark, anchor);
        m_out.null(toPos(mark));
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        m_out.fail(toPos(mark), "aliases (*name) are not allowed in a configuration");
    }

    void OnAnchor(const YAML::Mark& mark, const std::string&) override {
        m_out.fail(toPos(mark), "anchors (&name) are not allowed in a configuration");
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        checkAnchor(mark, anchor);
        checkTag(mark, tag);
        checkQuoteClosed(mark);
        m_out.scalar(toPos(mark), value);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        checkAnchor(mark, anchor);
        checkTag(mark, tag);
        m_out.openSequence(toPos(mark), style == YAML::EmitterStyle::Flow);
    }
    void OnSequenceEnd() override { m_out.close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        checkAnchor(mark, anchor);
        checkTag(mark, tag);
        m_out.openMap(toPos(mark), style == YAML::EmitterStyle::Flow);
    }
    void OnMapEnd() override { m_out.close(); }

private:
    void checkAnchor(const YAML::Mark& mark, YAML::anchor_t anchor) const {
        if (anchor != YAML::NullAnchor) {
            m_out.fail(toPos(mark), "anchors (&name) are not allowed in a configuration");
        }
    }

    // yaml-cpp reports "?" for untagged plain nodes and "!" for quoted scalars (the
    // non-specific tag); anything else comes from an explicit tag in the file.
    void checkTag(const YAML::Mark& mark, const std::string& tag) const {
        if (!tag.empty() && tag != "?" && tag != "!") {
            m_out.fail(toPos(mark), "tags (" + tag + ") are not allowed in a configuration");
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
        m_out.fail(toPos(mark), std::string("unterminated quoted string: the closing ") + quote +
                                    " is missing before the end of the file");
    }

    std::string_view m_text;
    TreeAssembler& m_out;
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

YamlNode readYamlCpp(std::string_view text, const std::string& fileName) {
    runYamlCppConstructors();
    std::istringstream stream{std::string(text)};
    TreeAssembler out(fileName);
    YamlCppEvents events(text, out);
    try {
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(events)) {
        }
    } catch (const YAML::Exception& error) {
        SourcePos pos = toPos(error.mark);
        if (pos.line == 0 || pos.line > lastLine(text)) {
            // Errors found at the end of the input have no mark, or one past the last line.
            pos = SourcePos{lastLine(text), 0};
        }
        throw InputError(Diagnostic{fileName, pos.line, pos.column, "invalid YAML: " + error.msg});
    }
    YamlNode root = out.takeRoot();
    if (root.pos.line == 0) {
        root.pos = SourcePos{1, 1}; // empty document: point at the start of the file
    }
    return root;
}

YamlNode parseYaml(std::string_view text, const std::string& fileName) {
    checkTextLimits(text, fileName, kMaxConfigBytes);
    refuseDirectives(text, fileName);
    if (std::optional<YamlNode> root = readBlockSubset(text, fileName)) {
        return std::move(*root);
    }
    return readYamlCpp(text, fileName);
}

} // namespace redpak::detail
