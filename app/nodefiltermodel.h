// SPDX-License-Identifier: Apache-2.0
// Search over the node tree: keeps the nodes whose alias, path or config values contain every
// word of `filterText` (case-insensitive), with their ancestors so the hierarchy stays visible.
#pragma once

#include <QByteArrayList>
#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

namespace redpak::gui {

class NodeFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    Q_PROPERTY(int matchCount READ matchCount NOTIFY matchCountChanged)

public:
    explicit NodeFilterModel(QObject* parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString& text);
    // Number of nodes that match themselves (ancestors kept for context are not counted).
    int matchCount() const { return m_matchCount; }

    // Proxy index of the node at `path` (invalid when filtered out or unknown).
    Q_INVOKABLE QModelIndex indexForPath(const QString& path) const;

Q_SIGNALS:
    void filterTextChanged();
    void matchCountChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool matches(const QModelIndex& sourceIndex) const;
    void updateMatchCount();
    void recountAfterInspection();
    int countMatches(const QModelIndex& sourceParent) const;

    QString m_filterText;
    QStringList m_words;
    // The words in UTF-8, as the search texts are (NodeInspection); empty when a word holds a
    // lone surrogate, which UTF-8 cannot spell: then compared as QStrings.
    QByteArrayList m_utf8Words;
    int m_matchCount = 0;
};

} // namespace redpak::gui
