// SPDX-License-Identifier: Apache-2.0
// The rednodes of the opened roots as a tree (a node's parent is the rednode in its direct
// parent directory; others are top-level), with the badges of each node. Rebuilt from disk by
// reload(); `running` comes from the launch list. The hierarchy and then the badges and search
// text come from an inspection thread: the nodes in one model reset, their inspections in
// batches (dataChanged per node). A reload starts a new generation and drops the results of
// the older ones. Error and warning badges count what the mode shown (adminMode) has: the
// merge of that mode, and the error findings of the node (setFindingErrors).
#pragma once

#include "inspectionworker.h"
#include "nodeinspection.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QSet>
#include <QtQml/qqmlregistration.h>
#include <atomic>
#include <vector>

namespace redpak::gui {

class Workspace;

class NodeTreeModel : public QAbstractItemModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(int nodeCount READ nodeCount NOTIFY nodeCountChanged)
    // Progress of the inspection: nodes delivered out of the nodes asked for since the tree was
    // read; `loading` while the tree is being read, `inspecting` until every node is inspected.
    Q_PROPERTY(bool loading READ isLoading NOTIFY inspectionProgressChanged)
    Q_PROPERTY(int inspectedCount READ inspectedCount NOTIFY inspectionProgressChanged)
    Q_PROPERTY(int inspectionTotal READ inspectionTotal NOTIFY inspectionProgressChanged)
    Q_PROPERTY(bool inspecting READ isInspecting NOTIFY inspectionProgressChanged)
    // The badges count the problems of admin mode (the effective view shows admin mode).
    Q_PROPERTY(bool adminMode READ adminMode WRITE setAdminMode NOTIFY adminModeChanged)

public:
    enum Roles {
        AliasRole = Qt::UserRole + 1,
        PathRole,
        HasAdminConfigRole,
        DisabledRole,
        ErrorCountRole,   // merge and file errors of the mode shown, and error findings
        ErrorTextRole,    // those messages, one a line
        WarningCountRole, // merge and file warnings of the mode shown
        WarningTextRole,
        UnauditedRole,
        RunningRole,
        UsesHelperRole,
        SearchTextRole,
    };
    Q_ENUM(Roles)

    explicit NodeTreeModel(Workspace* workspace, QObject* parent = nullptr);
    ~NodeTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int nodeCount() const { return static_cast<int>(m_nodes.size()); }
    int inspectedCount() const { return m_inspectedCount; }
    int inspectionTotal() const { return m_inspectionTotal; }
    bool isLoading() const { return m_loading; }
    bool isInspecting() const { return m_loading || m_inspectedCount < m_inspectionTotal; }

    // Re-reads every root (after a create or delete, or on request) and inspects every node;
    // the nodes replace the current ones when read (modelReset).
    Q_INVOKABLE void reload();
    // Inspects again the nodes whose family contains the files of the node at `nodeDir`: the
    // node and its descendants (after one of its files changed; the hierarchy is unchanged).
    Q_INVOKABLE void reinspectFamiliesOf(const QString& nodeDir);
    // Where the files of every node are, parents first (what the tree was read as).
    std::vector<NodeLocation> nodeLocations() const;
    // Index of the node at `path`, or an invalid index.
    Q_INVOKABLE QModelIndex indexForPath(const QString& path) const;

    // Nodes with a running launch get the "running" badge.
    void setRunningNodes(const QSet<QString>& paths);
    bool adminMode() const { return m_adminMode; }
    void setAdminMode(bool admin);
    // The error findings of each node ("item: explanation"), replacing the previous ones.
    void setFindingErrors(const QHash<QString, QStringList>& byNode);

Q_SIGNALS:
    void nodeCountChanged();
    void inspectionProgressChanged();
    void adminModeChanged();
    // One batch of inspections reached the model (the paths of its nodes, dataChanged sent).
    void nodesInspected(const QStringList& paths);

private:
    struct Node {
        QString path;
        NodeLocation location;
        NodeInspection inspection;
        bool usesHelper = false;
        int parent = -1; // index in m_nodes, -1 for top level
        std::vector<int> children;
        int row = 0; // among its siblings
    };
    const std::vector<int>& childrenOf(int node) const;
    void emitBadgeChange(const QSet<QString>& changed, int role);
    void emitProblemChange();
    QStringList errorsOf(const Node& node) const;
    const QStringList& warningsOf(const Node& node) const;
    QModelIndex indexOfNode(int node) const;
    void appendSubtree(int node, std::vector<InspectionRequest>& requests) const;
    void applyTree(quint64 generation, std::vector<NodeLocation> locations);
    void inspect(std::vector<InspectionRequest> requests);
    void applyInspections(quint64 generation, std::vector<InspectedNode> batch);

    Workspace* m_workspace;
    std::vector<Node> m_nodes;
    std::vector<int> m_topLevel;
    QSet<QString> m_running;
    QHash<QString, QStringList> m_findingErrors; // by node path
    bool m_adminMode = false;
    bool m_loading = false;
    int m_inspectedCount = 0;
    int m_inspectionTotal = 0;
    std::atomic<quint64> m_generation{0}; // written on the GUI thread, read by the worker
    InspectionThread m_inspection;        // last: stopped before the nodes go
};

} // namespace redpak::gui
