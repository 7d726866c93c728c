// SPDX-License-Identifier: Apache-2.0
// Audit status of the selected node (core review/audit_status.h): approved / drifted / not audited
// / invalid, who approved it and when, and on request the drift (semantic summary and the unified
// diff of every file against its audited content). approve() records the family as last shown
// through the node's store (NodeStore::recordApproval): written by the user for a root they own,
// root-owned by the privileged helper for a system root. Approving a family that changed since it
// was shown is refused.
#pragma once

#include "nodestore.h"
#include "workspace.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace redpak::gui {

class AuditController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the session")
    // Set by the session: the workspace's store decides how an approval is recorded.
    Q_PROPERTY(redpak::gui::Workspace* workspace READ workspace NOTIFY workspaceChanged)
    Q_PROPERTY(QString nodePath READ nodePath NOTIFY nodePathChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    Q_PROPERTY(State state READ state NOTIFY statusChanged)
    Q_PROPERTY(QString approvedBy READ approvedBy NOTIFY statusChanged)
    Q_PROPERTY(QString approvedAt READ approvedAt NOTIFY statusChanged)
    Q_PROPERTY(QString comment READ comment NOTIFY statusChanged)
    Q_PROPERTY(QString scoreChange READ scoreChange NOTIFY statusChanged)
    Q_PROPERTY(QStringList driftedFiles READ driftedFiles NOTIFY statusChanged)
    Q_PROPERTY(QString semanticSummary READ semanticSummary NOTIFY statusChanged)
    // The merge errors of the drifted family as it is now: it cannot be launched.
    Q_PROPERTY(QStringList mergeErrors READ mergeErrors NOTIFY statusChanged)
    Q_PROPERTY(QString driftText READ driftText NOTIFY statusChanged)
    Q_PROPERTY(QString problem READ problem NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorChanged)

public:
    enum class State { Unknown, Approved, Drifted, NotAudited, Invalid };
    Q_ENUM(State)

    explicit AuditController(QObject* parent = nullptr);

    Workspace* workspace() const { return m_workspace; }
    void setWorkspace(Workspace* workspace);
    QString nodePath() const { return m_nodePath; }
    void setNodePath(const QString& path);
    State state() const { return m_state; }
    QString approvedBy() const { return m_approvedBy; }
    QString approvedAt() const { return m_approvedAt; }
    QString comment() const { return m_comment; }
    QString scoreChange() const { return m_scoreChange; }
    QStringList driftedFiles() const { return m_driftedFiles; }
    QString semanticSummary() const { return m_semanticSummary; }
    QStringList mergeErrors() const { return m_mergeErrors; }
    QString driftText() const { return m_driftText; }
    QString problem() const { return m_problem; }
    QString errorString() const { return m_errorString; }
    // An approval is waiting for the store (the helper may be asking polkit).
    bool isBusy() const { return m_busy; }

    Q_INVOKABLE void refresh();
    // Records the node's family, as last shown, as audited with `comment`. Asynchronous: ends
    // with approved() and a refreshed status, or with errorString set and nothing else changed.
    Q_INVOKABLE void approve(const QString& comment);

Q_SIGNALS:
    void workspaceChanged();
    void nodePathChanged();
    void busyChanged();
    void statusChanged();
    void errorChanged();
    void approved(const QString& nodePath);

private:
    void setError(const QString& message);
    void setBusy(bool busy);

    QPointer<Workspace> m_workspace;
    QString m_nodePath;
    bool m_busy = false;
    QList<ReviewedFile> m_shownFiles; // the family's files as the status shown was computed
    State m_state = State::Unknown;
    QString m_approvedBy;
    QString m_approvedAt;
    QString m_comment;
    QString m_scoreChange;
    QStringList m_driftedFiles;
    QString m_semanticSummary;
    QStringList m_mergeErrors;
    QString m_driftText;
    QString m_problem;
    QString m_errorString;
};

} // namespace redpak::gui
