// SPDX-License-Identifier: Apache-2.0
// Launches of nodes on behalf of callers. prepare() runs on the worker thread and refuses what
// must not be launched (untrusted family files, merge errors, commands, an identity not set
// aside for nodes, Internal sources the node's identity cannot read, missing sources) with a
// HelperError; start() runs on the main thread and starts redpak-helper-launch, which becomes
// bwrap. Each launch has an id, is listed with the uid that
// started it, can be stopped, and its end is signalled.
#pragma once

#include "nodeidentity.h"
#include "nodestore.h"

#include <QHash>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <atomic>
#include <optional>
#include <sys/types.h>

namespace redpak::helper {

inline constexpr int kMaxCommandArguments = 256;
inline constexpr int kMaxArgumentBytes = 4096;

struct PreparedLaunch {
    qulonglong id = 0; // given at prepare time, so that the journal names it before start
    NodeName node;
    std::filesystem::path nodeDir;
    bool admin = false;
    QStringList command;
    NodeIdentity identity; // checked by NodeIdentityPolicy; the launch runs as nothing else
};

struct LaunchInfo {
    qulonglong id = 0;
    QString node;
    QStringList command;
    qint64 startedMs = 0;
    uid_t uid = 0; // the caller who started it
    NodeIdentity identity;
    bool admin = false;
};

class Launcher : public QObject {
    Q_OBJECT

public:
    // `launchProgram`: path of redpak-helper-launch; `configFile`: the helper.conf the store's
    // config was loaded from (the launch process checks the identity against it again).
    Launcher(NodeStore& store, QString launchProgram,
             QString configFile = QString::fromLatin1(kDefaultConfigFile),
             QObject* parent = nullptr);
    ~Launcher() override;

    // Throws HelperError(InvalidArgument) for an oversized command.
    static void checkCommand(const QStringList& command);

    // Worker thread. Throws HelperError.
    PreparedLaunch prepare(const NodeName& node, const QStringList& command, bool admin);

    const NodeIdentityPolicy& identities() const { return m_store.identities(); }

    // Main thread. `outputFd` (owned by the caller of start, duplicated here) receives stdout
    // and stderr; -1 discards them. Throws HelperError(Failed) when the process cannot start.
    qulonglong start(const PreparedLaunch& launch, uid_t caller, int outputFd);

    // Launches started by `caller` (all of them for root).
    QList<LaunchInfo> launchesOf(uid_t caller) const;
    // The launch stopped; nullopt when there is no such launch started by `caller` (root: any).
    std::optional<LaunchInfo> stop(qulonglong id, uid_t caller);
    bool isRunning() const { return !m_launches.isEmpty(); }

Q_SIGNALS:
    // status: exit code, or 128 + signal number.
    void exited(const redpak::helper::LaunchInfo& info, int status);

private:
    struct Running {
        LaunchInfo info;
        QProcess* process = nullptr;
    };

    NodeStore& m_store;
    QString m_launchProgram;
    QString m_configFile;
    std::atomic<qulonglong> m_nextId = 1;
    QHash<qulonglong, Running> m_launches;
};

} // namespace redpak::helper
