// SPDX-License-Identifier: Apache-2.0
#include "locallauncher.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

namespace redpak::gui {

namespace {
// Time a stopped command gets between SIGTERM and SIGKILL.
constexpr int kStopGraceMs = 3000;
} // namespace

DryRunResult parseDump(const QString& standardOutput, const QString& standardError, int exitCode) {
    DryRunResult result;
    const QStringList lines = standardOutput.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (exitCode != 0 || lines.isEmpty() || !lines.first().startsWith(QLatin1String("DUMP:"))) {
        result.error =
            standardError.trimmed().isEmpty() ? standardOutput.trimmed() : standardError.trimmed();
        return result;
    }
    result.ok = true;
    result.bwrapArguments.append(lines.first().mid(5).trimmed());
    for (qsizetype i = 1; i < lines.size(); ++i) {
        result.bwrapArguments.append(lines.at(i).trimmed());
    }
    return result;
}

void Launcher::capture(const LaunchRequest&, QObject* context,
                       std::function<void(const CaptureResult&)> done) {
    QMetaObject::invokeMethod(
        context,
        [done] {
            done(CaptureResult{false, {}, QStringLiteral("this launcher cannot capture")});
        },
        Qt::QueuedConnection);
}

LocalLauncher::LocalLauncher(QString redwrapPath, QObject* parent)
    : Launcher(parent), m_redwrapPath(std::move(redwrapPath)) {}

LocalLauncher::~LocalLauncher() {
    for (QProcess* process : std::as_const(m_processes)) {
        process->disconnect(this);
        process->kill();
        process->waitForFinished(1000);
    }
}

QString LocalLauncher::locateRedwrap() {
    const QString besideUs = QCoreApplication::applicationDirPath() + QStringLiteral("/redwrap");
    if (QFileInfo(besideUs).isExecutable()) {
        return besideUs;
    }
    const QString inPath = QStandardPaths::findExecutable(QStringLiteral("redwrap"));
    return inPath.isEmpty() ? QStringLiteral("redwrap") : inPath;
}

QStringList LocalLauncher::redwrapArguments(const LaunchRequest& request, bool dumpOnly) const {
    QStringList arguments;
    if (request.admin) {
        arguments << QStringLiteral("--admin");
    }
    if (dumpOnly) {
        arguments << QStringLiteral("--dump-only");
    }
    arguments << QStringLiteral("--redpath") << request.nodeDir;
    if (!request.application.isEmpty()) {
        // redwrap reads the entry from the node's snapshot itself: check and use are one read.
        arguments << QStringLiteral("--app") << request.application;
    } else if (!request.command.isEmpty()) {
        arguments << QStringLiteral("--") << request.command;
    }
    return arguments;
}

void LocalLauncher::start(quint64 id, const LaunchRequest& request) {
    auto* process = new QProcess(this);
    process->setProcessChannelMode(QProcess::SeparateChannels);
    m_processes.insert(id, process);
    connect(process, &QProcess::started, this, [this, id] { Q_EMIT started(id); });
    connect(process, &QProcess::readyReadStandardOutput, this, [this, id, process] {
        Q_EMIT outputReceived(id, QString::fromLocal8Bit(process->readAllStandardOutput()));
    });
    connect(process, &QProcess::readyReadStandardError, this, [this, id, process] {
        Q_EMIT errorOutputReceived(id, QString::fromLocal8Bit(process->readAllStandardError()));
    });
    connect(process, &QProcess::finished, this,
            [this, id, process](int exitCode, QProcess::ExitStatus exitStatus) {
                // On a crash exit QProcess reports the signal number as exit code; report it
                // the way the helper does (128 + signal).
                const int status = exitStatus == QProcess::NormalExit ? exitCode : 128 + exitCode;
                // What is still buffered comes before the end (the last words of a failure).
                if (const QByteArray rest = process->readAllStandardOutput(); !rest.isEmpty()) {
                    Q_EMIT outputReceived(id, QString::fromLocal8Bit(rest));
                }
                if (const QByteArray rest = process->readAllStandardError(); !rest.isEmpty()) {
                    Q_EMIT errorOutputReceived(id, QString::fromLocal8Bit(rest));
                }
                m_processes.remove(id);
                process->deleteLater();
                Q_EMIT finished(id, status);
            });
    connect(process, &QProcess::errorOccurred, this,
            [this, id, process](QProcess::ProcessError error) {
                if (error != QProcess::FailedToStart) {
                    return;
                }
                m_processes.remove(id);
                process->deleteLater();
                Q_EMIT failedToStart(id, process->errorString());
            });
    process->start(m_redwrapPath, redwrapArguments(request, false));
}

void LocalLauncher::stop(quint64 id) {
    QProcess* process = m_processes.value(id);
    if (!process) {
        return;
    }
    process->terminate();
    QPointer<QProcess> guard(process);
    QTimer::singleShot(kStopGraceMs, this, [guard] {
        if (guard && guard->state() != QProcess::NotRunning) {
            guard->kill();
        }
    });
}

qint64 LocalLauncher::processId(quint64 id) const {
    const QProcess* process = m_processes.value(id);
    return process ? process->processId() : 0;
}

bool LocalLauncher::sendInput(quint64 id, const QString& text) {
    QProcess* process = m_processes.value(id);
    if (!process) {
        return false;
    }
    return process->write(text.toLocal8Bit()) >= 0;
}

void LocalLauncher::runToEnd(const QStringList& arguments, QObject* context,
                             std::function<void(const Ended&)> done) {
    auto* process = new QProcess(this);
    QPointer<QObject> guard(context);
    connect(process, &QProcess::finished, this,
            [process, guard, done](int exitCode, QProcess::ExitStatus exitStatus) {
                process->deleteLater();
                if (guard) {
                    done(Ended{exitStatus == QProcess::NormalExit ? exitCode : -1,
                               process->readAllStandardOutput(),
                               QString::fromLocal8Bit(process->readAllStandardError()),
                               {}});
                }
            });
    connect(process, &QProcess::errorOccurred, this,
            [process, guard, done](QProcess::ProcessError error) {
                if (error != QProcess::FailedToStart) {
                    return;
                }
                process->deleteLater();
                if (guard) {
                    done(Ended{-1, {}, {}, process->errorString()});
                }
            });
    process->start(m_redwrapPath, arguments);
}

void LocalLauncher::dryRun(const LaunchRequest& request, QObject* context,
                           std::function<void(const DryRunResult&)> done) {
    runToEnd(redwrapArguments(request, true), context, [done](const Ended& ended) {
        done(ended.startError.isEmpty() ? parseDump(QString::fromLocal8Bit(ended.standardOutput),
                                                    ended.standardError, ended.exitCode)
                                        : DryRunResult{false, {}, ended.startError});
    });
}

void LocalLauncher::capture(const LaunchRequest& request, QObject* context,
                            std::function<void(const CaptureResult&)> done) {
    runToEnd(redwrapArguments(request, false), context, [done](const Ended& ended) {
        if (!ended.startError.isEmpty()) {
            done(CaptureResult{false, {}, ended.startError});
            return;
        }
        const bool ok = ended.exitCode == 0;
        done(CaptureResult{ok, ended.standardOutput,
                           ok ? QString() : ended.standardError.trimmed()});
    });
}

} // namespace redpak::gui
