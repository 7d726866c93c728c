// SPDX-License-Identifier: Apache-2.0
// Typed access to a YamlNode tree with errors that name the file, the position and what was
// expected. Shared by the config parser and the status-file parser.
#pragma once

#include "config/yaml/yaml_tree.h"
#include "redpak/base/diagnostic.h"
#include "redpak/config/config.h"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace redpak::detail {

class SchemaReader {
public:
    explicit SchemaReader(std::string fileName) : m_fileName(std::move(fileName)) {}

    [[noreturn]] void fail(SourcePos pos, std::string message) const;
    Diagnostic diagnostic(SourcePos pos, std::string message) const;

    // `what` names the item in messages, e.g. "'headers'" or "environ entry".
    const YamlNode& map(const YamlNode& node, std::string_view what) const;
    const YamlNode& sequence(const YamlNode& node, std::string_view what) const;
    std::string scalar(const YamlNode& node, std::string_view what) const;
    bool boolean(const YamlNode& node, std::string_view what) const;
    std::int64_t integer(const YamlNode& node, std::string_view what) const;
    std::uint32_t octalMode(const YamlNode& node, std::string_view what) const;

    // Calls `handle(canonicalKey, entry)` for each entry of `node` (a map), after checking the
    // key against `allowed` without case; an unknown key fails with the list of allowed keys.
    void forEachKey(const YamlNode& node, std::string_view what,
                    std::span<const std::string_view> allowed,
                    const std::function<void(std::string_view, const YamlEntry&)>& handle) const;
    void forEachKey(const YamlNode& node, std::string_view what,
                    std::initializer_list<std::string_view> allowed,
                    const std::function<void(std::string_view, const YamlEntry&)>& handle) const {
        forEachKey(node, what, std::span<const std::string_view>(allowed.begin(), allowed.size()),
                   handle);
    }

    // Fails when `key` (canonical spelling) is not among the entries of `node`.
    void require(const YamlNode& node, std::string_view what, std::string_view key) const;

private:
    std::string m_fileName;
};

} // namespace redpak::detail
