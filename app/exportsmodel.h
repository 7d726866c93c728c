// SPDX-License-Identifier: Apache-2.0
// The `exports` list of the document: mode (spec modes), mount point and host path, with
// whether the mode uses a path (core pathPresence) and the parser's message for each entry.
#pragma once

#include "configlistmodel.h"

namespace redpak::gui {

class ExportsModel : public ConfigListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList modes READ modes CONSTANT)

public:
    enum Roles {
        ModeRole = Qt::UserRole + 1,
        MountRole,
        PathRole,
        PathEnabledRole,
        PathRequiredRole,
        InfoRole,
        WarnRole,
        LineRole,
        ErrorRole,
        WarningRole, // unknown tags of the mount and path (core), one per line
    };
    Q_ENUM(Roles)

    using ConfigListModel::ConfigListModel;

    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    QStringList modes() const;

    Q_INVOKABLE void append();
    Q_INVOKABLE void remove(int row);
    Q_INVOKABLE void setMode(int row, const QString& mode);
    Q_INVOKABLE void setMount(int row, const QString& mount);
    // An empty path means "not set" (the mount point is used where the mode allows it).
    Q_INVOKABLE void setPath(int row, const QString& path);

protected:
    int rowsIn(const Config& config) const override;
    void recompute() override;

private:
    void change(int row, const QString& description, const std::function<void(ExportEntry&)>& f);
    std::vector<QString> m_errors;
    std::vector<QString> m_warnings;
};

} // namespace redpak::gui
