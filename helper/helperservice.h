// SPDX-License-Identifier: Apache-2.0
// The org.redpak.Helper1 object (org.redpak.Helper1.xml; the adaptor is generated from it).
// Every method follows the same path: decode and validate the arguments (names, flags, sizes)
// without trusting anything, ask the Authority for the action of that method, then do the
// work on a worker thread and reply later (QDBusContext delayed replies), so that neither
// polkit nor the disk ever blocks the bus. The helper quits after an idle timeout when
// nothing is pending and no launch runs.
#pragma once

#include "authority.h"
#include "authorization.h"
#include "helpererror.h"
#include "helpertypes.h"
#include "journal.h"
#include "launcher.h"
#include "nodestore.h"

#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusMessage>
#include <QDBusUnixFileDescriptor>
#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <functional>
#include <optional>
#include <sys/types.h>

namespace redpak::helper {

// 2: ListApplications, WriteApplication, RemoveApplication.
inline constexpr uint kInterfaceRevision = 2;

class HelperService : public QObject, protected QDBusContext {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.redpak.Helper1")
    Q_PROPERTY(uint Version READ version)

public:
    HelperService(QDBusConnection bus, NodeStore& store, Authority& authority, Launcher& launcher,
                  QObject* parent = nullptr);
    ~HelperService() override;

    uint version() const { return kInterfaceRevision; }

public Q_SLOTS:
    QList<RedpakRoot> ListRoots();
    void CreateNode(const QString& name, const QString& templateName, uint flags);
    void CreateNodeWithConfig(const QString& name, const QString& normalConfig,
                              const QString& adminConfig, uint flags);
    void DeleteNode(const QString& name, uint flags);
    bool ReadConfig(const QString& name, uint kind, QString& content, QString& digest);
    QString WriteConfig(const QString& name, uint kind, const QString& content,
                        const QString& expectedDigest, uint flags);
    qulonglong Launch(const QString& name, const QStringList& command, uint flags);
    qulonglong LaunchWithOutput(const QString& name, const QStringList& command, uint flags,
                                const QDBusUnixFileDescriptor& output);
    QList<RedpakLaunch> ListLaunches();
    void StopLaunch(qulonglong launchId, uint flags);
    QString RecordApproval(const QString& name, const QList<RedpakFileDigest>& reviewedFiles,
                           const QString& comment, uint flags);
    QList<RedpakApplication> ListApplications(const QString& name);
    QString WriteApplication(const QString& name, const QString& id, const QString& content,
                             const QString& expectedDigest, uint flags);
    void RemoveApplication(const QString& name, const QString& id, const QString& expectedDigest,
                           uint flags);

Q_SIGNALS:
    void LaunchExited(qulonglong launchId, int status);

private:
    // Work run on the worker thread for an authorized caller: returns the reply arguments,
    // or nullopt when it arranged to reply to `call` itself; throws HelperError / InputError.
    using Work = std::function<std::optional<QVariantList>(const QDBusMessage& call, uid_t caller)>;

    // The common path of every method (see the class comment). Must be called from a
    // D-Bus method body.
    void authorizeThenRun(const AuthorizationRequest& request, Work work);
    // Same, without polkit (ListLaunches, StopLaunch act on the caller's own launches).
    void runForCaller(std::function<QDBusMessage(const QDBusMessage& call, uid_t caller)> reply);
    // A launch between its preparation and its start.
    struct LaunchRequest {
        QDBusMessage call;
        PreparedLaunch prepared;
        uid_t caller = 0;
        std::optional<AuthorizationRequest> launchAs; // when not the caller's own identity
        std::optional<QDBusUnixFileDescriptor> output;
    };
    qulonglong startLaunch(const QString& name, const QStringList& command, uint flags,
                           std::optional<QDBusUnixFileDescriptor> output);
    // Main thread, each between operationStarted() and operationFinished().
    void authorizeLaunchIdentity(const LaunchRequest& request);
    void journalThenStart(const LaunchRequest& request);
    void startJournaled(const LaunchRequest& request);
    // Appends on the worker thread; a failure is only reported on stderr.
    void journalLater(const JournalEntry& entry);
    // Answers the current call with the error (argument checks before authorization).
    void rejectCall(const HelperError& error);
    void operationStarted();
    void operationFinished();
    void quitIfIdle();

    QDBusConnection m_bus;
    NodeStore& m_store;
    Authority& m_authority;
    Launcher& m_launcher;
    // One worker: node operations run one at a time, so "check digest, then replace" is
    // never interleaved with another write.
    QThreadPool m_worker;
    QTimer m_idleTimer;
    int m_pending = 0;
};

} // namespace redpak::helper
