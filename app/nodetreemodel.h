// SPDX-License-Identifier: Apache-2.0
// The rednodes of the opened roots as a tree (a node's parent is the rednode in its direct
// parent directory; others are top-level), with the badges of each node. Rebuilt from disk by
// reload(); `running` comes from the launch list.
#pragma once

#include "nodeinspection.h"

#include <QAbstractItemModel>
#include <QSet>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace redpak::gui {

class Workspace;

class NodeTreeModel : public QAbstractItemModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(int nodeCount READ nodeCount NOTIFY nodeCountChanged)

public:
    enum Roles {
        AliasRole = Qt::UserRole + 1,
        PathRole,
        HasAdminConfigRole,
        DisabledRole,
        ErrorCountRole,
        ErrorTextRole,
        WarningCountRole,
        WarningTextRole,
        UnauditedRole,
        RunningRole,
        UsesHelperRole,
        SearchTextRole,
    };
    Q_ENUM(Roles)

    explicit NodeTreeModel(Workspace* workspace, QObject* parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int nodeCount() const { return static_cast<int>(m_nodes.size()); }

    // Re-reads every root (after a create, delete or save, or on request).
    Q_INVOKABLE void reload();
    // Index of the node at `path`, or an invalid index.
    Q_INVOKABLE QModelIndex indexForPath(const QString& path) const;

    // Nodes with a running launch get the "running" badge.
    void setRunningNodes(const QSet<QString>& paths);

Q_SIGNALS:
    void nodeCountChanged();

private:
    struct Node {
        QString path;
        NodeInspection inspection;
        bool usesHelper = false;
        int parent = -1; // index in m_nodes, -1 for top level
        std::vector<int> children;
        int row = 0; // among its siblings
    };
    const std::vector<int>& childrenOf(int node) const;
    void emitBadgeChange(const QSet<QString>& changed, int role);

    Workspace* m_workspace;
    std::vector<Node> m_nodes;
    std::vector<int> m_topLevel;
    QSet<QString> m_running;
};

} // namespace redpak::gui
