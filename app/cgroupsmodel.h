// SPDX-License-Identifier: Apache-2.0
// The `config.cgroups` limits of the document, one row per key (controller, key, value), with
// the parser's message for each limit.
#pragma once

#include "configlistmodel.h"

namespace redpak::gui {

class CgroupsModel : public ConfigListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList controllers READ controllers CONSTANT)

public:
    enum Roles {
        ControllerRole = Qt::UserRole + 1,
        KeyRole,
        ValueRole,
        LineRole,
        ErrorRole,
        ControllerIndexRole, // index of the controller in `controllers`
    };
    Q_ENUM(Roles)

    using ConfigListModel::ConfigListModel;

    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    QStringList controllers() const;

    Q_INVOKABLE void append();
    Q_INVOKABLE void remove(int row);
    Q_INVOKABLE void setController(int row, const QString& controller);
    Q_INVOKABLE void setKey(int row, const QString& key);
    Q_INVOKABLE void setValue(int row, const QString& value);

protected:
    int rowsIn(const Config& config) const override;
    void recompute() override;

private:
    void change(int row, const QString& description, const std::function<void(CgroupLimit&)>& f);
    std::vector<QString> m_errors;
};

} // namespace redpak::gui
