// SPDX-License-Identifier: Apache-2.0
#include "exportsmodel.h"

#include "fragmentcheck.h"

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

QString optionalText(const std::optional<std::string>& text) {
    return text ? QString::fromStdString(*text) : QString();
}
} // namespace

int ExportsModel::rowsIn(const Config& config) const {
    return static_cast<int>(config.exports.size());
}

void ExportsModel::recompute() {
    m_errors.clear();
    m_warnings.clear();
    if (const Config* current = config()) {
        for (const ExportEntry& entry : current->exports) {
            m_errors.push_back(checkFragment([&entry](Config& c) { c.exports = {entry}; }));
            m_warnings.push_back(unknownTagsOf([&entry](Config& c) { c.exports = {entry}; }));
        }
    }
}

QStringList ExportsModel::modes() const {
    QStringList names;
    for (ExportMode mode : kAllExportModes) {
        names.append(QString::fromUtf8(toString(mode)));
    }
    return names;
}

QVariant ExportsModel::data(const QModelIndex& index, int role) const {
    const Config* current = config();
    if (!current || !validRow(index.row())) {
        return {};
    }
    const ExportEntry& entry = current->exports[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case MountRole:
        return QString::fromStdString(entry.mount);
    case ModeRole:
        return QString::fromUtf8(toString(entry.mode));
    case PathRole:
        return optionalText(entry.path);
    case PathEnabledRole:
        return pathPresence(entry.mode) != Presence::Ignored &&
               pathPresence(entry.mode) != Presence::Forbidden;
    case PathRequiredRole:
        return pathPresence(entry.mode) == Presence::Required;
    case InfoRole:
        return optionalText(entry.info);
    case WarnRole:
        return optionalText(entry.warn);
    case LineRole:
        return entry.pos.line;
    case ErrorRole:
        return m_errors[static_cast<std::size_t>(index.row())];
    case WarningRole:
        return m_warnings[static_cast<std::size_t>(index.row())];
    default:
        return {};
    }
}

QHash<int, QByteArray> ExportsModel::roleNames() const {
    return {{ModeRole, "mode"},
            {MountRole, "mount"},
            {PathRole, "path"},
            {PathEnabledRole, "pathEnabled"},
            {PathRequiredRole, "pathRequired"},
            {InfoRole, "info"},
            {WarnRole, "warn"},
            {LineRole, "line"},
            {ErrorRole, "error"},
            {WarningRole, "warning"}};
}

void ExportsModel::change(int row, const QString& description,
                          const std::function<void(ExportEntry&)>& f) {
    if (!validRow(row)) {
        return;
    }
    edit(description, [row, &f](Config& c) { f(c.exports[static_cast<std::size_t>(row)]); });
}

void ExportsModel::append() {
    edit(tr("Add an export"), [](Config& c) {
        ExportEntry entry;
        entry.mode = ExportMode::Restricted;
        entry.mount = "/new/mount/point";
        c.exports.push_back(entry);
    });
}

void ExportsModel::remove(int row) {
    if (!validRow(row)) {
        return;
    }
    edit(tr("Remove an export"), [row](Config& c) { c.exports.erase(c.exports.begin() + row); });
}

void ExportsModel::setMode(int row, const QString& mode) {
    const auto parsed = exportModeFromString(mode.toStdString());
    if (!parsed) {
        return;
    }
    change(row, tr("Change the mode of an export"), [parsed](ExportEntry& e) { e.mode = *parsed; });
}

void ExportsModel::setMount(int row, const QString& mount) {
    change(row, tr("Change the mount point of an export"),
           [&mount](ExportEntry& e) { e.mount = mount.toStdString(); });
}

void ExportsModel::setPath(int row, const QString& path) {
    change(row, tr("Change the host path of an export"), [&path](ExportEntry& e) {
        if (path.isEmpty()) {
            e.path.reset();
        } else {
            e.path = path.toStdString();
        }
    });
}

} // namespace redpak::gui
