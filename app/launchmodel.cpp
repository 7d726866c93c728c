// SPDX-License-Identifier: Apache-2.0
#include "launchmodel.h"

#include "redpak/base/diagnostic.h"
#include "redpak/base/shell_words.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QProcess>
#include <QSettings>
#include <algorithm>

namespace redpak::gui {

namespace {
// Output kept per launch; older output is dropped first.
constexpr qsizetype kMaxOutputChars = 512 * 1024;
// Error output kept per launch, for the last lines shown when it fails.
constexpr qsizetype kMaxErrorOutputChars = 16 * 1024;
// Lines of error output shown under a failed launch.
constexpr int kErrorLinesShown = 5;
// How often the usage of running launches is read while it is shown.
constexpr int kStatsIntervalMs = 2000;

void appendCapped(QString& text, const QString& more, qsizetype cap) {
    text += more;
    if (text.size() > cap) {
        text.remove(0, text.size() - cap);
    }
}

qint64 monotonicMs() {
    static QElapsedTimer clock = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return clock.elapsed();
}
} // namespace

LaunchModel::LaunchModel(LauncherFor launcherFor, QObject* parent)
    : QAbstractListModel(parent), m_launcherFor(std::move(launcherFor)),
      m_ownCgroup(m_statsReader.cgroupOf(QCoreApplication::applicationPid())) {
    m_statsTimer.setInterval(kStatsIntervalMs);
    connect(&m_statsTimer, &QTimer::timeout, this, &LaunchModel::refreshStats);
    connect(this, &LaunchModel::runningChanged, this, &LaunchModel::updateStatsTimer);
}

void LaunchModel::setStatsActive(bool active) {
    if (active == m_statsActive) {
        return;
    }
    m_statsActive = active;
    Q_EMIT statsActiveChanged();
    updateStatsTimer();
    if (active) {
        refreshStats();
    }
}

void LaunchModel::setStatsReader(const LaunchStatsReader& reader) {
    m_statsReader = reader;
    m_ownCgroup = m_statsReader.cgroupOf(QCoreApplication::applicationPid());
}

void LaunchModel::updateStatsTimer() {
    if (m_statsActive && runningCount() > 0) {
        m_statsTimer.start();
    } else {
        m_statsTimer.stop();
    }
}

void LaunchModel::readStats(Launch& launch, qint64 nowMs) const {
    const qint64 pid = launch.launcher ? launch.launcher->processId(launch.id) : 0;
    if (pid <= 0) {
        return;
    }
    const std::optional<CgroupUsage> previous = launch.usage;
    launch.usage = m_statsReader.cgroupUsage(pid, m_ownCgroup);
    launch.processes = m_statsReader.processTree(pid);
    launch.cpuPercent = -1;
    if (previous && launch.usage && previous->path == launch.usage->path && previous->cpuUsec &&
        launch.usage->cpuUsec && nowMs > launch.sampledAtMs) {
        const double usedUsec =
            static_cast<double>(*launch.usage->cpuUsec) - static_cast<double>(*previous->cpuUsec);
        launch.cpuPercent =
            std::max(0.0, usedUsec / 10.0 / static_cast<double>(nowMs - launch.sampledAtMs));
    }
    launch.sampledAtMs = nowMs;
}

void LaunchModel::refreshStats() {
    const qint64 now = monotonicMs();
    for (std::size_t row = 0; row < m_launches.size(); ++row) {
        Launch& launch = m_launches[row];
        if (launch.state != State::Running) {
            continue;
        }
        readStats(launch, now);
        const QModelIndex at = index(static_cast<int>(row));
        Q_EMIT dataChanged(at, at,
                           {HasCgroupRole, CpuSecondsRole, CpuPercentRole, MemoryBytesRole,
                            ProcessCountRole, UsageTextRole, ProcessesRole});
    }
}

QString LaunchModel::usageText(const Launch& launch) {
    const qint64 count = statsData(launch, ProcessCountRole).toLongLong();
    if (!launch.usage) {
        return launch.processes.isEmpty()
                   ? QString()
                   : tr("%n process(es), no cgroup of its own", "", static_cast<int>(count));
    }
    QStringList parts;
    if (launch.usage->cpuUsec) {
        const QString seconds = QLocale().toString(*launch.usage->cpuUsec / 1e6, 'f', 1);
        parts << (launch.cpuPercent >= 0
                      ? tr("CPU %1 s, %2%")
                            .arg(seconds, QLocale().toString(launch.cpuPercent, 'f', 0))
                      : tr("CPU %1 s").arg(seconds));
    }
    if (launch.usage->memoryBytes) {
        parts << tr("memory %1")
                     .arg(QLocale().formattedDataSize(
                         static_cast<qint64>(*launch.usage->memoryBytes)));
    }
    parts << tr("%n process(es)", "", static_cast<int>(count));
    return parts.join(QStringLiteral(", "));
}

QVariant LaunchModel::statsData(const Launch& launch, int role) {
    const auto orUnknown = [](const std::optional<quint64>& value) {
        return value ? static_cast<qint64>(*value) : qint64{-1};
    };
    switch (role) {
    case HasCgroupRole:
        return launch.usage.has_value();
    case CpuSecondsRole:
        return launch.usage && launch.usage->cpuUsec ? *launch.usage->cpuUsec / 1e6 : -1.0;
    case CpuPercentRole:
        return launch.cpuPercent;
    case MemoryBytesRole:
        return launch.usage ? orUnknown(launch.usage->memoryBytes) : qint64{-1};
    case ProcessCountRole:
        return launch.usage && launch.usage->processes
                   ? static_cast<qint64>(*launch.usage->processes)
                   : static_cast<qint64>(launch.processes.size());
    case UsageTextRole:
        return usageText(launch);
    case ProcessesRole: {
        QVariantList processes;
        for (const LaunchProcess& process : launch.processes) {
            processes.append(QVariantMap{{QStringLiteral("pid"), process.pid},
                                         {QStringLiteral("depth"), process.depth},
                                         {QStringLiteral("command"), process.command}});
        }
        return processes;
    }
    default:
        return {};
    }
}

void LaunchModel::attach(Launcher* launcher) {
    if (m_attached.contains(launcher)) {
        return;
    }
    m_attached.insert(launcher);
    connect(launcher, &Launcher::started, this, [this](quint64 id) {
        update(id, [](Launch& l) { l.state = State::Running; },
               {StateRole, RunningRole, StatusTextRole, OutcomeRole});
        Q_EMIT runningChanged();
    });
    connect(launcher, &Launcher::outputReceived, this, [this](quint64 id, const QString& text) {
        update(id, [&text](Launch& l) { appendCapped(l.output, text, kMaxOutputChars); },
               {OutputRole});
    });
    connect(launcher, &Launcher::errorOutputReceived, this,
            [this](quint64 id, const QString& text) {
                update(id,
                       [&text](Launch& l) {
                           appendCapped(l.output, text, kMaxOutputChars);
                           appendCapped(l.errorOutput, text, kMaxErrorOutputChars);
                       },
                       {OutputRole});
            });
    connect(launcher, &Launcher::finished, this, [this](quint64 id, int status) {
        update(id,
               [status](Launch& l) {
                   l.state = State::Finished;
                   l.exitStatus = status;
               },
               {StateRole, RunningRole, ExitStatusRole, StatusTextRole, AcceptsInputRole,
                OutcomeRole, ErrorLinesRole, FailedRole});
        Q_EMIT runningChanged();
    });
    connect(launcher, &Launcher::failedToStart, this, [this](quint64 id, const QString& error) {
        update(id,
               [&error](Launch& l) {
                   l.state = State::FailedToStart;
                   l.error = error;
               },
               {StateRole, RunningRole, StatusTextRole, AcceptsInputRole, OutcomeRole,
                ErrorLinesRole, FailedRole});
        Q_EMIT runningChanged();
    });
}

int LaunchModel::rowOf(quint64 id) const {
    for (std::size_t i = 0; i < m_launches.size(); ++i) {
        if (m_launches[i].id == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void LaunchModel::update(quint64 id, const std::function<void(Launch&)>& change, QList<int> roles) {
    const int row = rowOf(id);
    if (row < 0) {
        return;
    }
    change(m_launches[static_cast<std::size_t>(row)]);
    Q_EMIT dataChanged(index(row), index(row), roles);
}

namespace {
// QSettings group of the command line last launched, per node directory.
QString lastCommandKey(const QString& nodeDir) {
    return QStringLiteral("lastCommand/") +
           QString::fromLatin1(nodeDir.toUtf8().toBase64(QByteArray::Base64UrlEncoding |
                                                         QByteArray::OmitTrailingEquals));
}
} // namespace

std::optional<QStringList> splitCommandLine(const QString& commandLine, QString* error) {
    try {
        QStringList words;
        for (const std::string& word : splitShellWords(commandLine.toStdString(), "command")) {
            words.append(QString::fromStdString(word));
        }
        return words;
    } catch (const InputError& e) {
        *error = QString::fromStdString(e.diagnostic().message);
        return std::nullopt;
    }
}

LaunchModel::Outcome launchOutcome(LaunchModel::State state, int exitStatus,
                                   const QString& errorOutput) {
    using State = LaunchModel::State;
    using Outcome = LaunchModel::Outcome;
    switch (state) {
    case State::Starting:
    case State::Running:
        return Outcome::InProgress;
    case State::FailedToStart:
        return Outcome::NotStarted;
    case State::Finished:
        break;
    }
    if (exitStatus > 128) {
        return Outcome::Signalled;
    }
    if (exitStatus != 0) {
        return Outcome::Failed;
    }
    // Only what ends with a line end is a message: an interactive shell's prompt does not.
    const QString complete = errorOutput.left(errorOutput.lastIndexOf(QLatin1Char('\n')) + 1);
    return lastLines(complete, 1).isEmpty() ? Outcome::Succeeded : Outcome::SucceededWithErrors;
}

QStringList lastLines(const QString& text, int count) {
    QStringList lines;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (const QString trimmed = line.trimmed(); !trimmed.isEmpty()) {
            lines.append(trimmed);
        }
    }
    return lines.mid(std::max<qsizetype>(0, lines.size() - count));
}

QString LaunchModel::lastCommand(const QString& nodeDir) const {
    return QSettings().value(lastCommandKey(nodeDir), defaultCommand()).toString();
}

int LaunchModel::launch(const QString& nodeDir, const QString& commandLine, bool admin) {
    QSettings().setValue(lastCommandKey(nodeDir), commandLine);
    Launch entry;
    entry.nodeDir = nodeDir;
    entry.admin = admin;
    QString error;
    if (const auto words = splitCommandLine(commandLine, &error)) {
        entry.command = *words;
    } else {
        // Shown as a launch that could not start, with why: nothing runs.
        entry.state = State::FailedToStart;
        entry.error = error;
    }
    return start(std::move(entry), m_launcherFor(nodeDir));
}

int LaunchModel::launchApplication(const QString& nodeDir, const QString& applicationId,
                                   const QString& name, bool admin) {
    Launch entry;
    entry.nodeDir = nodeDir;
    entry.application = applicationId;
    entry.applicationName = name;
    entry.admin = admin;
    return start(std::move(entry), m_launcherFor(nodeDir));
}

int LaunchModel::start(Launch entry, Launcher* launcher) {
    if (!launcher) {
        return -1;
    }
    attach(launcher);
    entry.id = m_nextId++;
    entry.started = QDateTime::currentDateTime();
    entry.launcher = launcher;
    const int row = static_cast<int>(m_launches.size());
    beginInsertRows({}, row, row);
    m_launches.push_back(entry);
    endInsertRows();
    Q_EMIT runningChanged();
    if (entry.state == State::Starting) {
        launcher->start(
            entry.id, LaunchRequest{entry.nodeDir, entry.command, entry.admin, entry.application});
    }
    return row;
}

int LaunchModel::runningApplicationRow(const QString& nodeDir, const QString& applicationId) const {
    for (int row = rowCount() - 1; row >= 0; --row) {
        const Launch& launch = m_launches[static_cast<std::size_t>(row)];
        const bool running = launch.state == State::Running || launch.state == State::Starting;
        if (running && launch.nodeDir == nodeDir && launch.application == applicationId) {
            return row;
        }
    }
    return -1;
}

void LaunchModel::stop(int row) {
    if (row < 0 || row >= rowCount()) {
        return;
    }
    const Launch& entry = m_launches[static_cast<std::size_t>(row)];
    if (entry.launcher && entry.state == State::Running) {
        entry.launcher->stop(entry.id);
    }
}

bool LaunchModel::sendLine(int row, const QString& line) {
    if (row < 0 || row >= rowCount()) {
        return false;
    }
    Launch& entry = m_launches[static_cast<std::size_t>(row)];
    if (!entry.launcher || entry.state != State::Running ||
        !entry.launcher->sendInput(entry.id, line + QLatin1Char('\n'))) {
        return false;
    }
    // Echo what was typed, as a terminal would.
    entry.output += line + QLatin1Char('\n');
    Q_EMIT dataChanged(index(row), index(row), {OutputRole});
    return true;
}

void LaunchModel::dryRun(const QString& nodeDir, const QString& commandLine, bool admin) {
    Launcher* launcher = m_launcherFor(nodeDir);
    if (!launcher) {
        return;
    }
    const quint64 serial = ++m_dryRunSerial;
    m_dryRunNode = nodeDir;
    m_dryRunText.clear();
    QString error;
    const std::optional<QStringList> command = splitCommandLine(commandLine, &error);
    if (!command) {
        m_dryRunBusy = false;
        m_dryRunError = error;
        Q_EMIT dryRunChanged();
        return;
    }
    m_dryRunBusy = true;
    m_dryRunError.clear();
    Q_EMIT dryRunChanged();
    launcher->dryRun(LaunchRequest{nodeDir, *command, admin}, this,
                     [this, serial](const DryRunResult& result) {
                         if (serial != m_dryRunSerial) {
                             return; // cleared or asked again meanwhile
                         }
                         m_dryRunBusy = false;
                         m_dryRunText = result.bwrapArguments.join(QLatin1Char('\n'));
                         m_dryRunError = result.ok ? QString() : result.error;
                         Q_EMIT dryRunChanged();
                     });
}

void LaunchModel::clearDryRun() {
    ++m_dryRunSerial;
    if (m_dryRunNode.isEmpty() && !m_dryRunBusy) {
        return;
    }
    m_dryRunBusy = false;
    m_dryRunNode.clear();
    m_dryRunText.clear();
    m_dryRunError.clear();
    Q_EMIT dryRunChanged();
}

void LaunchModel::clearFinished() {
    for (int row = rowCount() - 1; row >= 0; --row) {
        const State state = m_launches[static_cast<std::size_t>(row)].state;
        if (state == State::Finished || state == State::FailedToStart) {
            beginRemoveRows({}, row, row);
            m_launches.erase(m_launches.begin() + row);
            endRemoveRows();
        }
    }
}

int LaunchModel::runningCount() const {
    return static_cast<int>(
        std::count_if(m_launches.begin(), m_launches.end(), [](const Launch& l) {
            return l.state == State::Running || l.state == State::Starting;
        }));
}

QSet<QString> LaunchModel::runningNodes() const {
    QSet<QString> nodes;
    for (const Launch& launch : m_launches) {
        if (launch.state == State::Running || launch.state == State::Starting) {
            nodes.insert(launch.nodeDir);
        }
    }
    return nodes;
}

QVariantList LaunchModel::runningLaunches() const {
    QVariantList running;
    for (std::size_t row = 0; row < m_launches.size(); ++row) {
        const Launch& launch = m_launches[row];
        if (launch.state != State::Running && launch.state != State::Starting) {
            continue;
        }
        const QModelIndex at = index(static_cast<int>(row));
        running.append(QVariantMap{
            {QStringLiteral("node"), launch.nodeDir},
            {QStringLiteral("command"), data(at, CommandRole)},
            {QStringLiteral("keepsRunning"),
             !launch.launcher.isNull() && launch.launcher->keepsRunningWithoutClient()},
        });
    }
    return running;
}

int LaunchModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_launches.size());
}

QVariant LaunchModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Launch& launch = m_launches[static_cast<std::size_t>(index.row())];
    switch (role) {
    case IdRole:
        return launch.id;
    case NodePathRole:
        return launch.nodeDir;
    case Qt::DisplayRole:
    case CommandRole:
        if (!launch.application.isEmpty()) {
            return tr("application %1").arg(launch.applicationName);
        }
        return launch.command.isEmpty() ? tr("(default shell)")
                                        : launch.command.join(QLatin1Char(' '));
    case ApplicationRole:
        return launch.application;
    case FailedRole: {
        const Outcome outcome = launchOutcome(launch.state, launch.exitStatus, launch.errorOutput);
        return outcome == Outcome::Failed || outcome == Outcome::Signalled ||
               outcome == Outcome::NotStarted;
    }
    case OutcomeRole:
        return QVariant::fromValue(
            launchOutcome(launch.state, launch.exitStatus, launch.errorOutput));
    case ErrorLinesRole:
        return errorLines(launch);
    case AdminRole:
        return launch.admin;
    case StateRole:
        return QVariant::fromValue(launch.state);
    case RunningRole:
        return launch.state == State::Running || launch.state == State::Starting;
    case ExitStatusRole:
        return launch.exitStatus;
    case StatusTextRole:
        return statusText(launch);
    case OutputRole:
        return launch.output;
    case StartedRole:
        return launch.started;
    case AcceptsInputRole:
        return launch.state == State::Running && launch.launcher && launch.launcher->acceptsInput();
    default:
        return statsData(launch, role);
    }
}

