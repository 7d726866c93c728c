// SPDX-License-Identifier: Apache-2.0
// Compares the block-subset YAML reader with yaml-cpp on one text (core/src/yaml_tree.h): when
// the subset reader accepts a text, its tree must be exactly yaml-cpp's. Shared by the
// fuzz_yaml_subset target and the tst_yaml_subset unit test.
#pragma once

#include "base/text_limits.h"
#include "config/yaml/yaml_tree.h"
#include "redpak/base/diagnostic.h"
#include "redpak/config/parser.h"

#include <optional>
#include <string>
#include <string_view>

namespace redpak::fuzz {

struct SubsetComparison {
    bool accepted = false; // the subset reader read the text
    std::string failure;   // empty when the readers agree
};

namespace subset_check {

inline std::string position(const SourcePos& pos) {
    return std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

// Empty when equal, otherwise where and how the trees differ.
inline std::string treeDifference(const redpak::detail::YamlNode& subset,
                                  const redpak::detail::YamlNode& reference,
                                  const std::string& path) {
    if (subset.kind != reference.kind) {
        return path + ": kind " + std::string(redpak::detail::describe(subset.kind)) +
               " instead of " + std::string(redpak::detail::describe(reference.kind));
    }
    if (subset.pos.line != reference.pos.line || subset.pos.column != reference.pos.column) {
        return path + ": at " + position(subset.pos) + " instead of " + position(reference.pos);
    }
    if (subset.text != reference.text) {
        return path + ": '" + subset.text + "' instead of '" + reference.text + "'";
    }
    if (subset.flowStyle != reference.flowStyle) {
        return path + ": flow style differs";
    }
    if (subset.items.size() != reference.items.size() ||
        subset.entries.size() != reference.entries.size()) {
        return path + ": " + std::to_string(subset.items.size() + subset.entries.size()) +
               " children instead of " +
               std::to_string(reference.items.size() + reference.entries.size());
    }
    for (std::size_t i = 0; i < subset.items.size(); ++i) {
        std::string difference = treeDifference(subset.items[i], reference.items[i],
                                                path + "[" + std::to_string(i) + "]");
        if (!difference.empty()) {
            return difference;
        }
    }
    for (std::size_t i = 0; i < subset.entries.size(); ++i) {
        const redpak::detail::YamlEntry& mine = subset.entries[i];
        const redpak::detail::YamlEntry& theirs = reference.entries[i];
        const std::string entryPath = path + "." + theirs.key;
        if (mine.key != theirs.key || mine.keyPos.line != theirs.keyPos.line ||
            mine.keyPos.column != theirs.keyPos.column) {
            return entryPath + ": key '" + mine.key + "' at " + position(mine.keyPos) +
                   " instead of at " + position(theirs.keyPos);
        }
        std::string difference = treeDifference(mine.value, theirs.value, entryPath);
        if (!difference.empty()) {
            return difference;
        }
    }
    return {};
}

} // namespace subset_check

// Texts that parseYaml refuses before reading (size, NUL, UTF-8) are not compared.
inline SubsetComparison compareSubsetWithYamlCpp(std::string_view text) {
    const std::string fileName = "/fuzz/etc/redpak.yaml";
    try {
        redpak::detail::checkTextLimits(text, fileName, kMaxConfigBytes);
    } catch (const InputError&) {
        return {};
    }
    const std::optional<redpak::detail::YamlNode> subset =
        redpak::detail::readBlockSubset(text, fileName);
    if (!subset) {
        return {};
    }
    try {
        const redpak::detail::YamlNode reference = redpak::detail::readYamlCpp(text, fileName);
        return {true, subset_check::treeDifference(*subset, reference, "root")};
    } catch (const InputError& error) {
        return {true, std::string("accepted, but yaml-cpp refuses it: ") + error.what()};
    }
}

} // namespace redpak::fuzz
