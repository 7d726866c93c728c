// SPDX-License-Identifier: Apache-2.0
#include "environmodel.h"

namespace redpak::gui {

namespace {
constexpr EnvMode kAllEnvModes[] = {EnvMode::Default, EnvMode::Static, EnvMode::Execfd,
                                    EnvMode::Remove, EnvMode::Inherit};
} // namespace

QStringList EnvironModel::modes() const {
    return namesOf(kAllEnvModes);
}

QVariant EnvironModel::entryData(const EnvEntry& entry, int role) const {
    switch (role) {
    case Qt::DisplayRole:
    case KeyRole:
        return QString::fromStdString(entry.key);
    case ModeRole:
        return QString::fromUtf8(toString(entry.mode));
    case ModeIndexRole:
        return indexIn(kAllEnvModes, entry.mode);
    case ValueRole:
        return optionalText(entry.value);
    case ValueEnabledRole:
        return valuePresence(entry.mode) != Presence::Forbidden &&
               valuePresence(entry.mode) != Presence::Ignored;
    default:
        return {};
    }
}

QHash<int, QByteArray> EnvironModel::entryRoleNames() const {
    return {{KeyRole, "key"},
            {ModeRole, "mode"},
            {ValueRole, "value"},
            {ValueEnabledRole, "valueEnabled"},
            {ModeIndexRole, "modeIndex"}};
}

void EnvironModel::append() {
    EnvEntry entry;
    entry.key = "NEW_VARIABLE";
    entry.value = std::string();
    appendEntry(tr("Add an environment variable"), entry);
}

void EnvironModel::remove(int row) {
    removeEntry(row, tr("Remove an environment variable"));
}

void EnvironModel::setKey(int row, const QString& key) {
    changeEntry(row, tr("Rename an environment variable"),
                [&key](EnvEntry& e) { e.key = key.toStdString(); });
}

void EnvironModel::setMode(int row, const QString& mode) {
    const auto parsed = envModeFromString(mode.toStdString());
    if (!parsed) {
        return;
    }
    changeEntry(row, tr("Change the mode of an environment variable"), [parsed](EnvEntry& e) {
        e.mode = *parsed;
        // Keep what the user wrote unless the new mode forbids a value.
        const Presence presence = valuePresence(e.mode);
        if (presence == Presence::Forbidden) {
            e.value.reset();
        } else if (presence == Presence::Required && !e.value) {
            e.value = std::string();
        }
    });
}

void EnvironModel::setValue(int row, const QString& value) {
    changeEntry(row, tr("Change the value of an environment variable"),
                [&value](EnvEntry& e) { e.value = value.toStdString(); });
}

} // namespace redpak::gui
