// SPDX-License-Identifier: Apache-2.0
// Launcher for tests: records requests and lets the test play the process's life
// (started, output, finished) through the same signals as the real launchers. Its capture
// runs the command's program as `captureProgram` with the command's arguments, outside any
// sandbox: a stand-in for a launcher that isolates nothing.
#pragma once

#include "launcher.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QProcess>

namespace redpak::gui::test {

class FakeLauncher : public Launcher {
    Q_OBJECT
public:
    using Launcher::Launcher;

    void start(quint64 id, const LaunchRequest& request) override { starts.append({id, request}); }
    void stop(quint64 id) override { stops.append(id); }
    bool acceptsInput() const override { return true; }
    bool sendInput(quint64 id, const QString& text) override {
        inputs[id] += text;
        return true;
    }
    void dryRun(const LaunchRequest& request, QObject* context,
                std::function<void(const DryRunResult&)> done) override {
        dryRuns.append(request);
        QMetaObject::invokeMethod(
            context,
            [done, request] {
                done(DryRunResult{true,
                                  {QStringLiteral("/usr/bin/bwrap (as redwrap)"),
                                   QStringLiteral("--ro-bind /usr /usr"),
                                   QStringLiteral("--chdir ") + request.nodeDir},
                                  {}});
            },
            Qt::QueuedConnection);
    }

    qint64 processId(quint64 id) const override { return pids.value(id); }
    bool capturesFromThisProcess() const override { return captures; }
    bool keepsRunningWithoutClient() const override { return keepsRunning; }
    void capture(const LaunchRequest& request, QObject* context,
                 std::function<void(const CaptureResult&)> done) override {
        captureRequests.append(request);
        auto* process = new QProcess(this);
        QPointer<QObject> guard(context);
        connect(process, &QProcess::finished, this, [process, guard, done](int exitCode) {
            process->deleteLater();
            if (guard) {
                done(CaptureResult{exitCode == 0, process->readAllStandardOutput(),
                                   QString::fromLocal8Bit(process->readAllStandardError())});
            }
        });
        process->start(captureProgram, request.command.mid(1));
    }

    // Script of the process's life, for the test to call.
    Q_INVOKABLE void playStarted(quint64 id) { Q_EMIT started(id); }
    Q_INVOKABLE void playOutput(quint64 id, const QString& text) {
        Q_EMIT outputReceived(id, text);
    }
    Q_INVOKABLE void playErrorOutput(quint64 id, const QString& text) {
        Q_EMIT errorOutputReceived(id, text);
    }
    Q_INVOKABLE void playFinished(quint64 id, int status) { Q_EMIT finished(id, status); }
    Q_INVOKABLE void playFailedToStart(quint64 id, const QString& error) {
        Q_EMIT failedToStart(id, error);
    }
    Q_INVOKABLE quint64 lastId() const { return starts.isEmpty() ? 0 : starts.last().first; }
    Q_INVOKABLE int startCount() const { return static_cast<int>(starts.size()); }
    Q_INVOKABLE void setCaptureProgram(const QString& program) { captureProgram = program; }
    Q_INVOKABLE void setCaptures(bool capturing) { captures = capturing; }
    Q_INVOKABLE void setKeepsRunning(bool keeps) { keepsRunning = keeps; }
    Q_INVOKABLE QString lastCaptureCommand() const {
        return captureRequests.isEmpty() ? QString()
                                         : captureRequests.last().command.join(QLatin1Char(' '));
    }
    Q_INVOKABLE QString lastCommand() const {
        return starts.isEmpty() ? QString() : starts.last().second.command.join(QLatin1Char(' '));
    }

    Q_INVOKABLE QString lastApplication() const {
        return starts.isEmpty() ? QString() : starts.last().second.application;
    }

    QList<QPair<quint64, LaunchRequest>> starts;
    QList<quint64> stops;
    QHash<quint64, QString> inputs;
    QList<LaunchRequest> dryRuns;
    QList<LaunchRequest> captureRequests;
    QHash<quint64, qint64> pids;
    QString captureProgram;
    bool captures = true;
    bool keepsRunning = false; // launches outlive the program, as the helper's do
};

} // namespace redpak::gui::test
