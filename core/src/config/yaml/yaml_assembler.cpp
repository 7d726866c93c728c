// SPDX-License-Identifier: Apache-2.0
#include "config/yaml/yaml_assembler.h"

#include "base/text_util.h"
#include "redpak/base/diagnostic.h"
#include "redpak/config/parser.h"

namespace redpak::detail {

void TreeAssembler::fail(SourcePos pos, std::string message) const {
    throw InputError(Diagnostic{m_fileName, pos.line, pos.column, std::move(message)});
}

void TreeAssembler::null(SourcePos pos) {
    YamlNode node;
    node.pos = pos;
    attach(std::move(node));
}

void TreeAssembler::scalar(SourcePos pos, std::string value) {
    if (value.find('\0') != std::string::npos) {
        // Only an escape (\0, \x00, \u0000) gets here: raw NUL bytes are refused before
        // parsing. A NUL would silently cut the value in every C string it reaches (bwrap).
        fail(pos, "a NUL character (escape \\0, \\x00 or \\u0000) is not allowed in a value");
    }
    YamlNode node;
    node.kind = YamlNode::Kind::Scalar;
    node.pos = pos;
    node.text = std::move(value);
    attach(std::move(node));
}

void TreeAssembler::openSequence(SourcePos pos, bool flowStyle) {
    open(pos, flowStyle, YamlNode::Kind::Sequence);
}

void TreeAssembler::openMap(SourcePos pos, bool flowStyle) {
    open(pos, flowStyle, YamlNode::Kind::Map);
}

void TreeAssembler::open(SourcePos pos, bool flowStyle, YamlNode::Kind kind) {
    if (static_cast<int>(m_stack.size()) >= kMaxNestingDepth) {
        fail(pos, "nesting deeper than " + std::to_string(kMaxNestingDepth) +
                      " levels is not allowed in a configuration");
    }
    Frame frame;
    frame.node.kind = kind;
    frame.node.pos = pos;
    frame.node.flowStyle = flowStyle;
    m_stack.push_back(std::move(frame));
}

void TreeAssembler::close() {
    YamlNode node = std::move(m_stack.back().node);
    m_stack.pop_back();
    attach(std::move(node));
}

void TreeAssembler::attach(YamlNode node) {
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
        acceptKey(parent, std::move(node));
        return;
    }
    if (node.kind == YamlNode::Kind::Null) {
        // yaml-cpp marks an empty value at the next token, often on the next line; the key is
        // where the reader looks.
        node.pos = parent.pendingKeyPos;
    }
    parent.node.entries.push_back(
        YamlEntry{std::move(parent.pendingKey), parent.pendingKeyPos, std::move(node)});
    parent.hasPendingKey = false;
}

const YamlEntry* TreeAssembler::registerKey(Frame& map, const std::string& key) {
    constexpr std::size_t kSearchedEntries = 16;
    std::vector<YamlEntry>& entries = map.node.entries;
    if (entries.size() <= kSearchedEntries) {
        for (const YamlEntry& entry : entries) {
            if (equalsIgnoreCase(entry.key, key)) {
                return &entry;
            }
        }
        return nullptr;
    }
    if (map.keyIndex.empty()) {
        for (std::size_t i = 0; i < entries.size(); ++i) {
            map.keyIndex.emplace(toLowerAscii(entries[i].key), i);
        }
    }
    // The entry is indexed now: attach appends it just after.
    const auto [it, inserted] = map.keyIndex.emplace(toLowerAscii(key), entries.size());
    return inserted ? nullptr : &entries[it->second];
}

void TreeAssembler::acceptKey(Frame& map, YamlNode&& key) const {
    if (key.kind != YamlNode::Kind::Scalar || key.text.empty()) {
        fail(key.pos, "a key must be a non-empty string, found " + std::string(describe(key.kind)));
    }
    if (const YamlEntry* entry = registerKey(map, key.text)) {
        fail(key.pos, "duplicate key '" + key.text + "' (already given as '" + entry->key +
                          "' at line " + std::to_string(entry->keyPos.line) +
                          "; keys are case-insensitive)");
    }
    map.hasPendingKey = true;
    map.pendingKey = std::move(key.text);
    map.pendingKeyPos = key.pos;
}

} // namespace redpak::detail
