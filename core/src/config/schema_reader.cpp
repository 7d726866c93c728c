// SPDX-License-Identifier: Apache-2.0
#include "config/schema_reader.h"

#include "base/text_util.h"

#include <charconv>
#include <limits>

namespace redpak::detail {

Diagnostic SchemaReader::diagnostic(SourcePos pos, std::string message) const {
    return Diagnostic{m_fileName, pos.line, pos.column, std::move(message)};
}

void SchemaReader::fail(SourcePos pos, std::string message) const {
    throw InputError(diagnostic(pos, std::move(message)));
}

const YamlNode& SchemaReader::map(const YamlNode& node, std::string_view what) const {
    if (node.kind != YamlNode::Kind::Map) {
        fail(node.pos, std::string(what) + " must be a map (key: value), found " +
                           std::string(describe(node.kind)));
    }
    return node;
}

const YamlNode& SchemaReader::sequence(const YamlNode& node, std::string_view what) const {
    if (node.kind != YamlNode::Kind::Sequence) {
        fail(node.pos, std::string(what) + " must be a sequence (- item), found " +
                           std::string(describe(node.kind)));
    }
    return node;
}

std::string SchemaReader::scalar(const YamlNode& node, std::string_view what) const {
    if (node.kind != YamlNode::Kind::Scalar) {
        fail(node.pos, std::string(what) + " must be a single value, found " +
                           std::string(describe(node.kind)));
    }
    return node.text;
}

bool SchemaReader::boolean(const YamlNode& node, std::string_view what) const {
    const std::string text = scalar(node, what);
    for (std::string_view yes : {"true", "yes", "on", "1"}) {
        if (equalsIgnoreCase(text, yes)) {
            return true;
        }
    }
    for (std::string_view no : {"false", "no", "off", "0"}) {
        if (equalsIgnoreCase(text, no)) {
            return false;
        }
    }
    fail(node.pos, std::string(what) + " must be a boolean (true or false), found '" + text + "'");
}

std::int64_t SchemaReader::integer(const YamlNode& node, std::string_view what) const {
    const std::string text = scalar(node, what);
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '+') {
        digits.remove_prefix(1);
    }
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || digits.front() == '+' || error != std::errc() ||
        end != digits.data() + digits.size()) {
        fail(node.pos, std::string(what) + " must be a decimal integer, found '" + text + "'");
    }
    return value;
}

std::uint32_t SchemaReader::octalMode(const YamlNode& node, std::string_view what) const {
    const std::string text = scalar(node, what);
    std::uint32_t value = 0;
    bool valid = !text.empty() && text.size() <= 4;
    for (char c : text) {
        valid = valid && c >= '0' && c <= '7';
        value = value * 8 + static_cast<std::uint32_t>(c - '0');
    }
    if (!valid || value > 0777) {
        fail(node.pos, std::string(what) +
                           " must be an octal mode of 1 to 4 digits between 0 "
                           "and 0777 (e.g. 027), found '" +
                           text + "'");
    }
    return value;
}

void SchemaReader::forEachKey(
    const YamlNode& node, std::string_view what, std::span<const std::string_view> allowed,
    const std::function<void(std::string_view, const YamlEntry&)>& handle) const {
    for (const YamlEntry& entry : map(node, what).entries) {
        std::string_view canonical;
        for (std::string_view key : allowed) {
            if (equalsIgnoreCase(key, entry.key)) {
                canonical = key;
            }
        }
        if (canonical.empty()) {
            std::string list;
            for (std::string_view key : allowed) {
                list += list.empty() ? "" : ", ";
                list += key;
            }
            fail(entry.keyPos, "unknown key '" + entry.key + "' in " + std::string(what) +
                                   "; expected one of: " + list);
        }
        handle(canonical, entry);
    }
}

void SchemaReader::require(const YamlNode& node, std::string_view what,
                           std::string_view key) const {
    for (const YamlEntry& entry : node.entries) {
        if (equalsIgnoreCase(entry.key, key)) {
            return;
        }
    }
    fail(node.pos,
         std::string(what) + " has no '" + std::string(key) + "' key, which is mandatory");
}

} // namespace redpak::detail
