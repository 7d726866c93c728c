// SPDX-License-Identifier: Apache-2.0
#include "redpak/review/impact.h"

#include "redpak/base/text_escape.h"
#include "redpak/config/parser.h"
#include "redpak/merge/tree_index.h"
#include "redpak/review/findings.h"
#include "redpak/review/review_merge.h"
#include "redpak/tree/node.h"
#include "redpak/tree/templates.h"
#include "review/diff_json.h"
#include "review/findings_json.h"

#include <algorithm>
#include <functional>

namespace redpak {

std::size_t ImpactReport::count(Direction direction) const {
    std::size_t total = 0;
    for (const NodeImpact& impact : nodes) {
        total += impact.diff.count(direction);
    }
    return total;
}

bool ImpactReport::hasNewErrors() const {
    return std::any_of(nodes.begin(), nodes.end(),
                       [](const NodeImpact& n) { return !n.newErrors.empty(); });
}

namespace {

bool sameError(const MergeError& a, const MergeError& b) {
    return a.node == b.node && a.ancestor == b.ancestor && a.item == b.item;
}

std::vector<MergeError> errorsOnlyIn(const std::vector<MergeError>& in,
                                     const std::vector<MergeError>& notIn) {
    std::vector<MergeError> out;
    for (const MergeError& error : in) {
        if (std::none_of(notIn.begin(), notIn.end(),
                         [&error](const MergeError& other) { return sameError(error, other); })) {
            out.push_back(error);
        }
    }
    return out;
}

// Warnings compared by message and file: positions move when lines are added above them.
std::vector<Diagnostic> warningsOnlyIn(const std::vector<Diagnostic>& in,
                                       const std::vector<Diagnostic>& notIn) {
    std::vector<Diagnostic> out;
    for (const Diagnostic& warning : in) {
        if (std::none_of(notIn.begin(), notIn.end(), [&warning](const Diagnostic& other) {
                return other.file == warning.file && other.message == warning.message;
            })) {
            out.push_back(warning);
        }
    }
    return out;
}

// The node at `nodeDir`, or InputError.
NodeLocation requireNode(const std::filesystem::path& nodeDir) {
    std::optional<NodeLocation> node = locateNode(nodeDir);
    if (!node) {
        throw InputError(Diagnostic{nodeDir.string(), 0, 0,
                                    "is not a rednode (no " + std::string(kStatusFileName) + ")"});
    }
    return std::move(*node);
}

// Merges every family of the subtree of `changed` as it is and with `replace` applied to the
// changed node's member, and adds the nodes that change to `report`. One index reads and
// parses each file once for both sides; each merge continues from its parent's on its side.
void addSubtreeImpact(ImpactReport& report, const NodeLocation& changed, MergeMode mode,
                      const std::function<void(FamilyMember&)>& replace) {
    TreeWalk walk = walkTree(changed.base);
    report.uninspected = std::move(walk.uninspected);
    TreeIndex index(&reviewExpander());
    index.setChange(changed.base, replace);
    for (const TreeEntry& entry : walk.entries) {
        const std::vector<FamilyMember>& family = index.family(entry.location.base, mode, true);
        const auto member = std::find_if(family.begin(), family.end(), [&](const FamilyMember& m) {
            return m.location.base == changed.base;
        });
        if (member == family.end()) {
            continue; // below the node on disk, but not its descendant (plain directory between)
        }
        ++report.examined;
        const std::string alias = family.back().normal.headers.alias.value;
        const int depth = static_cast<int>(std::distance(member, family.end()) - 1);
        const EffectiveConfig before = index.merged(entry.location.base, mode);
        const EffectiveConfig after = index.merged(entry.location.base, mode, true);
        NodeImpact impact;
        impact.node = entry.location.base.string();
        impact.alias = alias;
        impact.depth = depth;
        impact.diff = diffEffective(before, after);
        impact.newWarnings = warningsOnlyIn(after.warnings, before.warnings);
        impact.newErrors = errorsOnlyIn(after.errors, before.errors);
        impact.fixedErrors = errorsOnlyIn(before.errors, after.errors);
        // Rec. 3 checks read the files on disk: they are the same on both sides.
        impact.scoreBefore = analyzeNode(before).score;
        impact.scoreAfter = analyzeNode(after).score;
        if (impact.changed()) {
            report.nodes.push_back(std::move(impact));
        }
    }
}

// What the leaf of `family` (root first) grants compared with the rest of the family.
NodeImpact grantOfLeaf(const std::vector<FamilyMember>& family) {
    const std::vector<FamilyMember> parents(family.begin(), family.end() - 1);
    const EffectiveConfig before =
        parents.empty() ? EffectiveConfig{} : mergeForReview(parents, MergeMode::Normal);
    const EffectiveConfig after = mergeForReview(family, MergeMode::Normal);
    NodeImpact impact;
    impact.node = family.back().location.base.string();
    impact.alias = family.back().normal.headers.alias.value;
    impact.diff = diffEffective(before, after);
    impact.newWarnings = warningsOnlyIn(after.warnings, before.warnings);
    impact.newErrors = errorsOnlyIn(after.errors, before.errors);
    impact.scoreBefore = analyzeNode(before).score;
    impact.scoreAfter = analyzeNode(after).score;
    return impact;
}

ImpactReport grantReport(const std::vector<FamilyMember>& family) {
    ImpactReport report;
    report.node = family.back().location.base.string();
    report.file = family.back().location.normalConfig.string();
    report.examined = 1;
    report.nodes.push_back(grantOfLeaf(family));
    return report;
}

} // namespace

ImpactReport computeNodeGrant(const std::filesystem::path& nodeDir) {
    const NodeLocation node = requireNode(nodeDir);
    return grantReport(loadFamily(node.base, MergeMode::Normal));
}

ImpactReport computeCreationGrant(const std::filesystem::path& dir, const std::string& alias,
                                  std::string_view templateName) {
    const std::optional<Template> chosen = findTemplate(templateName);
    if (!chosen) {
        throw InputError(Diagnostic{std::string(templateName), 0, 0, "unknown template"});
    }
    const std::filesystem::path base =
        std::filesystem::weakly_canonical(std::filesystem::absolute(dir));
    // A plain directory above the node breaks the chain: the node is then a root.
    std::vector<FamilyMember> family;
    if (locateNode(base.parent_path())) {
        family = loadFamily(base.parent_path(), MergeMode::Normal);
    }
    FamilyMember member;
    member.location.base = base;
    member.location.statusFile = base / kStatusFileName;
    member.location.normalConfig = base / kNormalConfigName;
    // Parsed under the name the file will have, so that warnings name it as they will then.
    member.normal = parseConfig(chosen->normal, member.location.normalConfig.string());
    member.normal.headers.alias.value = alias;
    family.push_back(std::move(member));
    return grantReport(family);
}

ImpactReport computeImpact(const std::filesystem::path& nodeDir, const Config& replacement,
                           MergeMode mode) {
    const NodeLocation changed = requireNode(nodeDir);
    ImpactReport report;
    report.node = changed.base.string();
    report.file = changed.normalConfig.string();
    report.fileDiff = diffConfigs(loadConfigFile(changed.normalConfig), replacement);
    addSubtreeImpact(report, changed, mode,
                     [&replacement](FamilyMember& member) { member.normal = replacement; });
    return report;
}

ImpactReport computeImpact(const std::filesystem::path& nodeDir,
                           const std::filesystem::path& replacementFile, MergeMode mode) {
    return computeImpact(nodeDir, loadConfigFile(replacementFile), mode);
}

ImpactReport computeAdminImpact(const std::filesystem::path& nodeDir,
                                const std::optional<Config>& replacement) {
    const NodeLocation changed = requireNode(nodeDir);
    ImpactReport report;
    report.node = changed.base.string();
    report.file = adminConfigPath(changed).string();
    // An absent admin file says nothing: compared as an empty config.
    const Config before = changed.adminConfig ? loadConfigFile(*changed.adminConfig) : Config{};
    report.fileDiff = diffConfigs(before, replacement.value_or(Config{}));
    const std::filesystem::path file = report.file;
    addSubtreeImpact(
        report, changed, MergeMode::Admin, [&replacement, &file](FamilyMember& member) {
            // The location follows the file, so that provenance and findings name it.
            member.admin = replacement;
            member.location.adminConfig =
                replacement ? std::optional<std::filesystem::path>(file) : std::nullopt;
        });
    return report;
}

ImpactReport computeAdminImpact(const std::filesystem::path& nodeDir,
                                const std::filesystem::path& replacementFile) {
    return computeAdminImpact(nodeDir, std::optional<Config>(loadConfigFile(replacementFile)));
}

EditCheck checkEdit(const std::filesystem::path& nodeDir, const std::optional<Config>& replacement,
                    ConfigKind kind) {
    const NodeLocation changed = requireNode(nodeDir);
    const MergeMode mode = kind == ConfigKind::Admin ? MergeMode::Admin : MergeMode::Normal;
    std::vector<FamilyMember> family = loadFamily(changed.base, mode);
    const EffectiveConfig before = mergeForReview(family, mode);
    FamilyMember& leaf = family.back();
    if (kind == ConfigKind::Admin) {
        // As computeAdminImpact: the location follows the file, so diagnostics name it.
        leaf.admin = replacement;
        leaf.location.adminConfig =
            replacement ? std::optional(adminConfigPath(changed)) : std::nullopt;
    } else if (replacement) {
        leaf.normal = *replacement;
    }
    const EffectiveConfig after = mergeForReview(family, mode);
    return EditCheck{after.errors, warningsOnlyIn(after.warnings, before.warnings)};
}

std::string formatImpactText(const ImpactReport& report) {
    std::string out =
        "replacing " + escapeText(report.file) + "\nfile: " + report.fileDiff.summary() + "\n";
    for (const NodeImpact& node : report.nodes) {
        out += "\n" + escapeText(node.node) + " (" + escapeText(node.alias) +
               "): " + node.diff.summary() + ", score " + formatScore(node.scoreBefore) + " -> " +
               formatScore(node.scoreAfter) + "\n";
        for (const Change& c : node.diff.changes) {
            out += "  " + std::string(toString(c.direction)) + " " + escapeText(c.item) + ": " +
                   (c.before ? escapeText(*c.before) : "-") + " -> " +
                   (c.after ? escapeText(*c.after) : "-") + " (" + escapeText(c.reason) + ")\n";
        }
        for (const MergeError& error : node.newErrors) {
            out += "  new error: " + error.diagnostic.format() + "\n";
        }
        for (const MergeError& error : node.fixedErrors) {
            out += "  error fixed: " + error.diagnostic.format() + "\n";
        }
        for (const Diagnostic& warning : node.newWarnings) {
            out += "  new warning: " + warning.format() + "\n";
        }
    }
    for (const UninspectedDirectory& skipped : report.uninspected) {
        out += "NOT INSPECTED " + escapeText(skipped.path.string()) + ": " +
               escapeText(skipped.reason) + "\n";
    }
    out += "\n" + std::to_string(report.nodes.size()) + " of " + std::to_string(report.examined) +
           " node(s) change: " + std::to_string(report.count(Direction::Widening)) + " widening, " +
           std::to_string(report.count(Direction::Narrowing)) + " narrowing, " +
           std::to_string(report.count(Direction::Neutral)) + " neutral\n";
    return out;
}

std::string formatImpactJson(const ImpactReport& report) {
    using namespace detail;
    const auto errorsJson = [](const std::vector<MergeError>& errors) {
        JsonArray out;
        for (const MergeError& e : errors) {
            out.push_back(JsonObject{{"node", e.node},
                                     {"ancestor", e.ancestor},
                                     {"item", e.item},
                                     {"message", e.diagnostic.format()}});
        }
        return out;
    };
    JsonArray nodes;
    for (const NodeImpact& node : report.nodes) {
        JsonArray warnings;
        for (const Diagnostic& w : node.newWarnings) {
            warnings.push_back(w.format());
        }
        nodes.push_back(JsonObject{{"node", node.node},
                                   {"alias", node.alias},
                                   {"depth", node.depth},
                                   {"scoreBefore", node.scoreBefore},
                                   {"scoreAfter", node.scoreAfter},
                                   {"diff", diffToJson(node.diff)},
                                   {"newWarnings", std::move(warnings)},
                                   {"newErrors", errorsJson(node.newErrors)},
                                   {"fixedErrors", errorsJson(node.fixedErrors)}});
    }
    JsonArray notInspected;
    for (const UninspectedDirectory& skipped : report.uninspected) {
        notInspected.push_back(
            JsonObject{{"path", skipped.path.string()}, {"reason", skipped.reason}});
    }
    return writeJson(JsonObject{{"node", report.node},
                                {"file", report.file},
                                {"fileDiff", diffToJson(report.fileDiff)},
                                {"examined", report.examined},
                                {"changed", report.nodes.size()},
                                {"widening", report.count(Direction::Widening)},
                                {"narrowing", report.count(Direction::Narrowing)},
                                {"neutral", report.count(Direction::Neutral)},
                                {"nodes", std::move(nodes)},
                                {"notInspected", std::move(notInspected)}});
}

} // namespace redpak
