// SPDX-License-Identifier: Apache-2.0
// writeConfigKeepingComments (writer.h): the canonical text of the new model, with the comments
// of the previous text carried over to the lines that hold the same thing.
//
// Each line of both texts that starts a map entry or a sequence item gets an anchor: the path
// of keys leading to it (`config/hostname`), a sequence item being named by the entry of the
// previous text it shares most `key: value` pairs with (an edit changes one field of an item,
// not all of them). A block of whole-line comments goes before the line of the anchor that
// follows it; a comment at the end of a line goes to the end of that anchor's line. A comment
// whose anchor is gone (its key was removed) goes before the next anchor still there, so that
// nothing the user wrote is lost.
#include "config/yaml/yaml_tree.h"
#include "redpak/config/parser.h"
#include "redpak/config/writer.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace redpak {

namespace {

using detail::YamlNode;

std::vector<std::string> splitLines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        const std::size_t end = std::min(text.find('\n', begin), text.size());
        lines.emplace_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    return lines;
}

// Offset of a comment that ends `line` (a '#' after a space, outside quotes), or npos.
std::size_t trailingCommentAt(std::string_view line) {
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote == '"' && c == '\\') {
            ++i;
        } else if (quote != 0) {
            quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '#' && (i == 0 || line[i - 1] == ' ')) {
            return i;
        }
    }
    return std::string_view::npos;
}

bool isCommentLine(std::string_view line) {
    const std::size_t content = line.find_first_not_of(' ');
    return content != std::string_view::npos && line[content] == '#';
}

// The `key: value` pairs of a sequence item, to recognise it in the other text.
std::set<std::string> itemPairs(const YamlNode& item) {
    std::set<std::string> pairs;
    for (const detail::YamlEntry& entry : item.entries) {
        if (entry.value.kind == YamlNode::Kind::Scalar) {
            pairs.insert(entry.key + '\n' + entry.value.text);
        }
    }
    if (item.kind == YamlNode::Kind::Scalar) {
        pairs.insert(item.text);
    }
    return pairs;
}

// The anchor of every line that starts an entry or an item: line (1-based) -> path.
class Anchors {
public:
    // `reference`: the anchors of the previous text, whose item names are reused.
    explicit Anchors(const YamlNode& root, const Anchors* reference = nullptr)
        : m_reference(reference) {
        walk(root, "");
    }

    const std::map<int, std::string>& byLine() const { return m_byLine; }
    std::optional<int> lineOf(const std::string& anchor) const {
        const auto found = m_lineOf.find(anchor);
        return found == m_lineOf.end() ? std::nullopt : std::optional<int>(found->second);
    }

private:
    void record(int line, const std::string& anchor) {
        m_byLine.try_emplace(line, anchor);
        m_lineOf.try_emplace(anchor, line);
    }

    void walk(const YamlNode& node, const std::string& path) {
        for (const detail::YamlEntry& entry : node.entries) {
            std::string key = entry.key;
            std::transform(key.begin(), key.end(), key.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            const std::string anchor = path + '/' + key;
            record(entry.keyPos.line, anchor);
            walk(entry.value, anchor);
        }
        for (std::size_t i = 0; i < node.items.size(); ++i) {
            const std::string anchor = path + "/[" + itemName(path, node.items[i], i) + ']';
            m_items[path].push_back({anchor, itemPairs(node.items[i])});
            record(node.items[i].pos.line, anchor);
            walk(node.items[i], anchor);
        }
    }

    // In the previous text an item is named by its position; in the new one by the name of
    // the previous item it shares most pairs with (a fresh name when it shares none).
    std::string itemName(const std::string& path, const YamlNode& item, std::size_t index) const {
        if (m_reference == nullptr) {
            return std::to_string(index);
        }
        const std::set<std::string> pairs = itemPairs(item);
        std::string best = "new" + std::to_string(index);
        std::size_t bestShared = 0;
        const auto items = m_reference->m_items.find(path);
        if (items == m_reference->m_items.end()) {
            return best;
        }
        for (const auto& [anchor, theirs] : items->second) {
            std::size_t shared = 0;
            for (const std::string& pair : pairs) {
                shared += theirs.count(pair);
            }
            if (shared > bestShared && !m_lineOf.contains(anchor)) {
                best = anchor.substr(path.size() + 2, anchor.size() - path.size() - 3);
                bestShared = shared;
            }
        }
        return best;
    }

    const Anchors* m_reference;
    std::map<int, std::string> m_byLine;
    std::map<std::string, int> m_lineOf;
    std::map<std::string, std::vector<std::pair<std::string, std::set<std::string>>>> m_items;
};

// Comments of the previous text, placed by the line of the new text they go before or after.
struct CarriedComments {
    std::map<int, std::vector<std::string>> before; // new line -> whole-line comments
    std::map<int, std::string> after;               // new line -> trailing comment
    std::vector<std::string> atEnd;                 // after the last line
};

CarriedComments carry(const std::vector<std::string>& previous, const Anchors& was,
                      const Anchors& now) {
    CarriedComments out;
    std::vector<std::string> pending; // whole-line comments waiting for an anchor still there
    for (std::size_t i = 0; i < previous.size(); ++i) {
        const std::string& line = previous[i];
        const auto anchor = was.byLine().find(static_cast<int>(i + 1));
        const std::optional<int> target =
            anchor == was.byLine().end() ? std::nullopt : now.lineOf(anchor->second);
        if (isCommentLine(line)) {
            pending.push_back(line);
            continue;
        }
        const std::size_t trailing =
            anchor == was.byLine().end() ? std::string::npos : trailingCommentAt(line);
        if (trailing != std::string::npos) {
            if (target) {
                out.after[*target] = line.substr(trailing);
            } else {
                const std::size_t indent = line.find_first_not_of(' ');
                pending.push_back(std::string(indent, ' ') + line.substr(trailing));
            }
        }
        if (target) {
            auto& before = out.before[*target];
            before.insert(before.end(), pending.begin(), pending.end());
            pending.clear();
        }
    }
    out.atEnd = std::move(pending);
    return out;
}

std::string assemble(const std::vector<std::string>& lines, const CarriedComments& comments) {
    std::string text;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const int line = static_cast<int>(i + 1);
        if (const auto before = comments.before.find(line); before != comments.before.end()) {
            for (const std::string& comment : before->second) {
                text += comment + '\n';
            }
        }
        text += lines[i];
        const auto after = comments.after.find(line);
        if (after != comments.after.end() && trailingCommentAt(lines[i]) == std::string::npos) {
            text += "  " + after->second;
        }
        text += '\n';
    }
    for (const std::string& comment : comments.atEnd) {
        text += comment + '\n';
    }
    return text;
}

} // namespace

std::string writeConfigKeepingComments(const Config& config, std::string_view previousText) {
    std::string canonical = writeConfig(config);
    if (previousText.find('#') == std::string_view::npos) {
        return canonical;
    }
    try {
        const Anchors was(detail::parseYaml(previousText, "previous"));
        const Anchors now(detail::parseYaml(canonical, "canonical"), &was);
        std::string kept =
            assemble(splitLines(canonical), carry(splitLines(previousText), was, now));
        // Only trust the carried text when it reads back as exactly the intended config.
        const ValidationResult check = validateConfigText(kept, "kept");
        if (check.ok() && *check.config == config) {
            return kept;
        }
    } catch (const InputError&) {
        // The previous text does not parse: nothing to anchor its comments to.
    }
    return canonical;
}

} // namespace redpak
