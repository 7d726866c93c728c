// SPDX-License-Identifier: Apache-2.0
#include "exportsmodel.h"

namespace redpak::gui {

namespace {
constexpr ExportMode kAllExportModes[] = {ExportMode::Restricted,     ExportMode::Public,
                                          ExportMode::Private,        ExportMode::PrivateRestricted,
                                          ExportMode::RestrictedFile, ExportMode::PublicFile,
                                          ExportMode::PrivateFile,    ExportMode::Symlink,
                                          ExportMode::Execfd,         ExportMode::Internal,
                                          ExportMode::Anonymous,      ExportMode::Tmpfs,
                                          ExportMode::Procfs,         ExportMode::Devfs,
                                          ExportMode::Mqueue,         ExportMode::Lock};
} // namespace

QStringList ExportsModel::modes() const {
    return namesOf(kAllExportModes);
}

QVariant ExportsModel::entryData(const ExportEntry& entry, int role) const {
    switch (role) {
    case Qt::DisplayRole:
    case MountRole:
        return QString::fromStdString(entry.mount);
    case ModeRole:
        return QString::fromUtf8(toString(entry.mode));
    case ModeIndexRole:
        return indexIn(kAllExportModes, entry.mode);
    case PathRole:
        return optionalText(entry.path);
    case PathEnabledRole:
        return pathPresence(entry.mode) != Presence::Ignored &&
               pathPresence(entry.mode) != Presence::Forbidden;
    case PathRequiredRole:
        return pathPresence(entry.mode) == Presence::Required;
    default:
        return {};
    }
}

QHash<int, QByteArray> ExportsModel::entryRoleNames() const {
    return {{ModeRole, "mode"},
            {MountRole, "mount"},
            {PathRole, "path"},
            {PathEnabledRole, "pathEnabled"},
            {PathRequiredRole, "pathRequired"},
            {ModeIndexRole, "modeIndex"}};
}

void ExportsModel::append() {
    ExportEntry entry;
    entry.mode = ExportMode::Restricted;
    entry.mount = "/new/mount/point";
    appendEntry(tr("Add an export"), entry);
}

void ExportsModel::remove(int row) {
    removeEntry(row, tr("Remove an export"));
}

void ExportsModel::setMode(int row, const QString& mode) {
    const auto parsed = exportModeFromString(mode.toStdString());
    if (!parsed) {
        return;
    }
    changeEntry(row, tr("Change the mode of an export"),
                [parsed](ExportEntry& e) { e.mode = *parsed; });
}

void ExportsModel::setMount(int row, const QString& mount) {
    changeEntry(row, tr("Change the mount point of an export"),
                [&mount](ExportEntry& e) { e.mount = mount.toStdString(); });
}

void ExportsModel::setPath(int row, const QString& path) {
    changeEntry(row, tr("Change the host path of an export"), [&path](ExportEntry& e) {
        if (path.isEmpty()) {
            e.path.reset();
        } else {
            e.path = path.toStdString();
        }
    });
}

} // namespace redpak::gui
