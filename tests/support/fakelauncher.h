// SPDX-License-Identifier: Apache-2.0
// Launcher for tests: records requests and lets the test play the process's life
// (started, output, finished) through the same signals as the real launchers.
#pragma once

#include "launcher.h"

#include <QHash>
#include <QList>

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

    // Script of the process's life, for the test to call.
    Q_INVOKABLE void playStarted(quint64 id) { Q_EMIT started(id); }
    Q_INVOKABLE void playOutput(quint64 id, const QString& text) {
        Q_EMIT outputReceived(id, text);
    }
    Q_INVOKABLE void playFinished(quint64 id, int status) { Q_EMIT finished(id, status); }
    Q_INVOKABLE quint64 lastId() const { return starts.isEmpty() ? 0 : starts.last().first; }
    Q_INVOKABLE int startCount() const { return static_cast<int>(starts.size()); }
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
};

} // namespace redpak::gui::test
