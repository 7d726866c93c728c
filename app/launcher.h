// SPDX-License-Identifier: Apache-2.0
// Runs commands in rednodes. LocalLauncher starts `redwrap` as the user; HelperLauncher asks
// the privileged helper (system nodes). LaunchModel only knows this interface, so tests use a
// fake. Ids are chosen by the caller and unique per launcher.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>

namespace redpak::gui {

struct LaunchRequest {
    QString nodeDir;
    QStringList command; // empty: the node's default (a shell)
    bool admin = false;  // merge the admin configs too
    // The ID of the node's application to run instead of `command` (redwrap --app).
    QString application;
};

struct DryRunResult {
    bool ok = false;
    QStringList bwrapArguments; // one option with its values per entry, as redwrap prints them
    QString error;              // English message from redwrap when !ok
};

struct CaptureResult {
    bool ok = false; // the command ran and exited 0
    QByteArray standardOutput;
    QString error; // English: redwrap's messages or why it could not run
};

class Launcher : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start(quint64 id, const LaunchRequest& request) = 0;
    virtual void stop(quint64 id) = 0;
    // Whether launches get a standard input the GUI can write to.
    virtual bool acceptsInput() const = 0;
    // Text for the process's standard input; false when it has none or has ended.
    virtual bool sendInput(quint64 id, const QString& text) = 0;
    // The exact bwrap call the launch would make, computed without running anything.
    virtual void dryRun(const LaunchRequest& request, QObject* context,
                        std::function<void(const DryRunResult&)> done) = 0;
    // The pid of the launch's process (redwrap, then bwrap), 0 when it is not known here.
    virtual qint64 processId(quint64 id) const {
        Q_UNUSED(id);
        return 0;
    }
    // Whether launches go on when this program exits: local ones are its children and are
    // stopped with it, the helper's are the helper's children.
    virtual bool keepsRunningWithoutClient() const { return false; }
    // Whether capture() launches from this process, so that what the node gets can be compared
    // with this process's identity, capabilities and namespaces (Verify). The helper's launches
    // start from the helper, which does not report its own.
    virtual bool capturesFromThisProcess() const { return false; }
    // Runs the command in the node like start() and hands its standard output back at the end
    // (queued, never from inside the call). A launcher that cannot capture reports a failure.
    virtual void capture(const LaunchRequest& request, QObject* context,
                         std::function<void(const CaptureResult&)> done);

Q_SIGNALS:
    void started(quint64 id);
    void outputReceived(quint64 id, const QString& text);
    // What the process wrote on its error output, for launchers that read it apart (shown
    // with the output; its last lines say why a launch failed).
    void errorOutputReceived(quint64 id, const QString& text);
    // `status`: exit code, or 128 + signal number.
    void finished(quint64 id, int status);
    void failedToStart(quint64 id, const QString& error);
};

// Parses `redwrap --dump-only` output (spec merge-and-launch §4): the "DUMP:" line, then one
// option per line indented by two spaces.
DryRunResult parseDump(const QString& standardOutput, const QString& standardError, int exitCode);

} // namespace redpak::gui
