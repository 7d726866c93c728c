// SPDX-License-Identifier: Apache-2.0
// In-memory families: configs built as typed values (no parser, no files) for the merge and plan
// tests, placed in nodes /r, /r/c, /r/c/l...; review_fixtures.h builds them from YAML text.
#pragma once

#include "redpak/merge/merge.h"

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

// A member of an in-memory family at `path`: nothing was opened, so no identity nor object.
inline FamilyMember inMemoryMember(const std::string& path, Config normal,
                                   std::optional<Config> admin) {
    const std::filesystem::path base(path);
    NodeLocation location{base, base / ".rednode.yaml", base / "etc/redpak.yaml",
                          admin
                              ? std::optional<std::filesystem::path>(base / "etc/redpak-admin.yaml")
                              : std::nullopt};
    return FamilyMember{location,     std::move(normal), std::move(admin),
                        std::nullopt, std::nullopt,      {}};
}

inline std::vector<FamilyMember> family(const std::vector<NodeSpec>& nodes) {
    std::vector<FamilyMember> out;
    for (const NodeSpec& node : nodes) {
        out.push_back(inMemoryMember(node.path, node.normal, node.admin));
    }
    return out;
}

inline EffectiveConfig merge(const std::vector<NodeSpec>& nodes, MergeMode mode,
                             const Expander* expander = nullptr) {
    return mergeFamily(family(nodes), MergeOptions{mode, expander});
}

} // namespace redpak::test
