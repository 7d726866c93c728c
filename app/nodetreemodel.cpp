// SPDX-License-Identifier: Apache-2.0
#include "nodetreemodel.h"

#include "workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

namespace redpak::gui {

NodeTreeModel::NodeTreeModel(Workspace* workspace, QObject* parent)
    : QAbstractItemModel(parent), m_workspace(workspace),
      m_inspection(
          &m_generation, this,
          [this](quint64 generation, std::vector<NodeLocation> nodes) {
              applyTree(generation, std::move(nodes));
          },
          [this](quint64 generation, std::vector<InspectedNode> batch) {
              applyInspections(generation, std::move(batch));
          }) {
    connect(workspace, &Workspace::rootsChanged, this, &NodeTreeModel::reload);
    reload();
}

NodeTreeModel::~NodeTreeModel() = default;

void NodeTreeModel::reload() {
    // From here on, results still on their way describe the previous tree: they are dropped.
    const quint64 generation = m_generation.fetch_add(1, std::memory_order_acq_rel) + 1;
    m_loading = true;
    Q_EMIT inspectionProgressChanged();
    m_inspection.load(generation, m_workspace->roots());
}

void NodeTreeModel::applyTree(quint64 generation, std::vector<NodeLocation> locations) {
    if (generation != m_generation.load(std::memory_order_acquire)) {
        return; // a newer reload is on its way
    }
    beginResetModel();
    m_nodes.clear();
    m_topLevel.clear();
    QHash<QString, int> byPath;
    for (NodeLocation& location : locations) {
        Node node;
        node.path = QDir::cleanPath(QString::fromStdString(location.base.string()));
        node.inspection = uninspectedNode(location);
        node.location = std::move(location);
        const NodeStore* store = m_workspace->storeFor(node.path);
        node.usesHelper = store && store->usesHelper();
        // Parents come first, so the parent is already known.
        node.parent = byPath.value(QFileInfo(node.path).absolutePath(), -1);
        const int index = static_cast<int>(m_nodes.size());
        std::vector<int>& siblings =
            node.parent < 0 ? m_topLevel : m_nodes[static_cast<std::size_t>(node.parent)].children;
        node.row = static_cast<int>(siblings.size());
        siblings.push_back(index);
        byPath.insert(node.path, index);
        m_nodes.push_back(std::move(node));
    }
    m_loading = false;
    m_inspectedCount = 0;
    m_inspectionTotal = static_cast<int>(m_nodes.size()); // the worker inspects them all next
    endResetModel();
    Q_EMIT nodeCountChanged();
    Q_EMIT inspectionProgressChanged();
}

void NodeTreeModel::reinspectFamiliesOf(const QString& nodeDir) {
    if (m_loading) {
        return; // the tree being read is inspected whole, with the file as it is now
    }
    const QModelIndex index = indexForPath(nodeDir);
    if (!index.isValid()) {
        return;
    }
    std::vector<InspectionRequest> requests;
    appendSubtree(static_cast<int>(index.internalId()), requests);
    inspect(std::move(requests));
}

void NodeTreeModel::appendSubtree(int node, std::vector<InspectionRequest>& requests) const {
    const Node& entry = m_nodes[static_cast<std::size_t>(node)];
    requests.push_back({node, entry.location, true});
    for (const int child : entry.children) {
        appendSubtree(child, requests);
    }
}

void NodeTreeModel::inspect(std::vector<InspectionRequest> requests) {
    if (requests.empty()) {
        return;
    }
    m_inspectionTotal += static_cast<int>(requests.size());
    Q_EMIT inspectionProgressChanged();
    m_inspection.post(m_generation.load(std::memory_order_acquire), std::move(requests));
}

void NodeTreeModel::applyInspections(quint64 generation, std::vector<InspectedNode> batch) {
    if (generation != m_generation.load(std::memory_order_acquire)) {
        return; // inspected before the last reload: the indexes may name other nodes
    }
    QStringList paths;
    paths.reserve(static_cast<qsizetype>(batch.size()));
    for (InspectedNode& result : batch) {
        Node& node = m_nodes[static_cast<std::size_t>(result.node)];
        node.inspection = std::move(result.inspection);
        const QModelIndex index = indexOfNode(result.node);
        Q_EMIT dataChanged(index, index);
        paths.append(node.path);
    }
    m_inspectedCount += static_cast<int>(batch.size());
    Q_EMIT inspectionProgressChanged();
    Q_EMIT nodesInspected(paths);
}

QModelIndex NodeTreeModel::indexOfNode(int node) const {
    return createIndex(m_nodes[static_cast<std::size_t>(node)].row, 0, static_cast<quintptr>(node));
}

const std::vector<int>& NodeTreeModel::childrenOf(int node) const {
    return node < 0 ? m_topLevel : m_nodes[static_cast<std::size_t>(node)].children;
}

QModelIndex NodeTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (column != 0 || row < 0) {
        return {};
    }
    const int parentNode = parent.isValid() ? static_cast<int>(parent.internalId()) : -1;
    const std::vector<int>& children = childrenOf(parentNode);
    if (row >= static_cast<int>(children.size())) {
        return {};
    }
    return createIndex(row, 0, static_cast<quintptr>(children[static_cast<std::size_t>(row)]));
}

