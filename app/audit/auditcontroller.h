// SPDX-License-Identifier: Apache-2.0
// Audit status of the selected node (core audit.h): approved / drifted / not audited /
// invalid, who approved it and when, and on request the drift (semantic summary and the
// unified diff of every file against its audited content). approve() records the family as it
// is now for nodes the user owns; system nodes are approved through the helper.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace redpak::gui {

class AuditController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString nodePath READ nodePath WRITE setNodePath NOTIFY nodePathChanged)
    Q_PROPERTY(State state READ state NOTIFY statusChanged)
    Q_PROPERTY(QString approvedBy READ approvedBy NOTIFY statusChanged)
    Q_PROPERTY(QString approvedAt READ approvedAt NOTIFY statusChanged)
    Q_PROPERTY(QString comment READ comment NOTIFY statusChanged)
    Q_PROPERTY(QString scoreChange READ scoreChange NOTIFY statusChanged)
    Q_PROPERTY(QStringList driftedFiles READ driftedFiles NOTIFY statusChanged)
    Q_PROPERTY(QString semanticSummary READ semanticSummary NOTIFY statusChanged)
    Q_PROPERTY(QString driftText READ driftText NOTIFY statusChanged)
    Q_PROPERTY(QString problem READ problem NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorChanged)

public:
    enum class State { Unknown, Approved, Drifted, NotAudited, Invalid };
    Q_ENUM(State)

    explicit AuditController(QObject* parent = nullptr);

    QString nodePath() const { return m_nodePath; }
    void setNodePath(const QString& path);
    State state() const { return m_state; }
    QString approvedBy() const { return m_approvedBy; }
    QString approvedAt() const { return m_approvedAt; }
    QString comment() const { return m_comment; }
    QString scoreChange() const { return m_scoreChange; }
    QStringList driftedFiles() const { return m_driftedFiles; }
    QString semanticSummary() const { return m_semanticSummary; }
    QString driftText() const { return m_driftText; }
    QString problem() const { return m_problem; }
    QString errorString() const { return m_errorString; }

    Q_INVOKABLE void refresh();
    // Records the node's family as audited. False (and errorString) when it cannot be written.
    Q_INVOKABLE bool approve(const QString& comment);

Q_SIGNALS:
    void nodePathChanged();
    void statusChanged();
    void errorChanged();
    void approved(const QString& nodePath);

private:
    void setError(const QString& message);

    QString m_nodePath;
    State m_state = State::Unknown;
    QString m_approvedBy;
    QString m_approvedAt;
    QString m_comment;
    QString m_scoreChange;
    QStringList m_driftedFiles;
    QString m_semanticSummary;
    QString m_driftText;
    QString m_problem;
    QString m_errorString;
};

} // namespace redpak::gui
