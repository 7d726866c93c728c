// SPDX-License-Identifier: Apache-2.0
#include "nodeinspection.h"

#include "redpak/config/parser.h"
#include "redpak/merge/merge.h"
#include "redpak/review/audit_status.h"

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

// Parses one config file, recording its alias, problems and text for the search.
void inspectFile(const std::filesystem::path& file, NodeInspection& inspection, bool isNormal) {
    try {
        const std::string text = readLimitedFile(file);
        inspection.searchText += QString::fromStdString(text).toLower() + QLatin1Char('\n');
        std::vector<Diagnostic> warnings;
        const Config config = parseConfig(text, file.string(), &warnings);
        if (isNormal) {
            inspection.alias = QString::fromStdString(config.headers.alias.value);
        }
        for (const Diagnostic& warning : warnings) {
            appendUnique(inspection.warnings, formatted(warning));
        }
    } catch (const InputError& error) {
        appendUnique(inspection.errors, formatted(error.diagnostic()));
    }
}

// Merges the family in `mode`; returns whether a member of the family has an admin file.
bool inspectMerge(const std::filesystem::path& base, MergeMode mode, FamilyCache& cache,
                  NodeInspection& inspection) {
    try {
        const std::vector<FamilyMember>& family = cache.family(base);
        const EffectiveConfig effective = mergeFamily(family, MergeOptions{mode});
        for (const Diagnostic& warning : effective.warnings) {
            appendUnique(inspection.warnings, formatted(warning));
        }
        for (const MergeError& error : effective.errors) {
            appendUnique(inspection.errors, formatted(error.diagnostic));
        }
        return std::any_of(family.begin(), family.end(), [](const FamilyMember& member) {
            return member.location.adminConfig.has_value();
        });
    } catch (const InputError& error) {
        appendUnique(inspection.errors, formatted(error.diagnostic()));
    }
    return false;
}

// The alias and the path, lower case, one a line: the search text's first lines.
QString searchPrefix(const QString& alias, const NodeLocation& location) {
    return alias.toLower() + QLatin1Char('\n') +
           QString::fromStdString(location.base.string()).toLower() + QLatin1Char('\n');
}

} // namespace

NodeInspection uninspectedNode(const NodeLocation& location) {
    NodeInspection inspection;
    inspection.alias = QFileInfo(QString::fromStdString(location.base.string())).fileName();
    inspection.hasAdminConfig = location.adminConfig.has_value();
    inspection.searchText = searchPrefix(inspection.alias, location);
    return inspection;
}

NodeInspection inspectNode(const NodeLocation& location, InspectionCaches& caches) {
    NodeInspection inspection = uninspectedNode(location);
    inspection.searchText.clear(); // rebuilt at the end, with the alias the file gives
    try {
        inspection.disabled = readStatus(location.statusFile).state == NodeState::Disable;
    } catch (const InputError& error) {
        appendUnique(inspection.errors, formatted(error.diagnostic()));
    }
    inspectFile(location.normalConfig, inspection, true);
    if (location.adminConfig) {
        inspectFile(*location.adminConfig, inspection, false);
    }
    if (inspection.errors.isEmpty() &&
        inspectMerge(location.base, MergeMode::Normal, caches.normal, inspection)) {
        inspectMerge(location.base, MergeMode::Admin, caches.admin, inspection);
    }
    // The badge needs the state only: the full status would also score the node (a merge and
    // every finding) for each node of the tree.
    const AuditState state = quickAuditState(location.base);
    inspection.unaudited = state == AuditState::Drifted || state == AuditState::Invalid;
    inspection.searchText = searchPrefix(inspection.alias, location) + inspection.searchText;
    return inspection;
}

} // namespace redpak::gui
