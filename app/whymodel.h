// SPDX-License-Identifier: Apache-2.0
// The "why" view of one effective item: every definition of it in the family (root first,
// normal then admin file), which one was applied, which one it overrode, and the merge rule.
#pragma once

#include "effectiveconfigmodel.h"

#include <QPointer>

namespace redpak::gui {

class WhyModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(redpak::gui::EffectiveConfigModel* effective READ effective WRITE setEffective NOTIFY
                   effectiveChanged)
    Q_PROPERTY(int row READ row WRITE setRow NOTIFY rowChanged)
    Q_PROPERTY(QString item READ item NOTIFY contentChanged)
    Q_PROPERTY(QString rule READ rule NOTIFY contentChanged)

public:
    enum Roles {
        AliasRole = Qt::UserRole + 1,
        NodeRole,
        KindRole, // translated "normal" / "admin"
        FileRole,
        LineRole,
        KeyRole,
        ValueRole,
        EffectRole,      // "applied", "overridden", "defined"
        EffectLabelRole, // translated
    };
    Q_ENUM(Roles)

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    EffectiveConfigModel* effective() const { return m_effective; }
    void setEffective(EffectiveConfigModel* effective);
    int row() const { return m_row; }
    void setRow(int row);
    QString item() const;
    QString rule() const;

Q_SIGNALS:
    void effectiveChanged();
    void rowChanged();
    void contentChanged();

private:
    void refresh();

    QPointer<EffectiveConfigModel> m_effective;
    int m_row = -1;
    std::vector<EffectiveConfigModel::Definition> m_definitions;
};

} // namespace redpak::gui
