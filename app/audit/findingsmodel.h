// SPDX-License-Identifier: Apache-2.0
// Risk findings of the selected node (core findings.h), one row per finding, most severe
// first, with its exposure score; `recursive` adds every node below it and the tree findings
// (rec. 2). FindingsFilterModel narrows the rows to a minimum severity.
#pragma once

#include "redpak/review/findings.h"

#include <QAbstractListModel>
#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace redpak::gui {

class FindingsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the session")
    Q_PROPERTY(QString nodePath READ nodePath NOTIFY nodePathChanged)
    Q_PROPERTY(bool recursive READ recursive WRITE setRecursive NOTIFY recursiveChanged)
    Q_PROPERTY(QString score READ score NOTIFY resultChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY resultChanged)
    Q_PROPERTY(int errorCount READ errorCount NOTIFY resultChanged)
    Q_PROPERTY(int warningCount READ warningCount NOTIFY resultChanged)

public:
    // A finding's severity as QML compares it (FindingsModel.Error), least severe first.
    enum class Level { Info, Warning, Error };
    Q_ENUM(Level)

    enum Roles {
        IdRole = Qt::UserRole + 1,
        SeverityRole,      // "info", "warning", "error"
        SeverityLevelRole, // Level, as an int: 0 info, 1 warning, 2 error
        NodeRole,
        ItemRole,
        ExplanationRole,
        SourceRole,
    };
    Q_ENUM(Roles)

    explicit FindingsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString nodePath() const { return m_nodePath; }
    void setNodePath(const QString& path);
    bool recursive() const { return m_recursive; }
    void setRecursive(bool recursive);
    QString score() const { return m_score; }
    QString errorString() const { return m_errorString; }
    int errorCount() const { return count(Severity::Error); }
    int warningCount() const { return count(Severity::Warning); }

    // Analyses again (after a save or a change on disk).
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void nodePathChanged();
    void recursiveChanged();
    void resultChanged();

private:
    int count(Severity severity) const;

    QString m_nodePath;
    bool m_recursive = false;
    std::vector<Finding> m_findings;
    QString m_score;
    QString m_errorString;
};

// Rows of a FindingsModel at or above `minimumSeverity` (0 info, 1 warning, 2 error).
class FindingsFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int minimumSeverity READ minimumSeverity WRITE setMinimumSeverity NOTIFY
                   minimumSeverityChanged)

public:
    explicit FindingsFilterModel(QObject* parent = nullptr);

    int minimumSeverity() const { return m_minimumSeverity; }
    void setMinimumSeverity(int severity);

Q_SIGNALS:
    void minimumSeverityChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int m_minimumSeverity = 0;
};

} // namespace redpak::gui
