// SPDX-License-Identifier: Apache-2.0
#include "configsettings.h"

#include "redpak/config/schema.h"

#include <algorithm>

namespace redpak::gui {

namespace {

// The form's title of a group of keys (context "SettingsModel").
const char* groupTitle(ScalarGroup group) {
    switch (group) {
    case ScalarGroup::Namespaces:
        return QT_TRANSLATE_NOOP("SettingsModel", "Namespaces");
    case ScalarGroup::Process:
        return QT_TRANSLATE_NOOP("SettingsModel", "Process");
    case ScalarGroup::Identity:
        return QT_TRANSLATE_NOOP("SettingsModel", "Identity");
    case ScalarGroup::Paths:
        return QT_TRANSLATE_NOOP("SettingsModel", "Paths");
    case ScalarGroup::Packages:
        break;
    }
    return QT_TRANSLATE_NOOP("SettingsModel", "Package manager");
}

// The form's editor for a kind of value.
QString editorKind(ScalarKind kind) {
    switch (kind) {
    case ScalarKind::Integer:
        return QStringLiteral("integer");
    case ScalarKind::Boolean:
        return QStringLiteral("bool");
    case ScalarKind::Edu:
        return QStringLiteral("edu");
    case ScalarKind::Share:
        return QStringLiteral("share");
    case ScalarKind::Text:
    case ScalarKind::PathList:
    case ScalarKind::Umask:
        break;
    }
    return QStringLiteral("text");
}

template <typename T>
SettingDefinition scalarRow(const ScalarKey& key,
                            std::optional<Setting<T>> ConfigSection::*member) {
    return SettingDefinition{
        QString::fromLatin1(key.key.data(), static_cast<qsizetype>(key.key.size())),
        groupTitle(key.group),
        editorKind(key.kind),
        [member](const ConfigSection& s) -> std::optional<QString> {
            if (!(s.*member)) {
                return std::nullopt;
            }
            return shownValue((s.*member)->value);
        },
        [member](const ConfigSection& s) { return s.*member ? (s.*member)->pos.line : 0; },
        [member](ConfigSection& to, const ConfigSection& from) { to.*member = from.*member; },
        [member](ConfigSection& s) { (s.*member).reset(); }};
}

SettingDefinition shareRow(const ScalarKey& key) {
    const Namespace ns = key.ns;
    return SettingDefinition{
        QString::fromStdString(shareKey(ns)),
        groupTitle(key.group),
        editorKind(key.kind),
        [ns](const ConfigSection& s) -> std::optional<QString> {
            if (!s.share(ns)) {
                return std::nullopt;
            }
            return shownValue(s.share(ns)->value);
        },
        [ns](const ConfigSection& s) { return s.share(ns) ? s.share(ns)->pos.line : 0; },
        [ns](ConfigSection& to, const ConfigSection& from) { to.share(ns) = from.share(ns); },
        [ns](ConfigSection& s) { s.share(ns).reset(); },
        [ns](const ConfigSection& s) { return s.share(ns) && s.share(ns)->value.joins(); }};
}

// The schema's keys, grouped for the form (groups in ScalarGroup order, keys in the schema's).
std::vector<SettingDefinition> makeRows() {
    std::vector<const ScalarKey*> keys;
    for (const ScalarKey& key : kScalarKeys) {
        keys.push_back(&key);
    }
    std::stable_sort(keys.begin(), keys.end(),
                     [](const ScalarKey* a, const ScalarKey* b) { return a->group < b->group; });
    std::vector<SettingDefinition> rows;
    for (const ScalarKey* key : keys) {
        if (key->kind == ScalarKind::Share) {
            rows.push_back(shareRow(*key));
        } else {
            visitMembers(*key, [&](const auto& members) {
                rows.push_back(scalarRow(*key, members.written));
            });
        }
    }
    return rows;
}

} // namespace

const std::vector<SettingDefinition>& configSettings() {
    static const std::vector<SettingDefinition> table = makeRows();
    return table;
}

const SettingDefinition* findSetting(const QString& key) {
    for (const SettingDefinition& definition : configSettings()) {
        if (definition.key == key) {
            return &definition;
        }
    }
    return nullptr;
}

} // namespace redpak::gui
