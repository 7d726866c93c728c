// SPDX-License-Identifier: Apache-2.0
#include "nodeinspection.h"

#include "redpak/config/parser.h"
#include "redpak/merge/merge.h"
#include "redpak/review/audit_status.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace redpak::gui {

namespace {

QString formatted(const Diagnostic& diagnostic) {
    return QString::fromStdString(diagnostic.format());
}

void appendUnique(QStringList& list, const QString& text) {
    if (!list.contains(text)) {
        list.append(text);
    }
}

// `text` lower case, as QString::toLower gives it: config files are most often ASCII only,
// lowered byte by byte far faster than through the Unicode tables.
QString lowerCase(const std::string& text) {
    if (std::any_of(text.begin(), text.end(), [](char c) { return (c & 0x80) != 0; })) {
        return QString::fromStdString(text).toLower();
    }
    std::string lowered = text;
    for (char& c : lowered) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return QString::fromLatin1(lowered.data(), static_cast<qsizetype>(lowered.size()));
}

// Records one config file's alias, problems and text for the search, from its parse.
void recordFile(const std::string& text, const ParsedConfigs::Parsed& parsed,
                NodeInspection& inspection, bool isNormal) {
    inspection.searchText += lowerCase(text) + QLatin1Char('\n');
    if (parsed.error) {
        appendUnique(inspection.errors, formatted(*parsed.error));
        return;
    }
    if (isNormal) {
        inspection.alias = QString::fromStdString(parsed.config->headers.alias.value);
    }
    for (const Diagnostic& warning : parsed.warnings) {
        appendUnique(inspection.warnings, formatted(warning));
    }
}

// Reads and parses one config file that the family's snapshot does not hold.
void inspectFile(const std::filesystem::path& file, NodeInspection& inspection, bool isNormal) {
    try {
        const std::string text = readLimitedFile(file);
        ParsedConfigs::Parsed parsed;
        parsed.config = parseConfig(text, file.string(), &parsed.warnings);
        recordFile(text, parsed, inspection, isNormal);
    } catch (const InputError& error) {
        appendUnique(inspection.errors, formatted(error.diagnostic()));
    }
}

// The leaf of the node's family snapshot when it holds the files of `location`, else nullptr
// (the family cannot be read: each file is then read on its own, to report its problems).
const NodeSnapshot* leafSnapshot(const NodeLocation& location, TreeIndex& index) {
    try {
        const NodeSnapshot& leaf = index.snapshot(location.base).leaf();
        if (leaf.location.normalConfig == location.normalConfig &&
            leaf.location.statusFile == location.statusFile) {
            return &leaf;
        }
    } catch (const InputError&) {
        // reported by the reads below and by the merge
    }
    return nullptr;
}

// The node's status and config files, each read and parsed once.
void inspectFiles(const NodeLocation& location, TreeIndex& index, NodeInspection& inspection) {
    const NodeSnapshot* leaf = leafSnapshot(location, index);
    try {
        inspection.disabled = (leaf ? parseStatus(leaf->status.content, leaf->status.path.string())
                                    : readStatus(location.statusFile))
                                  .state == NodeState::Disable;
    } catch (const InputError& error) {
        appendUnique(inspection.errors, formatted(error.diagnostic()));
    }
    if (leaf) {
        recordFile(leaf->normal.content, index.parsedConfigs().parse(leaf->normal), inspection,
                   true);
    } else {
        inspectFile(location.normalConfig, inspection, true);
    }
    if (!location.adminConfig) {
        return;
    }
    if (leaf && leaf->admin && leaf->admin->path == *location.adminConfig) {
        recordFile(leaf->admin->content, index.parsedConfigs().parse(*leaf->admin), inspection,
                   false);
    } else {
        inspectFile(*location.adminConfig, inspection, false);
    }
}

// Merges the family in `mode` into `errors` and `warnings`; returns whether a member of the
// family has an admin file.
bool inspectMerge(const std::filesystem::path& base, MergeMode mode, TreeIndex& index,
                  QStringList& errors, QStringList& warnings) {
    try {
        const std::vector<FamilyMember>& family = index.family(base, mode);
        const EffectiveConfig effective = index.merged(base, mode);
        for (const Diagnostic& warning : effective.warnings) {
            appendUnique(warnings, formatted(warning));
        }
        for (const MergeError& error : effective.errors) {
            appendUnique(errors, formatted(error.diagnostic));
        }
        return std::any_of(family.begin(), family.end(), [](const FamilyMember& member) {
            return member.location.adminConfig.has_value();
        });
    } catch (const InputError& error) {
        appendUnique(errors, formatted(error.diagnostic()));
    }
    return false;
}

// The alias and the node's directory name, lower case, one a line: the search text's first
// lines. Not the whole path: the words of the directories above (the root's "redpak-demo")
// would make every node match them.
QString searchPrefix(const QString& alias, const NodeLocation& location) {
    const QString dir = QDir::cleanPath(QString::fromStdString(location.base.string()));
    return alias.toLower() + QLatin1Char('\n') + QFileInfo(dir).fileName().toLower() +
           QLatin1Char('\n');
}

} // namespace

NodeInspection uninspectedNode(const NodeLocation& location) {
    NodeInspection inspection;
    inspection.alias = QFileInfo(QString::fromStdString(location.base.string())).fileName();
    inspection.hasAdminConfig = location.adminConfig.has_value();
    inspection.searchText = searchPrefix(inspection.alias, location);
    return inspection;
}

NodeInspection inspectNode(const NodeLocation& location, TreeIndex& index) {
    NodeInspection inspection = uninspectedNode(location);
    inspection.searchText.clear(); // rebuilt at the end, with the alias the file gives
    inspectFiles(location, index, inspection);
    inspection.adminErrors = inspection.errors;
    inspection.adminWarnings = inspection.warnings;
    const bool merges = inspection.errors.isEmpty();
    if (merges && inspectMerge(location.base, MergeMode::Normal, index, inspection.errors,
                               inspection.warnings)) {
        inspectMerge(location.base, MergeMode::Admin, index, inspection.adminErrors,
                     inspection.adminWarnings);
    } else if (merges) { // no admin file: admin mode merges the same files
        inspection.adminErrors = inspection.errors;
        inspection.adminWarnings = inspection.warnings;
    }
    // The badge needs the state only: the full status would also score the node (a merge and
    // every finding) for each node of the tree.
    const AuditState state = quickAuditState(location.base);
    inspection.unaudited = state == AuditState::Drifted || state == AuditState::Invalid;
    inspection.searchText = searchPrefix(inspection.alias, location) + inspection.searchText;
    return inspection;
}

} // namespace redpak::gui
