// SPDX-License-Identifier: Apache-2.0
// Risk findings on what a launch would really do (risk analysis, "RED-PAK cyber-security
// recommendations"), and the exposure score that summarises them.
//
// Findings are computed on the effective configuration *through the bwrap plan*: the plan's
// default `--cap-drop cap_sys_admin`, the namespaces bwrap unshares when nothing is shared and
// the capabilities bwrap keeps (all of them when redwrap runs as root, none otherwise) decide
// what a node can do, not the raw YAML. Finding ids are stable (README "Review, audit and
// findings" lists them with their weights); explanations are English and cite the
// recommendation they come from.
#pragma once

#include "redpak/launch/launch_view.h"
#include "redpak/launch/plan.h"
#include "redpak/merge/merge.h"
#include "redpak/merge/tree_index.h"

#include <array>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

enum class Severity { Info, Warning, Error };
std::string_view toString(Severity severity); // "info", "warning", "error"
std::optional<Severity> severityFromString(std::string_view text);

struct Finding {
    std::string id; // e.g. "cap.sys-admin"
    Severity severity = Severity::Info;
    std::string node;        // base directory of the node ("" for nothing node-specific)
    std::string item;        // the item concerned: "capability cap_sys_admin", "export /etc"
    std::string explanation; // short, English, cites the recommendation
    std::string source;      // "FILE:LINE" of the definition behind the item, when known
    double weight = 0;       // contribution to the exposure score
};

// Findings of one node. `family` (the parsed files, root first) lets commands written in the
// files be found before expansion; pass it when available. The files of the family (and its
// audit record) are examined on disk for ownership and permissions (rec. 3).
struct NodeFindings {
    std::string node;
    std::string alias;
    std::vector<Finding> findings; // most severe first, then by id
    double score = 0;              // exposure score, see exposureScore()
};
NodeFindings analyzeNode(const EffectiveConfig& config,
                         const std::vector<FamilyMember>* family = nullptr);
// The same, the merges of the family's ancestors (mergeForReview of its first `count`
// members, 1 < count < its size) given by `ancestorMerge` (TreeIndex::mergedAncestor).
using AncestorMerge = std::function<const EffectiveConfig&(std::size_t count)>;
NodeFindings analyzeNode(const EffectiveConfig& config, const std::vector<FamilyMember>& family,
                         const AncestorMerge& ancestorMerge);

// Loads, merges (normal mode unless `mode` says otherwise; commands kept, never run) and
// analyses the node at `dir`. Throws InputError when a file of the family is invalid.
NodeFindings analyzeNodeAt(const std::filesystem::path& dir, MergeMode mode = MergeMode::Normal);
// The same through `index` (made with reviewExpander()): what analyzeTreeAt does per node.
NodeFindings analyzeIndexedNode(const std::filesystem::path& dir, MergeMode mode, TreeIndex& index);

// What the tree findings compare of one node: a tree of thousands of nodes keeps this much of
// each, not its whole effective config. `launchable` is false when its merge failed (it never
// runs, so it shares nothing with anyone).
struct TreeNodeIdentity {
    std::string path;
    bool launchable = false;
    std::optional<std::string> user; // set-user; none: the launching user
    std::optional<std::string> smack;
};
TreeNodeIdentity treeIdentityOf(const EffectiveConfig& config);

// Findings that concern several nodes of a tree (rec. 2: nodes that run as the same user
// without a distinct Smack label).
std::vector<Finding> analyzeTree(const std::vector<TreeNodeIdentity>& nodes);

// Every node at or below `dir` (walkTree order) and the tree findings, each family read once
// (TreeIndex). A node whose files are invalid gets a `config.invalid` error finding and does
// not hide the others; a subtree the walk did not inspect is a `tree.not-inspected` error.
struct TreeAnalysis {
    std::vector<NodeFindings> nodes;
    std::vector<Finding> tree;
};
TreeAnalysis analyzeTreeAt(const std::filesystem::path& dir, MergeMode mode);

// min(10, sum of the weights), rounded to one decimal: 0 is a closed node; shared
// namespaces, kept capabilities, writable host mounts, missing limits... raise it.
double exposureScore(const std::vector<Finding>& findings);

// "3.1 -> 5.4" / "3.1" with one decimal.
std::string formatScore(double score);

// Host directories whose writable export exposes the host system: the directory itself and
// everything below ("/etc", "/usr", ...), or only the directory itself ("/", "/var",
// "/home", ...). Compared component by component.
bool isHostSystemDirectory(std::string_view path);

// Findings as text (one per line) or JSON.
std::string formatFindingsText(const std::vector<NodeFindings>& nodes,
                               const std::vector<Finding>& treeFindings);
std::string formatFindingsJson(const std::vector<NodeFindings>& nodes,
                               const std::vector<Finding>& treeFindings);

// Highest severity present, nullopt when there is no finding.
std::optional<Severity> highestSeverity(const std::vector<Finding>& findings);

} // namespace redpak
