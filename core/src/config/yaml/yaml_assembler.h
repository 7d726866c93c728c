// SPDX-License-Identifier: Apache-2.0
// Builds a YamlNode tree from parse events (open a map or sequence, a scalar, a null, close).
// Both YAML readers of core/src feed it, so the checks that do not depend on the syntax are
// made once, the same way for both: keys that are not non-empty scalars, duplicate keys
// (compared without case, since the spec's keys are case-insensitive; a hash index keeps a
// hostile map of a hundred thousand keys linear), nesting deeper than the limit, and NUL
// characters in values. Private to core/src.
#pragma once

#include "config/yaml/yaml_tree.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace redpak::detail {

class TreeAssembler {
public:
    explicit TreeAssembler(const std::string& fileName) : m_fileName(fileName) {}

    void null(SourcePos pos);
    void scalar(SourcePos pos, std::string value);
    void openSequence(SourcePos pos, bool flowStyle);
    void openMap(SourcePos pos, bool flowStyle);
    void close();

    YamlNode takeRoot() { return std::move(m_root); }

    [[noreturn]] void fail(SourcePos pos, std::string message) const;

private:
    // A container being filled. For maps, `pendingKey` holds a key until its value arrives.
    struct Frame {
        YamlNode node;
        bool hasPendingKey = false;
        std::string pendingKey;
        SourcePos pendingKeyPos{};
        // Lower-case key -> entry, built once the map is too long to search entry by entry
        // (configuration maps have a few keys; a hostile one may have thousands).
        std::unordered_map<std::string, std::size_t> keyIndex;
    };

    void open(SourcePos pos, bool flowStyle, YamlNode::Kind kind);
    void attach(YamlNode node);
    void acceptKey(Frame& map, YamlNode&& key) const;
    // Records `key` as the next key of `map`; returns the entry whose key it repeats (compared
    // without case), if any.
    static const YamlEntry* registerKey(Frame& map, const std::string& key);

    const std::string& m_fileName;
    std::vector<Frame> m_stack;
    YamlNode m_root;
};

} // namespace redpak::detail