QString LaunchModel::statusText(const Launch& launch) {
    switch (launchOutcome(launch.state, launch.exitStatus, launch.errorOutput)) {
    case Outcome::InProgress:
        return launch.state == State::Starting ? tr("starting") : tr("running");
    case Outcome::Succeeded:
    case Outcome::Failed:
        return tr("exited with status %1").arg(launch.exitStatus);
    case Outcome::SucceededWithErrors:
        return tr("ended with error messages (status 0)");
    case Outcome::Signalled:
        return tr("killed by signal %1").arg(launch.exitStatus - 128);
    case Outcome::NotStarted:
        return tr("failed to start: %1").arg(launch.error);
    }
    return {};
}

QString LaunchModel::errorLines(const Launch& launch) {
    switch (launchOutcome(launch.state, launch.exitStatus, launch.errorOutput)) {
    case Outcome::InProgress:
    case Outcome::Succeeded:
    case Outcome::NotStarted: // its status text says why
        return {};
    case Outcome::SucceededWithErrors:
    case Outcome::Failed:
    case Outcome::Signalled:
        break;
    }
    // A launcher that does not read the error output apart gives it within the output.
    const QString& text = launch.errorOutput.isEmpty() ? launch.output : launch.errorOutput;
    return lastLines(text, kErrorLinesShown).join(QLatin1Char('\n'));
}

QHash<int, QByteArray> LaunchModel::roleNames() const {
    return {{IdRole, "launchId"},
            {NodePathRole, "nodePath"},
            {CommandRole, "command"},
            {AdminRole, "admin"},
            {StateRole, "state"},
            {RunningRole, "running"},
            {ExitStatusRole, "exitStatus"},
            {StatusTextRole, "statusText"},
            {OutputRole, "output"},
            {StartedRole, "started"},
            {AcceptsInputRole, "acceptsInput"},
            {ApplicationRole, "application"},
            {FailedRole, "failed"},
            {OutcomeRole, "outcome"},
            {ErrorLinesRole, "errorLines"},
            {HasCgroupRole, "hasCgroup"},
            {CpuSecondsRole, "cpuSeconds"},
            {CpuPercentRole, "cpuPercent"},
            {MemoryBytesRole, "memoryBytes"},
            {ProcessCountRole, "processCount"},
            {UsageTextRole, "usageText"},
            {ProcessesRole, "processes"}};
}

} // namespace redpak::gui
