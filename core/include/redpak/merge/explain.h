// SPDX-License-Identifier: Apache-2.0
// "Why" of one effective item (spec: merge-and-launch.md §2): every definition of it in the
// family, the one the merge applied and the rule that decided, read from the merge's own
// result (provenance, effectiveShare, effectiveCapability, covers, normalizeMountPath) so that
// the explanation cannot differ from what redwrap launches.
#pragma once

#include "redpak/merge/merge.h"

#include <string>
#include <string_view>
#include <vector>

namespace redpak {

enum class ExplainRule {
    LeafWins,           // scalar keys: the definition closest to the leaf wins
    ShareAllFallback,   // share_X decides; share_all only when no file defines share_X
    CapabilityPerRule,  // ALL is a rule for every capability; a file's own rule wins over it
    EnvironByKey,       // environ merges by key, the leaf's definition wins
    ExportByMountPoint, // exports merge by normalised mount point; ancestor Private set aside
    CgroupPerNode,      // each node keeps its own cgroup limits (admin over normal)
    PathListOrder,      // path/ldpath: child entries first, admin before normal, no duplicates
};
std::string_view toString(ExplainRule rule);    // "leaf-wins", ...
std::string_view ruleWording(ExplainRule rule); // the spec's wording

enum class DefinitionEffect {
    Applied,       // the definition the effective value comes from
    Overridden,    // the definition the applied one replaced
    Defined,       // another definition, replaced earlier or bounded
    NotADefinition // `unset`, or an ancestor's Private/PrivateFile export (spec §2)
};
std::string_view toString(DefinitionEffect effect); // "applied", "overridden", ...

struct ItemDefinition {
    std::string alias;
    std::string node;
    ConfigKind kind = ConfigKind::Normal;
    std::string file;
    int line = 0;
    std::string key;   // as written: "share_net", "all", "/home//x"
    std::string value; // as written, as text
    DefinitionEffect effect = DefinitionEffect::Defined;
};

struct Explanation {
    std::string item;                        // canonical item name
    std::optional<std::string> effective;    // the effective value, absent when undefined
    std::vector<ItemDefinition> definitions; // root first, normal then admin file
    ExplainRule rule = ExplainRule::LeafWins;
};

// Items: a scalar key ("hostname", "die-with-parent", "umask", "share_net", ...), a capability
// ("cap_chown"; "cap_all" for the ALL rule), "environ:KEY", "export:/mount/point",
// "cgroups.CONTROLLER.KEY", "path:DIR", "ldpath:DIR" (one entry of the list). Throws
// InputError naming the item when it is none of these.
Explanation explain(const std::vector<FamilyMember>& family, std::string_view item, MergeMode mode);

// Text and JSON presentations (`redconf why`).
std::string formatExplanation(const Explanation& explanation);
std::string explanationJson(const Explanation& explanation);

} // namespace redpak
