// SPDX-License-Identifier: Apache-2.0
// Tree-wide impact of a change: what happens to a node and to every node below it if its
// normal (or admin) configuration were replaced. Computed in memory (the files are not touched):
// each node of the subtree is merged twice, with the file as it is and with the replacement, and
// the two effective configurations are compared (diff.h), with new merge warnings/errors
// and the change of exposure score (findings.h). This is what a reviewer needs before saving
// a parent: a parent that shares its network silently widens every child that inherits it.
#pragma once

#include "redpak/base/diagnostic.h"
#include "redpak/config/config.h"
#include "redpak/merge/merge.h"
#include "redpak/review/diff.h"
#include "redpak/tree/node.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

struct NodeImpact {
    std::string node; // base directory
    std::string alias;
    int depth = 0; // 0 for the changed node, 1 for its children...
    Diff diff;     // effective configuration before -> after
    std::vector<Diagnostic> newWarnings;
    std::vector<MergeError> newErrors;
    std::vector<MergeError> fixedErrors; // errors the change removes
    double scoreBefore = 0;
    double scoreAfter = 0;

    bool changed() const {
        return !diff.empty() || !newWarnings.empty() || !newErrors.empty() || !fixedErrors.empty();
    }
};

struct ImpactReport {
    std::string node; // the node whose configuration is replaced
    std::string file; // the replaced file (normal config, or admin config for computeAdminImpact)
    Diff fileDiff;    // the file itself, before -> after (diffConfigs)
    std::vector<NodeImpact>
        nodes;                // the changed node and its descendants that change, parents first
    std::size_t examined = 0; // nodes of the subtree merged
    // Directories of the subtree the walk could not inspect (depth limit, unreadable): the
    // report is then incomplete, and says so instead of skipping them.
    std::vector<UninspectedDirectory> uninspected;

    std::size_t count(Direction direction) const; // changes over all nodes
    bool hasNewErrors() const;
};

// Impact of replacing the normal config of the node at `nodeDir` by `replacement`. Descendants
// are the nodes below `nodeDir` whose family contains it (a plain directory breaks the chain).
// Throws InputError when a file of the subtree cannot be read or parsed.
ImpactReport computeImpact(const std::filesystem::path& nodeDir, const Config& replacement,
                           MergeMode mode = MergeMode::Normal);

// Same, reading and parsing the replacement from `replacementFile`.
ImpactReport computeImpact(const std::filesystem::path& nodeDir,
                           const std::filesystem::path& replacementFile,
                           MergeMode mode = MergeMode::Normal);

// Impact of replacing the admin config of the node at `nodeDir` by `replacement` (nullopt: the
// admin file is removed, or stays absent). Always merged in MergeMode::Admin, the only mode in
// which admin files take part: the report tells what launches in admin mode (redwrap --admin,
// maintenance) would do differently. `ImpactReport::file` is the admin file (its usual path when
// it does not exist yet) and `fileDiff` compares it with an empty config when absent.
ImpactReport computeAdminImpact(const std::filesystem::path& nodeDir,
                                const std::optional<Config>& replacement);

// Same, reading and parsing the replacement admin config from `replacementFile`.
ImpactReport computeAdminImpact(const std::filesystem::path& nodeDir,
                                const std::filesystem::path& replacementFile);

// What the node at `nodeDir` grants compared with its parent: one NodeImpact (depth 0), its
// parent's effective configuration before (an empty one for a root node), its own after. The
// review of putting something to run in an existing node. Throws InputError.
ImpactReport computeNodeGrant(const std::filesystem::path& nodeDir);

// The same for the node `dir` before it exists, as createNode would make it from template
// `templateName` with `alias`: in memory, nothing is written. `file` names the config the node
// would get. Throws InputError (unknown template, unreadable parent).
ImpactReport computeCreationGrant(const std::filesystem::path& dir, const std::string& alias,
                                  std::string_view templateName);

// What replacing config `kind` of the node at `nodeDir` by `replacement` (nullopt: an absent
// admin file) does to the node's own merge against its ancestors, normal file in normal mode,
// admin file in admin mode: every merge error of the result and the warnings it adds. The
// editor shows these at the fields before the file is saved. Throws InputError when a file of
// the family cannot be read or parsed.
struct EditCheck {
    std::vector<MergeError> errors;
    std::vector<Diagnostic> newWarnings;
};
EditCheck checkEdit(const std::filesystem::path& nodeDir, const std::optional<Config>& replacement,
                    ConfigKind kind);

std::string formatImpactText(const ImpactReport& report);
std::string formatImpactJson(const ImpactReport& report);

} // namespace redpak
