// SPDX-License-Identifier: Apache-2.0
#include "launchstats.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <algorithm>
#include <functional>

namespace redpak::gui {

namespace {

// Files of /proc and cgroupfs are small; a bound keeps a strange one from costing much.
constexpr qint64 kMaxFileBytes = 64 * 1024;
// A launch with more processes than this shows its first ones.
constexpr qsizetype kMaxProcesses = 4096;

QByteArray readSmallFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(kMaxFileBytes) : QByteArray();
}

std::optional<quint64> number(const QByteArray& text) {
    bool ok = false;
    const quint64 value = text.trimmed().toULongLong(&ok);
    return ok ? std::optional(value) : std::nullopt;
}

// "usage_usec 1234" of cpu.stat.
std::optional<quint64> usageUsec(const QByteArray& cpuStat) {
    for (const QByteArray& line : cpuStat.split('\n')) {
        if (line.startsWith("usage_usec ")) {
            return number(line.mid(11));
        }
    }
    return std::nullopt;
}

// The parent pid of /proc/PID/stat: the field after the state, which follows the last ')'
// (the command name between parentheses may hold spaces and parentheses).
std::optional<qint64> parentOf(const QByteArray& stat) {
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0) {
        return std::nullopt;
    }
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    bool ok = false;
    const qint64 parent = fields.size() > 1 ? fields.at(1).toLongLong(&ok) : 0;
    return ok ? std::optional(parent) : std::nullopt;
}

} // namespace

LaunchStatsReader::LaunchStatsReader(QString procRoot, QString cgroupRoot)
    : m_procRoot(std::move(procRoot)), m_cgroupRoot(std::move(cgroupRoot)) {}

QString LaunchStatsReader::cgroupOf(qint64 pid) const {
    const QByteArray text = readSmallFile(m_procRoot + QStringLiteral("/%1/cgroup").arg(pid));
    for (const QByteArray& line : text.split('\n')) {
        if (line.startsWith("0::")) {
            return QString::fromUtf8(line.mid(3));
        }
    }
    return {};
}

std::optional<CgroupUsage> LaunchStatsReader::cgroupUsage(qint64 pid,
                                                          const QString& launcherCgroup) const {
    const QString path = cgroupOf(pid);
    // A relative or dotted path would leave the cgroup root: not a cgroup v2 path.
    if (path.isEmpty() || path == launcherCgroup || !path.startsWith(QLatin1Char('/')) ||
        path.split(QLatin1Char('/')).contains(QStringLiteral(".."))) {
        return std::nullopt;
    }
    const QString dir = m_cgroupRoot + path;
    return CgroupUsage{path, usageUsec(readSmallFile(dir + QStringLiteral("/cpu.stat"))),
                       number(readSmallFile(dir + QStringLiteral("/memory.current"))),
                       number(readSmallFile(dir + QStringLiteral("/pids.current")))};
}

QList<LaunchProcess> LaunchStatsReader::processTree(qint64 pid) const {
    QMap<qint64, QList<qint64>> children; // ordered by parent, children in pid order
    const QStringList entries = QDir(m_procRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    bool found = false;
    for (const QString& entry : entries) {
        bool isPid = false;
        const qint64 child = entry.toLongLong(&isPid);
        if (!isPid) {
            continue;
        }
        found = found || child == pid;
        if (const auto parent =
                parentOf(readSmallFile(m_procRoot + QLatin1Char('/') + entry + "/stat"))) {
            children[*parent].append(child);
        }
    }
    QList<LaunchProcess> tree;
    if (!found) {
        return tree;
    }
    QList<std::pair<qint64, int>> pending{{pid, 0}};
    while (!pending.isEmpty() && tree.size() < kMaxProcesses) {
        const auto [current, depth] = pending.takeLast();
        const QString dir = m_procRoot + QStringLiteral("/%1").arg(current);
        QByteArray command = readSmallFile(dir + QStringLiteral("/cmdline"));
        command.replace('\0', ' ');
        tree.append({current, depth,
                     command.trimmed().isEmpty()
                         ? QLatin1Char('[') +
                               QString::fromUtf8(readSmallFile(dir + "/comm").trimmed()) +
                               QLatin1Char(']')
                         : QString::fromUtf8(command.trimmed())});
        QList<qint64> below = children.value(current);
        std::sort(below.begin(), below.end(), std::greater<>());
        for (const qint64 child : below) {
            pending.append({child, depth + 1});
        }
    }
    return tree;
}

} // namespace redpak::gui
