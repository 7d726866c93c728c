// SPDX-License-Identifier: Apache-2.0
// The `exports` list of the document: mode (spec modes), mount point and host path, with
// whether the mode uses a path (core pathPresence) and the parser's message for each entry.
#pragma once

#include "configentrylistmodel.h"

namespace redpak::gui {

using ExportsListModel = ConfigEntryListModel<ExportsList>;

class ExportsModel : public ExportsListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList modes READ modes CONSTANT)

public:
    enum Roles {
        ModeRole = FirstOwnRole,
        MountRole,
        PathRole,
        PathEnabledRole,
        PathRequiredRole,
        ModeIndexRole, // index of the mode in `modes`
    };
    Q_ENUM(Roles)

    using ExportsListModel::ExportsListModel;

    QStringList modes() const;

    Q_INVOKABLE void append();
    Q_INVOKABLE void remove(int row);
    Q_INVOKABLE void setMode(int row, const QString& mode);
    Q_INVOKABLE void setMount(int row, const QString& mount);
    // An empty path means "not set" (the mount point is used where the mode allows it).
    Q_INVOKABLE void setPath(int row, const QString& path);

protected:
    QVariant entryData(const ExportEntry& entry, int role) const override;
    QHash<int, QByteArray> entryRoleNames() const override;
};

} // namespace redpak::gui
