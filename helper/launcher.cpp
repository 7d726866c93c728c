// SPDX-License-Identifier: Apache-2.0
#include "launcher.h"

#include "helpererror.h"
#include "launchplan.h"
#include "redpak/launch/launch.h"

#include <QDateTime>
#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace redpak::helper {

Launcher::Launcher(NodeStore& store, QString launchProgram, QString configFile, QObject* parent)
    : QObject(parent), m_store(store), m_launchProgram(std::move(launchProgram)),
      m_configFile(std::move(configFile)) {}

Launcher::~Launcher() {
    for (Running& running : m_launches) {
        running.process->disconnect(this);
        running.process->kill();
        running.process->waitForFinished(1000);
    }
}

void Launcher::checkCommand(const QStringList& command) {
    if (command.size() > kMaxCommandArguments) {
        throw HelperError(ErrorKind::InvalidArgument,
                          "more than " + std::to_string(kMaxCommandArguments) + " arguments");
    }
    for (const QString& argument : command) {
        const QByteArray bytes = argument.toUtf8();
        if (bytes.size() > kMaxArgumentBytes || bytes.contains('\0')) {
            throw HelperError(ErrorKind::InvalidArgument, "an argument is longer than " +
                                                              std::to_string(kMaxArgumentBytes) +
                                                              " bytes or contains NUL");
        }
    }
}

PreparedLaunch Launcher::prepare(const NodeName& node, const QStringList& command, bool admin) {
    // The trust check comes first: the core reads the family again by path afterwards.
    m_store.checkFamilyTrusted(node);
    const std::filesystem::path nodeDir = m_store.pathOf(node);
    const HelperLaunchPlan planned = planHelperLaunch(nodeDir, admin, m_store.identities());
    try {
        checkSources(planned.plan);
    } catch (const LaunchError& error) {
        throw HelperError(ErrorKind::UnsafeNode, error.what());
    }
    return PreparedLaunch{m_nextId++, node, nodeDir, admin, command, planned.identity};
}

namespace {

// The command line of the launch program: what was prepared, nothing the caller can change.
QStringList launcherArguments(const PreparedLaunch& launch, const QString& configFile) {
    QStringList arguments;
    if (launch.admin) {
        arguments << QStringLiteral("--admin");
    }
    arguments << QStringLiteral("--config") << configFile << QStringLiteral("--identity")
              << QString::fromStdString(launch.identity.text())
              << QString::fromStdString(launch.nodeDir.string());
    if (!launch.command.isEmpty()) {
        arguments << QStringLiteral("--") << launch.command;
    }
    return arguments;
}

// Nothing of the helper's environment, working directory or standard streams reaches the node
// (bwrap gets an empty environment anyway).
void isolate(QProcess& process) {
    process.setProcessEnvironment(QProcessEnvironment());
    process.setWorkingDirectory(QStringLiteral("/"));
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
}

} // namespace

qulonglong Launcher::start(const PreparedLaunch& launch, uid_t caller, int outputFd) {
    auto* process = new QProcess(this);
    process->setProgram(m_launchProgram);
    process->setArguments(launcherArguments(launch, m_configFile));
    isolate(*process);
    int childOutput = -1;
    if (outputFd >= 0) {
        childOutput = ::fcntl(outputFd, F_DUPFD_CLOEXEC, 3);
        if (childOutput < 0) {
            delete process;
            throwSystemError("cannot use the output descriptor", errno);
        }
        // Runs in the child between fork and exec: only async-signal-safe calls (dup2).
        process->setChildProcessModifier([childOutput] {
            ::dup2(childOutput, STDOUT_FILENO);
            ::dup2(childOutput, STDERR_FILENO);
        });
    }
    const qulonglong id = launch.id;
    LaunchInfo info{id,
                    QString::fromStdString(launch.node.text()),
                    launch.command,
                    QDateTime::currentMSecsSinceEpoch(),
                    caller,
                    launch.identity,
                    launch.admin};
    connect(process, &QProcess::finished, this,
            [this, info, process](int exitCode, QProcess::ExitStatus exitStatus) {
                m_launches.remove(info.id);
                process->deleteLater();
                emit exited(info, exitStatus == QProcess::CrashExit ? 128 + exitCode : exitCode);
            });
    process->start();
    if (childOutput >= 0) {
        ::close(childOutput);
    }
    // Bounded by fork + exec of a local program (QProcess reports exec failure through a
    // pipe), so the caller gets a definite answer without the bus waiting on the sandbox.
    if (!process->waitForStarted(5000)) {
        const std::string why = process->errorString().toStdString();
        delete process;
        throw HelperError(ErrorKind::Failed, "cannot start the launcher: " + why);
    }
    m_launches.insert(id, Running{info, process});
    return id;
}

QList<LaunchInfo> Launcher::launchesOf(uid_t caller) const {
    QList<LaunchInfo> result;
    for (const Running& running : m_launches) {
        if (caller == 0 || running.info.uid == caller) {
            result.append(running.info);
        }
    }
    std::sort(result.begin(), result.end(),
              [](const LaunchInfo& a, const LaunchInfo& b) { return a.id < b.id; });
    return result;
}

std::optional<LaunchInfo> Launcher::stop(qulonglong id, uid_t caller) {
    const auto found = m_launches.constFind(id);
    if (found == m_launches.constEnd() || (caller != 0 && found->info.uid != caller)) {
        return std::nullopt;
    }
    // bwrap dies on SIGTERM; the sandbox follows it (--die-with-parent).
    found->process->terminate();
    return found->info;
}

} // namespace redpak::helper
