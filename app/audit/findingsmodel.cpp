// SPDX-License-Identifier: Apache-2.0
#include "findingsmodel.h"

#include "redpak/base/diagnostic.h"
#include "redpak/review/diff.h"
#include "redpak/tree/node.h"

#include <algorithm>

namespace redpak::gui {

namespace {

QString qs(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

FindingsModel::Level levelOf(Severity severity) {
    switch (severity) {
    case Severity::Error:
        return FindingsModel::Level::Error;
    case Severity::Warning:
        return FindingsModel::Level::Warning;
    case Severity::Info:
        break;
    }
    return FindingsModel::Level::Info;
}

} // namespace

FindingsModel::FindingsModel(QObject* parent) : QAbstractListModel(parent) {}

int FindingsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_findings.size());
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const Finding& f = m_findings[static_cast<std::size_t>(index.row())];
    switch (role) {
    case IdRole:
        return qs(f.id);
    case SeverityRole:
        return qs(toString(f.severity));
    case SeverityLevelRole:
        return static_cast<int>(levelOf(f.severity));
    case NodeRole:
        return qs(f.node);
    case Qt::DisplayRole:
    case ItemRole:
        return qs(f.item);
    case ExplanationRole:
        return qs(f.explanation);
    case SourceRole:
        return qs(f.source);
    default:
        return {};
    }
}

QHash<int, QByteArray> FindingsModel::roleNames() const {
    return {{IdRole, "findingId"}, {SeverityRole, "severity"}, {SeverityLevelRole, "severityLevel"},
            {NodeRole, "node"},    {ItemRole, "item"},         {ExplanationRole, "explanation"},
            {SourceRole, "source"}};
}

void FindingsModel::setNodePath(const QString& path) {
    if (path == m_nodePath) {
        return;
    }
    m_nodePath = path;
    Q_EMIT nodePathChanged();
    reload();
}

void FindingsModel::setRecursive(bool recursive) {
    if (recursive == m_recursive) {
        return;
    }
    m_recursive = recursive;
    Q_EMIT recursiveChanged();
    reload();
}

int FindingsModel::count(Severity severity) const {
    return static_cast<int>(
        std::count_if(m_findings.begin(), m_findings.end(),
                      [severity](const Finding& f) { return f.severity == severity; }));
}

void FindingsModel::reload() {
    beginResetModel();
    m_findings.clear();
    m_score.clear();
    m_errorString.clear();
    if (!m_nodePath.isEmpty()) {
        try {
            const std::string dir = m_nodePath.toStdString();
            if (!m_recursive) {
                const NodeFindings node = analyzeNodeAt(dir);
                m_findings = node.findings;
                m_score = qs(formatScore(node.score));
            } else {
                const TreeAnalysis analysis = analyzeTreeAt(dir, MergeMode::Normal);
                double highest = 0;
                for (const NodeFindings& node : analysis.nodes) {
                    m_findings.insert(m_findings.end(), node.findings.begin(), node.findings.end());
                    highest = std::max(highest, node.score);
                }
                const std::vector<Finding>& tree = analysis.tree;
                m_findings.insert(m_findings.begin(), tree.begin(), tree.end());
                std::stable_sort(
                    m_findings.begin(), m_findings.end(), [](const Finding& a, const Finding& b) {
                        return static_cast<int>(a.severity) > static_cast<int>(b.severity);
                    });
                // A tree is as exposed as its most exposed node.
                m_score = qs(formatScore(highest));
            }
        } catch (const InputError& error) {
            m_findings.clear();
            m_errorString = qs(error.diagnostic().format());
        }
    }
    endResetModel();
    Q_EMIT resultChanged();
}

FindingsFilterModel::FindingsFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {}

void FindingsFilterModel::setMinimumSeverity(int severity) {
    if (severity == m_minimumSeverity) {
        return;
    }
    m_minimumSeverity = severity;
    invalidateFilter();
    Q_EMIT minimumSeverityChanged();
}

bool FindingsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return sourceModel()->data(index, FindingsModel::SeverityLevelRole).toInt() >=
           m_minimumSeverity;
}

} // namespace redpak::gui
