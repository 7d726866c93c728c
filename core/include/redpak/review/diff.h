// SPDX-License-Identifier: Apache-2.0
// Semantic diff of configurations: two config files, two nodes, or one node's effective
// configuration before and after a change.
//
// Items are matched by identity (environ key, export mount point, capability, config key,
// namespace, cgroup controller + key), never by position in the file, and every change is
// classified: *widening* gives the node more access to the host (a namespace shared, a
// capability added, Restricted -> Public, a new writable mount, `unsafe`, `inherit-env`, a
// limit removed or raised, procfs...), *narrowing* takes access away, *neutral* changes
// nothing the sandbox enforces (an info text, a prompt, a chdir). Effective configurations
// are compared as launched (through the bwrap plan): namespaces after the `share_all`
// fallback, capabilities as kept.
#pragma once

#include "redpak/config/config.h"
#include "redpak/merge/merge.h"
#include "redpak/review/review_merge.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

enum class ChangeKind { Added, Removed, Modified };
enum class Direction { Widening, Narrowing, Neutral };
std::string_view toString(ChangeKind kind);     // "added", "removed", "modified"
std::string_view toString(Direction direction); // "widening", "narrowing", "neutral"

struct Change {
    std::string category; // "environ", "export", "capability", "config", "share", "namespace",
                          // "cgroup", "header"
    std::string item; // identity shown to people: "export /usr", "share_net", "cgroup app pids.max"
    ChangeKind kind = ChangeKind::Modified;
    Direction direction = Direction::Neutral;
    std::optional<std::string> before; // value text; absent for an added item
    std::optional<std::string> after;  // absent for a removed item
    std::string reason;                // why it is widening/narrowing/neutral
};

struct Diff {
    std::vector<Change> changes; // widening first, then narrowing, then neutral

    bool empty() const { return changes.empty(); }
    std::size_t count(Direction direction) const;
    // "2 widening, 1 narrowing, 3 neutral" ("no change" when empty).
    std::string summary() const;
};

// Two config files (what a file says, before any merge).
Diff diffConfigs(const Config& before, const Config& after);

// Two effective configurations (what a launch does).
Diff diffEffective(const EffectiveConfig& before, const EffectiveConfig& after);

// Effective configurations of two nodes (normal mode unless `mode` says otherwise; strings
// expanded, commands kept, never run). Throws InputError.
Diff diffNodes(const std::filesystem::path& before, const std::filesystem::path& after,
               MergeMode mode = MergeMode::Normal);

// The content of an effective configuration without provenance, one sorted line per item (as
// diffEffective sees it): two configurations launch the same way when their texts are equal.
// Audit records keep its digest.
std::string canonicalText(const EffectiveConfig& config);

// One change per line ("widening  modified  share_net: disabled -> enabled (reason)") and
// the summary; JSON with the same content.
std::string formatDiffText(const Diff& diff);
std::string formatDiffJson(const Diff& diff);

} // namespace redpak
