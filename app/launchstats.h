// SPDX-License-Identifier: Apache-2.0
// What a running launch uses, read from /proc and cgroup v2 (both roots given, so tests use a
// fake of each): its processes (the launch's process and its descendants, from the parent pid
// of /proc/PID/stat) and, when the launch has a cgroup of its own (redwrap moved it there to
// apply the node's limits), that cgroup's CPU time, memory and process count. Reads only.
#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace redpak::gui {

struct LaunchProcess {
    qint64 pid = 0;
    int depth = 0;   // 0 for the launch's process
    QString command; // cmdline with spaces, else [comm]
};

struct CgroupUsage {
    QString path;                       // below the cgroup root: "/redpak/apps"
    std::optional<quint64> cpuUsec;     // cpu.stat usage_usec
    std::optional<quint64> memoryBytes; // memory.current
    std::optional<quint64> processes;   // pids.current
};

class LaunchStatsReader {
public:
    explicit LaunchStatsReader(QString procRoot = QStringLiteral("/proc"),
                               QString cgroupRoot = QStringLiteral("/sys/fs/cgroup"));

    // The cgroup v2 path of `pid` (the "0::" line of /proc/PID/cgroup); empty when unknown.
    QString cgroupOf(qint64 pid) const;
    // The usage of the cgroup of `pid` when it is not `launcherCgroup` (the launch's own).
    std::optional<CgroupUsage> cgroupUsage(qint64 pid, const QString& launcherCgroup) const;
    // `pid` and its descendants, depth first, children by pid; empty when `pid` is gone.
    QList<LaunchProcess> processTree(qint64 pid) const;

private:
    QString m_procRoot;
    QString m_cgroupRoot;
};

} // namespace redpak::gui
