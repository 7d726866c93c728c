// SPDX-License-Identifier: Apache-2.0
// Launcher for system nodes: the helper starts the command (LaunchWithOutput) and writes its
// output into a pipe we created; LaunchExited reports the status. The dry run uses the local
// redwrap in dump mode, which launches nothing and needs no privilege.
#pragma once

#include "launcher.h"

#include <QHash>
#include <QStringDecoder>
#include <memory>

class QSocketNotifier;

namespace redpak::gui {

class LocalLauncher;

class HelperLauncher final : public Launcher {
    Q_OBJECT
public:
    explicit HelperLauncher(QObject* parent = nullptr);
    ~HelperLauncher() override;

    void start(quint64 id, const LaunchRequest& request) override;
    void stop(quint64 id) override;
    bool acceptsInput() const override { return false; }
    bool keepsRunningWithoutClient() const override { return true; }
    bool sendInput(quint64 id, const QString& text) override;
    void dryRun(const LaunchRequest& request, QObject* context,
                std::function<void(const DryRunResult&)> done) override;

private:
    struct Running {
        quint64 helperId = 0;
        int readFd = -1; // non-blocking
        QSocketNotifier* notifier = nullptr;
        // Stateful: a read may end in the middle of a multi-byte character.
        std::shared_ptr<QStringDecoder> decoder;
    };
    // Emits everything the pipe holds now (the notifier fires, or the launch has exited).
    void readOutput(quint64 id);
    void closeOutput(Running& running);

    LocalLauncher* m_dumper;
    QHash<quint64, Running> m_running; // by our id
};

} // namespace redpak::gui
