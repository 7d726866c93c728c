// SPDX-License-Identifier: Apache-2.0
// Search and order over the node tree: keeps the nodes whose own alias, directory name or
// config text contain every word of `filterText` (case-insensitive), with their ancestors so
// the hierarchy stays visible (SearchMatchRole tells the two apart), and sorts siblings by
// alias in natural order (node2 before node10).
#pragma once

#include <QCollator>
#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

namespace redpak::gui {

class NodeFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(int matchCount READ matchCount NOTIFY matchCountChanged)

public:
    enum Roles {
        // True when the node matches the search itself (always without search); false for an
        // ancestor kept only to show where a match is.
        SearchMatchRole = Qt::UserRole + 100,
    };
    Q_ENUM(Roles)

    explicit NodeFilterModel(QObject* parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString& text);
    // Number of nodes that match themselves (ancestors kept for context are not counted).
    int matchCount() const { return m_matchCount; }

    // Proxy index of the node at `path` (invalid when filtered out or unknown).
    Q_INVOKABLE QModelIndex indexForPath(const QString& path) const;
    // True while rows leave the view because of the search or a reload: a selection that
    // moves then is the view's doing, not a choice of the user.
    Q_INVOKABLE bool isRemovingRows() const { return m_removingRows; }

    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void filterTextChanged();
    void matchCountChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    bool matches(const QModelIndex& sourceIndex) const;
    void announceSearchMatches(const QModelIndex& parent);
    void updateMatchCount();
    void recountAfterInspection();
    int countMatches(const QModelIndex& sourceParent) const;

    QString m_filterText;
    QStringList m_words;
    int m_matchCount = 0;
    bool m_removingRows = false;
    QCollator m_collator; // numeric, case-insensitive
};

} // namespace redpak::gui
