// SPDX-License-Identifier: Apache-2.0
#include "nodefiltermodel.h"

#include "nodetreemodel.h"

#include <QLocale>
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
    // The C locale has no collation of its own (Qt then compares code points and ignores the
    // numeric mode): English rules stand in for it.
    if (QLocale().language() == QLocale::C) {
        m_collator.setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(NodeTreeModel::AliasRole);
    sort(0);
    // Connected first, so that the flag is up before any selection model hears of the removal.
    connect(this, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this] { m_removingRows = true; });
    connect(this, &QAbstractItemModel::rowsRemoved, this, [this] { m_removingRows = false; });
    connect(this, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_removingRows = true; });
    connect(this, &QAbstractItemModel::modelReset, this, [this] { m_removingRows = false; });
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
    announceSearchMatches({});
    Q_EMIT filterTextChanged();
    updateMatchCount();
}

// Rows that stay shown may turn from match to context or back: their views must hear of it.
void NodeFilterModel::announceSearchMatches(const QModelIndex& parent) {
    const int rows = rowCount(parent);
    if (rows == 0) {
        return;
    }
    Q_EMIT dataChanged(index(0, 0, parent), index(rows - 1, 0, parent), {SearchMatchRole});
    for (int row = 0; row < rows; ++row) {
        announceSearchMatches(index(row, 0, parent));
    }
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

bool NodeFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const int order = m_collator.compare(left.data(NodeTreeModel::AliasRole).toString(),
                                         right.data(NodeTreeModel::AliasRole).toString());
    if (order != 0) {
        return order < 0;
    }
    // Same alias: the path keeps the order stable.
    return left.data(NodeTreeModel::PathRole).toString() <
           right.data(NodeTreeModel::PathRole).toString();
}

QVariant NodeFilterModel::data(const QModelIndex& index, int role) const {
    if (role == SearchMatchRole) {
        return index.isValid() && matches(mapToSource(index));
    }
    return QSortFilterProxyModel::data(index, role);
}

QHash<int, QByteArray> NodeFilterModel::roleNames() const {
    QHash<int, QByteArray> names = QSortFilterProxyModel::roleNames();
    names.insert(SearchMatchRole, "searchMatch");
    return names;
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
