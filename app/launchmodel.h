// SPDX-License-Identifier: Apache-2.0
// Launches made from the GUI: one row per launch (node, command, state, exit status, output),
// newest last. Starting, stopping and the dry run go through the Launcher chosen for the node
// (local redwrap for user roots, the helper for system roots); tests pass a fake.
#pragma once

#include "launcher.h"
#include "launchstats.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <optional>
#include <vector>

namespace redpak::gui {

// The words of a command typed by the user, split with POSIX shell rules (single and double
// quotes, backslash; core's splitShellWords); nullopt with `error` set for an unclosed quote.
std::optional<QStringList> splitCommandLine(const QString& commandLine, QString* error);

class LaunchModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(int runningCount READ runningCount NOTIFY runningChanged)
    Q_PROPERTY(QString defaultCommand READ defaultCommand CONSTANT)
    Q_PROPERTY(bool dryRunBusy READ dryRunBusy NOTIFY dryRunChanged)
    Q_PROPERTY(QString dryRunText READ dryRunText NOTIFY dryRunChanged)
    Q_PROPERTY(QString dryRunError READ dryRunError NOTIFY dryRunChanged)
    // The node the dry run's plan or error is for ("" when there is none).
    Q_PROPERTY(QString dryRunNode READ dryRunNode NOTIFY dryRunChanged)
    // While true (the running list is shown), the usage of running launches is read again
    // every few seconds.
    Q_PROPERTY(bool statsActive READ statsActive WRITE setStatsActive NOTIFY statsActiveChanged)

public:
    enum class State { Starting, Running, Finished, FailedToStart };
    Q_ENUM(State)

    // How a launch went, for its badge: still running, ended with status 0, ended with status 0
    // after writing error messages, ended with another status, killed by a signal, not started.
    enum class Outcome {
        InProgress,
        Succeeded,
        SucceededWithErrors,
        Failed,
        Signalled,
        NotStarted
    };
    Q_ENUM(Outcome)

    enum Roles {
        IdRole = Qt::UserRole + 1,
        NodePathRole,
        CommandRole,
        AdminRole,
        StateRole,
        RunningRole,
        ExitStatusRole,
        StatusTextRole, // translated summary: "running", "exited with status 0", ...
        OutputRole,
        StartedRole,
        AcceptsInputRole,
        ApplicationRole,  // ID of the node's application launched, empty for a command
        HasCgroupRole,    // the launch runs in a cgroup of its own
        CpuSecondsRole,   // CPU time of that cgroup, -1 when unknown
        CpuPercentRole,   // since the previous reading, -1 when unknown
        MemoryBytesRole,  // memory.current, -1 when unknown
        ProcessCountRole, // pids.current of the cgroup, else the processes of the tree
        UsageTextRole,    // translated: "CPU 1.2 s, 3%, memory 12 MiB, 4 processes"
        ProcessesRole,    // [{pid, depth, command}], the launch's process first
        FailedRole,       // it could not start, or ended with a non-zero status
        OutcomeRole,      // Outcome
        ErrorLinesRole,   // the last lines of the error output (else of the output) once it
                          // failed or wrote errors; "" otherwise
    };
    Q_ENUM(Roles)

    // Picks the launcher for a node (local or helper).
    using LauncherFor = std::function<Launcher*(const QString& nodeDir)>;

