// SPDX-License-Identifier: Apache-2.0
#include "nodefiltermodel.h"

#include "nodetreemodel.h"

#include <algorithm>

namespace redpak::gui {

namespace {

// The words in UTF-8, or none when one does not survive the conversion (a lone surrogate):
// a UTF-8 text contains a word's UTF-8 exactly when its UTF-16 contains the word.
QByteArrayList utf8Words(const QStringList& words) {
    QByteArrayList out;
    for (const QString& word : words) {
        QByteArray utf8 = word.toUtf8();
        if (QString::fromUtf8(utf8) != word) {
            return {};
        }
        out.append(std::move(utf8));
    }
    return out;
}

template <typename Text, typename Words> bool containsAll(const Text& text, const Words& words) {
    return std::all_of(words.begin(), words.end(),
                       [&text](const auto& word) { return text.contains(word); });
}

} // namespace

NodeFilterModel::NodeFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setRecursiveFilteringEnabled(true);
    connect(this, &QAbstractItemModel::modelReset, this, &NodeFilterModel::updateMatchCount);
    connect(this, &QSortFilterProxyModel::sourceModelChanged, this,
            &NodeFilterModel::updateMatchCount);
    // Search texts arrive with the tree's inspection: count again once per batch, not per row.
    connect(this, &QSortFilterProxyModel::sourceModelChanged, this, [this] {
        if (auto* tree = qobject_cast<NodeTreeModel*>(sourceModel())) {
            connect(tree, &NodeTreeModel::nodesInspected, this,
                    &NodeFilterModel::recountAfterInspection, Qt::UniqueConnection);
        }
    });
}

void NodeFilterModel::setFilterText(const QString& text) {
    if (text == m_filterText) {
        return;
    }
    m_filterText = text;
    m_words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_utf8Words = utf8Words(m_words);
    invalidateRowsFilter();
    Q_EMIT filterTextChanged();
    updateMatchCount();
}

bool NodeFilterModel::matches(const QModelIndex& sourceIndex) const {
    const QByteArray haystack = sourceIndex.data(NodeTreeModel::SearchTextRole).toByteArray();
    if (m_utf8Words.size() != m_words.size()) {
        return containsAll(QString::fromUtf8(haystack), m_words);
    }
    return containsAll(haystack, m_utf8Words);
}

bool NodeFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    // Recursive filtering keeps the ancestors of accepted rows.
    return matches(sourceModel()->index(sourceRow, 0, sourceParent));
}

int NodeFilterModel::countMatches(const QModelIndex& sourceParent) const {
    int count = 0;
    for (int row = 0; row < sourceModel()->rowCount(sourceParent); ++row) {
        const QModelIndex child = sourceModel()->index(row, 0, sourceParent);
        count += (matches(child) ? 1 : 0) + countMatches(child);
    }
    return count;
}

void NodeFilterModel::recountAfterInspection() {
    if (!m_words.isEmpty()) { // without words every node matches, whatever its search text
        updateMatchCount();
    }
}

void NodeFilterModel::updateMatchCount() {
    const int count = sourceModel() ? countMatches({}) : 0;
    if (count != m_matchCount) {
        m_matchCount = count;
        Q_EMIT matchCountChanged();
    }
}

QModelIndex NodeFilterModel::indexForPath(const QString& path) const {
    auto* tree = qobject_cast<NodeTreeModel*>(sourceModel());
    return tree ? mapFromSource(tree->indexForPath(path)) : QModelIndex();
}

} // namespace redpak::gui
