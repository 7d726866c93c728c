// SPDX-License-Identifier: Apache-2.0
// In-memory families for the merge and plan tests: configs are built as typed values (no
// parser, no files), placed in nodes /r, /r/c, /r/c/l...
#pragma once

#include "redpak/merge.h"

#include <optional>
#include <string>
#include <vector>

namespace redpak::test {

inline Config makeConfig(const std::string& alias) {
    Config config;
    config.headers.alias.value = alias;
    return config;
}

inline ConfigSection& section(Config& config) {
    if (!config.config) {
        config.config.emplace();
    }
    return *config.config;
}

// One node under construction: its normal file and, when asked for, its admin file.
struct NodeSpec {
    std::string path;
    Config normal;
    std::optional<Config> admin;

    Config& adminFile() {
        if (!admin) {
            admin = makeConfig(normal.headers.alias.value);
        }
        return *admin;
    }
    Config& file(bool isAdmin) { return isAdmin ? adminFile() : normal; }
};

inline NodeSpec makeNode(const std::string& path, const std::string& alias) {
    return NodeSpec{path, makeConfig(alias), std::nullopt};
}

inline std::vector<FamilyMember> family(const std::vector<NodeSpec>& nodes) {
    std::vector<FamilyMember> out;
    for (const NodeSpec& node : nodes) {
        const std::filesystem::path base(node.path);
        NodeLocation location{
            base, base / ".rednode.yaml", base / "etc/redpak.yaml",
            node.admin ? std::optional<std::filesystem::path>(base / "etc/redpak-admin.yaml")
                       : std::nullopt};
        out.push_back(FamilyMember{location, node.normal, node.admin});
    }
    return out;
}

inline EffectiveConfig merge(const std::vector<NodeSpec>& nodes, MergeMode mode,
                             const Expander* expander = nullptr) {
    return mergeFamily(family(nodes), MergeOptions{mode, expander});
}

} // namespace redpak::test
