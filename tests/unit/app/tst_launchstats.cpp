// SPDX-License-Identifier: Apache-2.0
// What a running launch uses, on a fake /proc and a fake cgroup v2 tree: the process tree of a
// launch (descendants by parent pid, commands from cmdline or comm), the usage of its cgroup
// when it has one of its own, and how the launch list shows both.
#include "fakelauncher.h"
#include "launchmodel.h"
#include "launchstats.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace redpak::gui;

namespace {

struct FakeProcess {
    qint64 pid;
    qint64 parent;
    const char* comm;
    QByteArray cmdline; // NUL-separated
    const char* cgroup;
};

// 100 redwrap -> 101 bwrap -> {102 sh -> 105 "a) b", 103 kernel-like (no cmdline)}; 200 apart.
const FakeProcess kProcesses[] = {
    {100, 1, "redwrap", QByteArray("redwrap\0--redpath\0/n\0", 21), "0::/redpak/apps\n"},
    {101, 100, "bwrap", QByteArray("bwrap\0--unshare-net\0", 20), "0::/redpak/apps\n"},
    {102, 101, "sh", QByteArray("/bin/sh\0-i\0", 11), "0::/redpak/apps\n"},
    {103, 101, "worker", QByteArray(), "0::/redpak/apps\n"},
    {105, 102, "a) b",
     QByteArray("sleep\0"
                "9\0",
                8),
     "0::/redpak/apps\n"},
    {200, 1, "gui", QByteArray("redpak-manager\0", 15), "0::/user.slice/gui\n"},
    {300, 1, "escape", QByteArray("x\0", 2), "0::/../../etc\n"},
};

bool write(const QString& path, const QByteArray& content) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// A /proc and a cgroup root with kProcesses and the cgroup /redpak/apps.
struct FakeSystem {
    QTemporaryDir dir;
    QString proc() const { return dir.filePath("proc"); }
    QString cgroup() const { return dir.filePath("cgroup"); }
    FakeSystem() {
        for (const FakeProcess& p : kProcesses) {
            const QString base = proc() + "/" + QString::number(p.pid);
            write(base + "/stat", QByteArray::number(p.pid) + " (" + p.comm + ") S " +
                                      QByteArray::number(p.parent) + " 1 1 0 -1 4194560\n");
            write(base + "/comm", QByteArray(p.comm) + "\n");
            write(base + "/cmdline", p.cmdline);
            write(base + "/cgroup", p.cgroup);
        }
        QDir().mkpath(proc() + "/self"); // not a pid: ignored
        write(cgroup() + "/redpak/apps/cpu.stat", "usage_usec 2500000\nuser_usec 2000000\n");
        write(cgroup() + "/redpak/apps/memory.current", "1048576\n");
        write(cgroup() + "/redpak/apps/pids.current", "5\n");
    }
};

QStringList describe(const QList<LaunchProcess>& tree) {
    QStringList out;
    for (const LaunchProcess& p : tree) {
        out << QStringLiteral("%1:%2:%3").arg(p.pid).arg(p.depth).arg(p.command);
    }
    return out;
}

} // namespace