QModelIndex NodeTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) {
        return {};
    }
    const int parentNode = m_nodes[child.internalId()].parent;
    return parentNode < 0 ? QModelIndex() : indexOfNode(parentNode);
}

int NodeTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.column() > 0) {
        return 0;
    }
    return static_cast<int>(
        childrenOf(parent.isValid() ? static_cast<int>(parent.internalId()) : -1).size());
}

int NodeTreeModel::columnCount(const QModelIndex&) const {
    return 1;
}

QVariant NodeTreeModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Node& node = m_nodes[index.internalId()];
    const NodeInspection& inspection = node.inspection;
    switch (role) {
    case Qt::DisplayRole:
    case AliasRole:
        return inspection.alias;
    case Qt::ToolTipRole:
    case PathRole:
        return node.path;
    case HasAdminConfigRole:
        return inspection.hasAdminConfig;
    case DisabledRole:
        return inspection.disabled;
    case ErrorCountRole:
        return static_cast<int>(errorsOf(node).size());
    case ErrorTextRole:
        return errorsOf(node).join(QLatin1Char('\n'));
    case WarningCountRole:
        return static_cast<int>(warningsOf(node).size());
    case WarningTextRole:
        return warningsOf(node).join(QLatin1Char('\n'));
    case UnauditedRole:
        return inspection.unaudited;
    case RunningRole:
        return m_running.contains(node.path);
    case UsesHelperRole:
        return node.usesHelper;
    case SearchTextRole:
        return inspection.searchText;
    default:
        return {};
    }
}

QHash<int, QByteArray> NodeTreeModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert({{AliasRole, "alias"},
                  {PathRole, "path"},
                  {HasAdminConfigRole, "hasAdminConfig"},
                  {DisabledRole, "disabled"},
                  {ErrorCountRole, "errorCount"},
                  {ErrorTextRole, "errorText"},
                  {WarningCountRole, "warningCount"},
                  {WarningTextRole, "warningText"},
                  {UnauditedRole, "unaudited"},
                  {RunningRole, "running"},
                  {UsesHelperRole, "usesHelper"},
                  {SearchTextRole, "searchText"}});
    return names;
}

std::vector<NodeLocation> NodeTreeModel::nodeLocations() const {
    std::vector<NodeLocation> locations;
    locations.reserve(m_nodes.size());
    for (const Node& node : m_nodes) {
        locations.push_back(node.location);
    }
    return locations;
}

QModelIndex NodeTreeModel::indexForPath(const QString& path) const {
    const QString clean = QDir::cleanPath(path);
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].path == clean) {
            return indexOfNode(static_cast<int>(i));
        }
    }
    return {};
}

void NodeTreeModel::emitBadgeChange(const QSet<QString>& changed, int role) {
    for (const QString& path : changed) {
        const QModelIndex index = indexForPath(path);
        if (index.isValid()) {
            Q_EMIT dataChanged(index, index, {role});
        }
    }
}

QStringList NodeTreeModel::errorsOf(const Node& node) const {
    const QStringList& merged = m_adminMode ? node.inspection.adminErrors : node.inspection.errors;
    return merged + m_findingErrors.value(node.path);
}

const QStringList& NodeTreeModel::warningsOf(const Node& node) const {
    return m_adminMode ? node.inspection.adminWarnings : node.inspection.warnings;
}

void NodeTreeModel::emitProblemChange() {
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const QModelIndex index = indexOfNode(static_cast<int>(i));
        Q_EMIT dataChanged(index, index,
                           {ErrorCountRole, ErrorTextRole, WarningCountRole, WarningTextRole});
    }
}

void NodeTreeModel::setAdminMode(bool admin) {
    if (admin == m_adminMode) {
        return;
    }
    m_adminMode = admin;
    emitProblemChange();
    Q_EMIT adminModeChanged();
}

void NodeTreeModel::setFindingErrors(const QHash<QString, QStringList>& byNode) {
    if (byNode == m_findingErrors) {
        return;
    }
    m_findingErrors = byNode;
    emitProblemChange();
}

void NodeTreeModel::setRunningNodes(const QSet<QString>& paths) {
    const QSet<QString> changed = (paths - m_running) + (m_running - paths);
    m_running = paths;
    emitBadgeChange(changed, RunningRole);
}

} // namespace redpak::gui
