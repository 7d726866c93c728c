// SPDX-License-Identifier: Apache-2.0
// The `config.capabilities` list of the document: capability name (the 41 names of core, or
// ALL) and whether it is added or dropped, with the parser's message for each entry.
#pragma once

#include "configlistmodel.h"

namespace redpak::gui {

class CapabilitiesModel : public ConfigListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList names READ names CONSTANT)

public:
    enum Roles {
        NameRole = Qt::UserRole + 1,
        AddRole,
        InfoRole,
        WarnRole,
        LineRole,
        ErrorRole,
        NameIndexRole, // index of the name in `names`
    };
    Q_ENUM(Roles)

    using ConfigListModel::ConfigListModel;

    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    // "all" then the capability names in kernel order.
    QStringList names() const;

    Q_INVOKABLE void append();
    Q_INVOKABLE void remove(int row);
    Q_INVOKABLE void setName(int row, const QString& name);
    Q_INVOKABLE void setAdd(int row, bool add);

protected:
    int rowsIn(const Config& config) const override;
    void recompute() override;

private:
    std::vector<QString> m_errors;
};

} // namespace redpak::gui
