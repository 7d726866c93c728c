// SPDX-License-Identifier: Apache-2.0
// The effective (merged) configuration of one node, from core's mergeFamily, one row per item
// with its provenance: the node and file that define it, what it overrode and the warning the
// merge attached. `$(...)` commands are not run to display it (CommandPolicy::keep).
// explanationFor() is core's explain() of one row's item, for the "why" view.
#pragma once

#include "redpak/merge/explain.h"
#include "redpak/merge/merge.h"

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace redpak::gui {

class EffectiveConfigModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString nodePath READ nodePath WRITE setNodePath NOTIFY nodePathChanged)
    Q_PROPERTY(bool adminMode READ adminMode WRITE setAdminMode NOTIFY adminModeChanged)
    Q_PROPERTY(Status status READ status NOTIFY resultChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY resultChanged)
    Q_PROPERTY(QStringList errors READ errors NOTIFY resultChanged)
    Q_PROPERTY(QStringList warnings READ warnings NOTIFY resultChanged)
    Q_PROPERTY(QStringList family READ family NOTIFY resultChanged)
    // First item that carries a merge warning (-1: none), shown first to the user.
    Q_PROPERTY(int firstWarningRow READ firstWarningRow NOTIFY resultChanged)

public:
    enum class Status { Empty, Ready, Failed };
    Q_ENUM(Status)

    enum Roles {
        SectionRole = Qt::UserRole + 1,
        ItemRole,
        ValueRole,
        SourceAliasRole,
        SourceNodeRole,
        SourceFileRole,
        SourceKindRole, // "normal" / "admin" (translated, for display)
        FromAdminRole,  // the applied definition is in an admin file
        LineRole,
        OverriddenValueRole,
        OverriddenSourceRole, // "alias (admin)" of the overridden definition
        WarningRole,
        ExplainItemRole, // the item as core's explain() and `redconf why` name it
    };
    Q_ENUM(Roles)

    explicit EffectiveConfigModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString nodePath() const { return m_nodePath; }
    void setNodePath(const QString& path);
    bool adminMode() const { return m_mode == MergeMode::Admin; }
    void setAdminMode(bool admin);
    Status status() const { return m_status; }
    QString errorString() const { return m_errorString; }
    QStringList errors() const { return m_errors; }
    QStringList warnings() const { return m_warnings; }
    QStringList family() const;
    int firstWarningRow() const;

    // Merges again (after a save or a change on disk).
    Q_INVOKABLE void reload();

    // Every definition of the item of `row`, the one applied and the rule (core explain());
    // nothing when there is no such row.
    std::optional<Explanation> explanationFor(int row) const;
    QString itemFor(int row) const;

Q_SIGNALS:
    void nodePathChanged();
    void adminModeChanged();
    void resultChanged();

private:
    struct Row {
        QString section;
        QString item; // as shown
        QString key;  // the explain() item: share_net, cap_chown, environ:K, export:/m...
        QString value;
        Provenance provenance;
    };
    void build(const EffectiveConfig& effective);
    template <typename T>
    void addSetting(std::string_view key, const std::optional<Effective<T>>& item);

    QString m_nodePath;
    MergeMode m_mode = MergeMode::Normal;
    Status m_status = Status::Empty;
    QString m_errorString;
    QStringList m_errors;
    QStringList m_warnings;
    std::vector<FamilyMember> m_family;
    std::vector<FamilyNodeInfo> m_familyInfo;
    std::vector<Row> m_rows;
};

} // namespace redpak::gui
