// SPDX-License-Identifier: Apache-2.0
// "Verify" on a node: runs redpak-probe in it through the node's launcher and lists the checks
// of review/verify_run.h (the same as `redconf verify`), one row per check, grouped, each with
// its provenance and, when it fails, what was expected and what was seen; the node's findings
// the runtime contradicts come with it. Preparing (merge, plan, findings) runs in a worker
// thread and the launch is asynchronous: the GUI thread never waits. Launchers that do not
// launch from this process (the helper, for system nodes) leave the status Unsupported.
#pragma once

#include "launchmodel.h"
#include "redpak/review/verify.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QThread>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <vector>

namespace redpak::gui {

class VerifyModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY statusChanged)
    Q_PROPERTY(QString nodePath READ nodePath NOTIFY statusChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY statusChanged)
    Q_PROPERTY(int passedCount READ passedCount NOTIFY statusChanged)
    Q_PROPERTY(int failedCount READ failedCount NOTIFY statusChanged)
    Q_PROPERTY(int unknownCount READ unknownCount NOTIFY statusChanged)
    // The findings the runtime contradicts: {id, item, claimed, check, observed}.
    Q_PROPERTY(QVariantList contradictedFindings READ contradictedFindings NOTIFY statusChanged)
    // redpak-probe on the host; it must lie below an export of the node.
    Q_PROPERTY(QString probePath READ probePath WRITE setProbePath NOTIFY probePathChanged)

public:
    enum class Status { Idle, Preparing, Running, Done, Error, Unsupported };
    Q_ENUM(Status)
    enum class Outcome { Pass, Fail, Unknown };
    Q_ENUM(Outcome)

    enum Roles {
        GroupRole = Qt::UserRole + 1, // core's group id: "namespace", "mount", ...
        GroupTitleRole,               // translated: "Namespaces", "Mounts", ...
        SubjectRole,
        ExpectedRole,
        ObservedRole,
        OutcomeRole,
        OutcomeTextRole, // translated: "pass", "fail", "not observable"
        FailedRole,
        SeverityRole, // "info", "warning", "error"
        ProvenanceRole,
    };
    Q_ENUM(Roles)

    explicit VerifyModel(LaunchModel::LauncherFor launcherFor, QObject* parent = nullptr);
    ~VerifyModel() override; // waits for a preparation still running

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Status status() const { return m_status; }
    bool busy() const { return m_status == Status::Preparing || m_status == Status::Running; }
    QString nodePath() const { return m_nodePath; }
    QString errorText() const { return m_errorText; }
    int passedCount() const { return count(CheckOutcome::Pass); }
    int failedCount() const { return count(CheckOutcome::Fail); }
    int unknownCount() const { return count(CheckOutcome::Unknown); }
    QVariantList contradictedFindings() const { return m_contradicted; }
    QString probePath() const { return m_probePath; }
    void setProbePath(const QString& path);

    // Launches the probe in the node (admin: merged with the admin configs, as for a launch).
    Q_INVOKABLE void verify(const QString& nodeDir, bool admin);
    // Whether every check of the group titled `groupTitle` passed.
    Q_INVOKABLE bool groupPassed(const QString& groupTitle) const;

    // redpak-probe next to this program (build/bin), else the installed one.
    static QString locateProbe();
    static QString groupTitle(const std::string& group);

Q_SIGNALS:
    void statusChanged();
    void probePathChanged();

private:
    struct Prepared;
    void launchProbe(quint64 generation, const std::shared_ptr<Prepared>& prepared, bool admin);
    void finish(const std::shared_ptr<Prepared>& prepared, const QByteArray& probeOutput);
    void setStatus(Status status, const QString& error = {});
    int count(CheckOutcome outcome) const;

    LaunchModel::LauncherFor m_launcherFor;
    QString m_probePath;
    Status m_status = Status::Idle;
    QString m_nodePath;
    QString m_errorText;
    std::vector<VerifyCheck> m_checks;
    QVariantList m_contradicted;
    QPointer<QThread> m_worker;
    quint64 m_generation = 0; // a newer verify() makes the older one's results stale
};

} // namespace redpak::gui
