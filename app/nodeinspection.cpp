// SPDX-License-Identifier: Apache-2.0
#include "nodeinspection.h"

#include "redpak/config/parser.h"
#include "redpak/merge/merge.h"
#include "redpak/review/audit_status.h"

#include <QFileInfo>

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

void inspectMerge(const std::filesystem::path& base, MergeMode mode, NodeInspection& inspection) {
    try {
        const EffectiveConfig effective = mergeFamily(loadFamily(base, mode), MergeOptions{mode});
        for (const Diagnostic& warning : effective.warnings) {
            appendUnique(inspection.warnings, formatted(warning));
        }
        for (const MergeError& error : effective.errors) {
            appendUnique(inspection.errors, formatted(error.diagnostic));
        }
    } catch (const InputError& error) {
        appendUnique(inspection.errors, formatted(error.diagnostic()));
    }
}

} // namespace

NodeInspection inspectNode(const NodeLocation& location) {
    NodeInspection inspection;
    const QString base = QString::fromStdString(location.base.string());
    inspection.alias = QFileInfo(base).fileName();
    inspection.hasAdminConfig = location.adminConfig.has_value();
    try {
        inspection.disabled = readStatus(location.statusFile).state == NodeState::Disable;
    } catch (const InputError& error) {
        appendUnique(inspection.errors, formatted(error.diagnostic()));
    }
    inspectFile(location.normalConfig, inspection, true);
    if (location.adminConfig) {
        inspectFile(*location.adminConfig, inspection, false);
    }
    if (inspection.errors.isEmpty()) {
        inspectMerge(location.base, MergeMode::Normal, inspection);
        bool familyHasAdmin = false;
        try {
            for (const NodeLocation& member : locateFamily(location.base)) {
                familyHasAdmin = familyHasAdmin || member.adminConfig.has_value();
            }
        } catch (const InputError& error) {
            appendUnique(inspection.errors, formatted(error.diagnostic()));
        }
        if (familyHasAdmin) {
            inspectMerge(location.base, MergeMode::Admin, inspection);
        }
    }
    try {
        const AuditState state = auditStatus(location.base).state;
        inspection.unaudited = state == AuditState::Drifted || state == AuditState::Invalid;
    } catch (const InputError& error) {
        appendUnique(inspection.errors, formatted(error.diagnostic()));
    }
    inspection.searchText = inspection.alias.toLower() + QLatin1Char('\n') + base.toLower() +
                            QLatin1Char('\n') + inspection.searchText;
    return inspection;
}

} // namespace redpak::gui
