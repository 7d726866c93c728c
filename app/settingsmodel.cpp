// SPDX-License-Identifier: Apache-2.0
#include "settingsmodel.h"

#include "configsettings.h"
#include "fragmentcheck.h"

namespace redpak::gui {

namespace {
bool isSharing(const SettingDefinition& row) {
    return row.kind == QLatin1String("share");
}

QStringList choicesOf(const SettingDefinition& row) {
    if (row.kind == QLatin1String("bool")) {
        return QStringList{QString(), QStringLiteral("true"), QStringLiteral("false")};
    }
    if (row.kind == QLatin1String("edu") || isSharing(row)) {
        return QStringList{QString(), QStringLiteral("enabled"), QStringLiteral("disabled"),
                           QStringLiteral("unset")};
    }
    return QStringList();
}
} // namespace

SettingsModel::SettingsModel(QObject* parent) : ConfigListModel(parent) {}
SettingsModel::~SettingsModel() = default;

const std::vector<SettingDefinition>& SettingsModel::rows() const {
    return configSettings();
}

int SettingsModel::rowsIn(const Config&) const {
    return static_cast<int>(rows().size());
}

int SettingsModel::setCount() const {
    return m_setCount;
}

void SettingsModel::recompute() {
    int count = 0;
    if (const Config* current = config(); current && current->config) {
        for (const SettingDefinition& definition : rows()) {
            count += definition.value(*current->config) ? 1 : 0;
        }
    }
    if (count != m_setCount) {
        m_setCount = count;
        Q_EMIT setCountChanged();
    }
}

std::optional<ConfigDocument::RefusedInput> SettingsModel::refusedAt(int row) const {
    // Refused input belongs to the document it was typed for, which keeps it.
    return document() ? document()->refusedInput(rows()[static_cast<std::size_t>(row)].key)
                      : std::nullopt;
}

QVariant SettingsModel::data(const QModelIndex& index, int role) const {
    const Config* current = config();
    if (!current || !validRow(index.row())) {
        return {};
    }
    const SettingDefinition& row = rows()[static_cast<std::size_t>(index.row())];
    static const ConfigSection empty;
    const ConfigSection& section = current->config ? *current->config : empty;
    const std::optional<QString> value = row.value(section);
    switch (role) {
    case Qt::DisplayRole:
    case KeyRole:
        return row.key;
    case GroupRole:
        return tr(row.group);
    case FirstInGroupRole:
        return index.row() == 0 ||
               rows()[static_cast<std::size_t>(index.row() - 1)].group != row.group;
    case KindRole:
        return row.kind;
    case ValueRole:
        return value.value_or(QString());
    case IsSetRole:
        return value.has_value();
    case ChoicesRole:
        return choicesOf(row);
    case ChoiceIndexRole: {
        const QStringList choices = choicesOf(row);
        return row.joins(section)
                   ? choices.size()
                   : std::max<qsizetype>(0, choices.indexOf(value.value_or(QString())));
    }
    case PendingTextRole: {
        const auto refused = refusedAt(index.row());
        return refused ? refused->text : QString();
    }
    case LineRole:
        return row.line(section);
    case ErrorRole: {
        const auto refused = refusedAt(index.row());
        return refused ? refused->error : QString();
    }
    case JoinsRole:
        return row.joins(section);
    case IsChoiceRole:
        return isSharing(row) || row.kind == QLatin1String("bool") ||
               row.kind == QLatin1String("edu");
    case IsSharingRole:
        return isSharing(row);
    case JoinPlaceholderRole:
        return isSharing(row) ? QStringLiteral("/proc/PID/ns/") +
                                    QString(row.key).remove(QStringLiteral("share_"))
                              : QString();
    case WarningRole:
        return unknownTagsOf(
            [&row, &section](Config& c) { row.copy(c.config.emplace(), section); });
    case FamilyErrorRole:
        return value ? familyErrorsAt(row.line(section)) : QString();
    case FamilyWarningRole:
        return value ? familyWarningsAt(row.line(section), data(index, WarningRole).toString())
                     : QString();
    default:
        return {};
    }
}

QHash<int, QByteArray> SettingsModel::roleNames() const {
    return {{KeyRole, "key"},
            {GroupRole, "group"},
            {FirstInGroupRole, "firstInGroup"},
            {KindRole, "kind"},
            {ValueRole, "value"},
            {IsSetRole, "isSet"},
            {ChoicesRole, "choices"},
            {PendingTextRole, "pendingText"},
            {LineRole, "line"},
            {ErrorRole, "error"},
            {JoinsRole, "joins"},
            {WarningRole, "warning"},
            {IsChoiceRole, "isChoice"},
            {IsSharingRole, "isSharing"},
            {JoinPlaceholderRole, "joinPlaceholder"},
            {ChoiceIndexRole, "choiceIndex"},
            {FamilyErrorRole, "familyError"},
            {FamilyWarningRole, "familyWarning"}};
}

void SettingsModel::setValue(int row, const QString& text) {
    if (!validRow(row)) {
        return;
    }
    if (text.isEmpty()) {
        unset(row);
        return;
    }
    const SettingDefinition& definition = rows()[static_cast<std::size_t>(row)];
    const ScalarParse parse = parseConfigScalar(definition.key, text);
    if (!parse.section) {
        if (document()) {
            document()->setRefusedInput(definition.key, text, parse.error);
        }
        Q_EMIT dataChanged(index(row), index(row), {PendingTextRole, ErrorRole});
        return;
    }
    const ConfigSection parsed = *parse.section;
    if (document()) {
        document()->clearRefusedInput(definition.key);
    }
    edit(tr("Set %1").arg(definition.key),
         [this, &definition, &parsed](Config& c) { definition.copy(*section(c), parsed); });
}

void SettingsModel::unset(int row) {
    if (!validRow(row)) {
        return;
    }
    const SettingDefinition& definition = rows()[static_cast<std::size_t>(row)];
    if (document()) {
        document()->clearRefusedInput(definition.key);
    }
    Q_EMIT dataChanged(index(row), index(row), {PendingTextRole, ErrorRole});
    edit(tr("Remove %1").arg(definition.key),
         [this, &definition](Config& c) { definition.clear(*section(c)); });
}

} // namespace redpak::gui
