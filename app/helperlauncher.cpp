// SPDX-License-Identifier: Apache-2.0
#include "helperlauncher.h"

#include "applicationsmodel.h"
#include "helper1_proxy.h"
#include "helperclient.h"
#include "locallauncher.h"

#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusUnixFileDescriptor>
#include <QSocketNotifier>
#include <fcntl.h>
#include <unistd.h>

namespace redpak::gui {

HelperLauncher::HelperLauncher(QObject* parent)
    : Launcher(parent), m_dumper(new LocalLauncher(LocalLauncher::locateRedwrap(), this)) {
    connect(&HelperClient::shared(), &HelperClient::launchExited, this,
            [this](quint64 helperId, int status) {
                for (auto it = m_running.begin(); it != m_running.end(); ++it) {
                    if (it->helperId == helperId) {
                        const quint64 id = it.key();
                        // The process has exited, so all it wrote is in the pipe; the signal
                        // may be handled before the notifier fires, so read it here.
                        readOutput(id);
                        const auto done = m_running.find(id);
                        if (done != m_running.end()) {
                            closeOutput(*done);
                            m_running.erase(done);
                        }
                        Q_EMIT finished(id, status);
                        return;
                    }
                }
            });
}

HelperLauncher::~HelperLauncher() {
    for (Running& running : m_running) {
        closeOutput(running);
    }
}

void HelperLauncher::closeOutput(Running& running) {
    delete running.notifier;
    running.notifier = nullptr;
    if (running.readFd >= 0) {
        ::close(running.readFd);
        running.readFd = -1;
    }
}

void HelperLauncher::readOutput(quint64 id) {
    char buffer[4096];
    for (;;) {
        // Looked up again each time: a slot of outputReceived may start another launch.
        const auto it = m_running.find(id);
        if (it == m_running.end() || it->readFd < 0) {
            return;
        }
        const ssize_t count = ::read(it->readFd, buffer, sizeof buffer);
        if (count > 0) {
            const QString text = it->decoder->decode(QByteArrayView(buffer, count));
            if (!text.isEmpty()) {
                Q_EMIT outputReceived(id, text);
            }
            continue;
        }
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count == 0 || errno != EAGAIN) {
            it->notifier->setEnabled(false); // end of output; LaunchExited follows
        }
        return;
    }
}

void HelperLauncher::start(quint64 id, const LaunchRequest& given) {
    // The helper runs commands; the application's command is read here from the node's
    // root-owned entry, with core's parser (any command the caller may run is authorized the
    // same way by polkit, so nothing is gained by forging it).
    LaunchRequest request = given;
    if (!request.application.isEmpty()) {
        QString error;
        const std::optional<QStringList> command =
            applicationCommand(request.nodeDir, request.application, &error);
        if (!command) {
            Q_EMIT failedToStart(id, error);
            return;
        }
        request.command = *command;
    }
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        Q_EMIT failedToStart(id, QString::fromLocal8Bit(strerror(errno)));
        return;
    }
    // Only our read end is non-blocking; the command's output stays a blocking pipe.
    if (::fcntl(fds[0], F_SETFL, O_NONBLOCK) != 0) {
        const QString error = QString::fromLocal8Bit(strerror(errno));
        ::close(fds[0]);
        ::close(fds[1]);
        Q_EMIT failedToStart(id, error);
        return;
    }
    Running running;
    running.readFd = fds[0];
    running.notifier = new QSocketNotifier(fds[0], QSocketNotifier::Read, this);
    running.decoder = std::make_shared<QStringDecoder>(QStringDecoder::System);
    connect(running.notifier, &QSocketNotifier::activated, this, [this, id] { readOutput(id); });
    m_running.insert(id, running);
    // The D-Bus message carries a duplicate of the write end; ours is closed once sent.
    const QDBusUnixFileDescriptor writeEnd(fds[1]);
    ::close(fds[1]);
    const uint flags = kHelperAllowInteraction | (request.admin ? kHelperAdmin : 0u);
    HelperClient::shared().resolveName(
        request.nodeDir, this,
        [this, id, request, flags, writeEnd](const std::optional<QString>& name,
                                             const StoreResult& result) {
            if (!name) {
                if (m_running.contains(id)) {
                    closeOutput(m_running[id]);
                    m_running.remove(id);
                }
                Q_EMIT failedToStart(id, result.detail);
                return;
            }
            auto* watcher =
                new QDBusPendingCallWatcher(HelperClient::shared().proxy().LaunchWithOutput(
                                                *name, request.command, flags, writeEnd),
                                            this);
            connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, id, watcher] {
                watcher->deleteLater();
                QDBusPendingReply<qulonglong> reply = *watcher;
                auto it = m_running.find(id);
                if (it == m_running.end()) {
                    return;
                }
                if (reply.isError()) {
                    closeOutput(*it);
                    m_running.erase(it);
                    Q_EMIT failedToStart(id, reply.error().message());
                    return;
                }
                it->helperId = reply.value();
                Q_EMIT started(id);
            });
        });
}

void HelperLauncher::stop(quint64 id) {
    const auto it = m_running.constFind(id);
    if (it == m_running.constEnd() || it->helperId == 0) {
        return;
    }
    HelperClient::shared().proxy().StopLaunch(it->helperId, kHelperAllowInteraction);
}

bool HelperLauncher::sendInput(quint64, const QString&) {
    return false; // the helper gives launches /dev/null as standard input
}

void HelperLauncher::dryRun(const LaunchRequest& request, QObject* context,
                            std::function<void(const DryRunResult&)> done) {
    m_dumper->dryRun(request, context, std::move(done));
}

} // namespace redpak::gui
