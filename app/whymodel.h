// SPDX-License-Identifier: Apache-2.0
// The "why" view of one effective item: core's explain() of it (the same as `redconf why`):
// every definition in the family (root first, normal then admin file), which one was applied,
// which one it overrode, and the merge rule. Only the labels are this model's.
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
    // The rule's identifier, as `redconf why` prints it ("leaf-wins").
    Q_PROPERTY(QString ruleName READ ruleName NOTIFY contentChanged)
    // The effective value as explain() states it (empty when the item is not defined).
    Q_PROPERTY(QString effectiveValue READ effectiveValue NOTIFY contentChanged)

public:
    enum Roles {
        AliasRole = Qt::UserRole + 1,
        NodeRole,
        KindRole, // translated "normal" / "admin"
        FileRole,
        LineRole,
        KeyRole,
        ValueRole,
        EffectRole,      // "applied", "overridden", "defined", "not-a-definition"
        EffectLabelRole, // translated
        AppliedRole,     // the definition the effective value comes from
        OverriddenRole,  // the definition the applied one replaced
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
    QString ruleName() const;
    QString effectiveValue() const;

Q_SIGNALS:
    void effectiveChanged();
    void rowChanged();
    void contentChanged();

private:
    void refresh();
    static QString effectLabel(DefinitionEffect effect);

    QPointer<EffectiveConfigModel> m_effective;
    int m_row = -1;
    std::optional<Explanation> m_explanation;
};

} // namespace redpak::gui