    explicit LaunchModel(LauncherFor launcherFor, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int runningCount() const;
    QString defaultCommand() const { return QStringLiteral("/bin/sh -i"); }
    bool dryRunBusy() const { return m_dryRunBusy; }
    QString dryRunText() const { return m_dryRunText; }
    QString dryRunError() const { return m_dryRunError; }
    QString dryRunNode() const { return m_dryRunNode; }
    // Forgets the dry run (another node is shown, or its files changed); a dry run still on its
    // way is dropped when it ends.
    Q_INVOKABLE void clearDryRun();
    QSet<QString> runningNodes() const;
    // The launches running now, oldest first, as {node, command, keepsRunning}: keepsRunning
    // when the launch goes on after this program exits (started by the helper), else quitting
    // stops it.
    Q_INVOKABLE QVariantList runningLaunches() const;
    bool statsActive() const { return m_statsActive; }
    void setStatsActive(bool active);
    // Where the usage is read from (tests give fake /proc and cgroup roots).
    void setStatsReader(const LaunchStatsReader& reader);
    // Whether the usage is being read every few seconds (shown, and something runs).
    bool isReadingStats() const { return m_statsTimer.isActive(); }
    // Reads the usage of every running launch now.
    Q_INVOKABLE void refreshStats();

    // Starts `commandLine` (POSIX shell quoting, empty = the node's shell) in the node; returns
    // the new row (a row that failed to start when the line does not split).
    Q_INVOKABLE int launch(const QString& nodeDir, const QString& commandLine, bool admin);
    // The command line last launched in the node (kept across runs), else the default command.
    Q_INVOKABLE QString lastCommand(const QString& nodeDir) const;
    // Starts the node's application `applicationId` (shown as `name`); returns the new row.
    Q_INVOKABLE int launchApplication(const QString& nodeDir, const QString& applicationId,
                                      const QString& name, bool admin);
    // The row of the newest running launch of that application, -1 when none runs.
    int runningApplicationRow(const QString& nodeDir, const QString& applicationId) const;
    Q_INVOKABLE void stop(int row);
    // Sends a line to the command's standard input (local launches).
    Q_INVOKABLE bool sendLine(int row, const QString& line);
    // Computes the bwrap call for the same arguments without launching.
    Q_INVOKABLE void dryRun(const QString& nodeDir, const QString& commandLine, bool admin);
    // Removes the launches that have ended.
    Q_INVOKABLE void clearFinished();

Q_SIGNALS:
    void runningChanged();
    void dryRunChanged();
    void statsActiveChanged();

private:
    struct Launch {
        quint64 id = 0;
        QString nodeDir;
        QStringList command;
        QString application; // ID, when the node's application was launched
        QString applicationName;
        bool admin = false;
        State state = State::Starting;
        int exitStatus = 0;
        QString output;
        QString errorOutput; // its tail
        QString error;
        QDateTime started;
        QPointer<Launcher> launcher;
        std::optional<CgroupUsage> usage;
        QList<LaunchProcess> processes;
        double cpuPercent = -1;
        qint64 sampledAtMs = 0; // monotonic time of `usage`
    };
    void attach(Launcher* launcher);
    int start(Launch entry, Launcher* launcher);
    int rowOf(quint64 id) const;
    void update(quint64 id, const std::function<void(Launch&)>& change, QList<int> roles);
    void readStats(Launch& launch, qint64 nowMs) const;
    void updateStatsTimer();
    static QString usageText(const Launch& launch);
    static QString statusText(const Launch& launch);
    static QString errorLines(const Launch& launch);
    static QVariant statsData(const Launch& launch, int role);

    LauncherFor m_launcherFor;
    QSet<Launcher*> m_attached;
    std::vector<Launch> m_launches;
    quint64 m_nextId = 1;
    bool m_dryRunBusy = false;
    QString m_dryRunText;
    QString m_dryRunError;
    QString m_dryRunNode;
    quint64 m_dryRunSerial = 0; // of the dry run whose reply is awaited
    LaunchStatsReader m_statsReader;
    QString m_ownCgroup; // launches in it have no cgroup of their own
    QTimer m_statsTimer;
    bool m_statsActive = false;
};

// The outcome of a launch in `state` that ended with `exitStatus` (128 + signal when killed)
// after writing `errorOutput`: status 0 with a complete line of error output is
// SucceededWithErrors (a program that reports its failure on stderr and exits 0, e.g. xterm
// when it cannot set up its terminal); a prompt without its line end is not a message.
LaunchModel::Outcome launchOutcome(LaunchModel::State state, int exitStatus,
                                   const QString& errorOutput);

// The last `count` non-blank lines of `text`, trimmed, oldest first.
QStringList lastLines(const QString& text, int count);

} // namespace redpak::gui
