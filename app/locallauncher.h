// SPDX-License-Identifier: Apache-2.0
// Launcher that runs `redwrap` as the current user with QProcess; output and error output are
// streamed apart (errorOutputReceived), stdin stays open so a shell can be driven from the
// output panel.
#pragma once

#include "launcher.h"

#include <QHash>

class QProcess;

namespace redpak::gui {

class LocalLauncher final : public Launcher {
    Q_OBJECT
public:
    // `redwrapPath`: the redwrap executable (see locateRedwrap()).
    explicit LocalLauncher(QString redwrapPath, QObject* parent = nullptr);
    ~LocalLauncher() override;

    void start(quint64 id, const LaunchRequest& request) override;
    void stop(quint64 id) override;
    bool acceptsInput() const override { return true; }
    bool sendInput(quint64 id, const QString& text) override;
    void dryRun(const LaunchRequest& request, QObject* context,
                std::function<void(const DryRunResult&)> done) override;
    qint64 processId(quint64 id) const override;
    bool capturesFromThisProcess() const override { return true; }
    void capture(const LaunchRequest& request, QObject* context,
                 std::function<void(const CaptureResult&)> done) override;

    // redwrap next to this program (build/bin, /usr/bin), else the one in PATH.
    static QString locateRedwrap();

private:
    QStringList redwrapArguments(const LaunchRequest& request, bool dumpOnly) const;
    // How a redwrap run to its end went; `startError` set when it could not be started.
    struct Ended {
        int exitCode = -1; // -1 when it crashed
        QByteArray standardOutput;
        QString standardError;
        QString startError;
    };
    // Runs redwrap with `arguments` and calls `done` once it ended, unless `context` is gone.
    void runToEnd(const QStringList& arguments, QObject* context,
                  std::function<void(const Ended&)> done);

    QString m_redwrapPath;
    QHash<quint64, QProcess*> m_processes;
};

} // namespace redpak::gui