class TestLaunchStats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // launches remember their command in settings
    }

    void processTree_data() {
        QTest::addColumn<qint64>("pid");
        QTest::addColumn<QStringList>("tree");
        QTest::newRow("launch with descendants")
            << qint64(100)
            << QStringList{"100:0:redwrap --redpath /n", "101:1:bwrap --unshare-net",
                           "102:2:/bin/sh -i", "105:3:sleep 9", "103:2:[worker]"};
        QTest::newRow("a leaf") << qint64(105) << QStringList{"105:0:sleep 9"};
        QTest::newRow("gone") << qint64(999) << QStringList{};
    }

    void processTree() {
        QFETCH(qint64, pid);
        QFETCH(QStringList, tree);
        const FakeSystem system;
        const LaunchStatsReader reader(system.proc(), system.cgroup());
        QCOMPARE(describe(reader.processTree(pid)), tree);
    }

    void cgroupUsage_data() {
        QTest::addColumn<qint64>("pid");
        QTest::addColumn<QString>("launcherCgroup");
        QTest::addColumn<QString>("usage"); // "path cpu memory processes", "" for none
        QTest::newRow("cgroup of its own") << qint64(102) << "/user.slice/gui"
                                           << "/redpak/apps 2500000 1048576 5";
        QTest::newRow("the launcher's cgroup") << qint64(200) << "/user.slice/gui"
                                               << "";
        QTest::newRow("same cgroup as the launcher") << qint64(100) << "/redpak/apps"
                                                     << "";
        QTest::newRow("no such process") << qint64(999) << "/user.slice/gui"
                                         << "";
        QTest::newRow("path leaving the root") << qint64(300) << "/user.slice/gui"
                                               << "";
    }

    void cgroupUsage() {
        QFETCH(qint64, pid);
        QFETCH(QString, launcherCgroup);
        QFETCH(QString, usage);
        const FakeSystem system;
        const LaunchStatsReader reader(system.proc(), system.cgroup());
        const std::optional<CgroupUsage> seen = reader.cgroupUsage(pid, launcherCgroup);
        const auto text = [](const std::optional<quint64>& v) {
            return v ? QString::number(*v) : QStringLiteral("-");
        };
        const QString seenText = seen ? QStringList{seen->path, text(seen->cpuUsec),
                                                    text(seen->memoryBytes), text(seen->processes)}
                                            .join(' ')
                                      : QString();
        QCOMPARE(seenText, usage);
    }

    void cgroupWithoutControllers() {
        const FakeSystem system;
        QFile::remove(system.cgroup() + "/redpak/apps/memory.current");
        write(system.cgroup() + "/redpak/apps/cpu.stat", "user_usec 3\n");
        const std::optional<CgroupUsage> seen =
            LaunchStatsReader(system.proc(), system.cgroup()).cgroupUsage(102, "/gui");
        QVERIFY(seen);
        QVERIFY(!seen->cpuUsec);
        QVERIFY(!seen->memoryBytes);
        QCOMPARE(seen->processes, std::optional<quint64>(5));
    }

    void launchListShowsUsage_data() {
        QTest::addColumn<qint64>("pid");
        QTest::addColumn<bool>("hasCgroup");
        QTest::addColumn<qint64>("processCount");
        QTest::addColumn<int>("treeSize");
        QTest::addColumn<QString>("usageText");
        QTest::newRow("in the node's cgroup")
            << qint64(100) << true << qint64(5) << 5 << "CPU 2.5 s, memory 1.00 MiB, 5 process(es)";
        QTest::newRow("in the launcher's cgroup")
            << qint64(200) << false << qint64(1) << 1 << "1 process(es), no cgroup of its own";
        QTest::newRow("pid unknown") << qint64(0) << false << qint64(0) << 0 << "";
    }

    void launchListShowsUsage() {
        QFETCH(qint64, pid);
        QFETCH(bool, hasCgroup);
        QFETCH(qint64, processCount);
        QFETCH(int, treeSize);
        QFETCH(QString, usageText);
        const FakeSystem system;
        // This process runs in the cgroup of the fake's GUI (pid 200).
        write(system.proc() + "/" + QString::number(QCoreApplication::applicationPid()) + "/cgroup",
              "0::/user.slice/gui\n");
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        model.setStatsReader(LaunchStatsReader(system.proc(), system.cgroup()));
        model.launch("/r/node", "sh", false);
        launcher.pids.insert(launcher.lastId(), pid);
        launcher.playStarted(launcher.lastId());
        model.refreshStats();
        const QModelIndex row = model.index(0);
        QCOMPARE(row.data(LaunchModel::HasCgroupRole).toBool(), hasCgroup);
        QCOMPARE(row.data(LaunchModel::ProcessCountRole).toLongLong(), processCount);
        QCOMPARE(row.data(LaunchModel::ProcessesRole).toList().size(), treeSize);
        QCOMPARE(row.data(LaunchModel::UsageTextRole).toString(), usageText);
        QCOMPARE(row.data(LaunchModel::CpuPercentRole).toDouble(), -1.0);
    }

    // The second reading gives the CPU share since the first; finished launches are not read.
    void cpuShareBetweenReadings() {
        const FakeSystem system;
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        model.setStatsReader(LaunchStatsReader(system.proc(), system.cgroup()));
        model.launch("/r/node", "sh", false);
        launcher.pids.insert(launcher.lastId(), 100);
        launcher.playStarted(launcher.lastId());
        model.refreshStats();
        QTest::qWait(50);
        write(system.cgroup() + "/redpak/apps/cpu.stat", "usage_usec 99000000\n");
        model.refreshStats();
        QVERIFY(model.index(0).data(LaunchModel::CpuPercentRole).toDouble() > 0);
        launcher.playFinished(launcher.lastId(), 0);
        write(system.cgroup() + "/redpak/apps/pids.current", "9\n");
        model.refreshStats();
        QCOMPARE(model.index(0).data(LaunchModel::ProcessCountRole).toLongLong(), qint64(5));
    }

    void readsOnlyWhileShownAndRunning() {
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        model.setStatsActive(true);
        QVERIFY(!model.isReadingStats()); // nothing runs
        model.launch("/r/node", "sh", false);
        launcher.playStarted(launcher.lastId());
        QVERIFY(model.isReadingStats());
        model.setStatsActive(false);
        QVERIFY(!model.isReadingStats());
        model.setStatsActive(true);
        launcher.playFinished(launcher.lastId(), 0);
        QVERIFY(!model.isReadingStats());
    }
};

QTEST_GUILESS_MAIN(TestLaunchStats)
#include "tst_launchstats.moc"
