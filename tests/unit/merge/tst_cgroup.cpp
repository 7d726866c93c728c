// SPDX-License-Identifier: Apache-2.0
// Node cgroups (merge-and-launch.md §2 "cgroups"): applyCgroups on a directory laid out like a
// cgroup v2 hierarchy (the kernel's files exist beforehand, as they do in cgroupfs), so that
// the nesting, the delegated controllers and the limit files can be checked without root.
#include "redpak/launch.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace redpak;

namespace {

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

bool touch(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly);
}

} // namespace

class TestCgroup : public QObject {
    Q_OBJECT

private slots:
    void nestsNodeCgroupsAndWritesLimits() {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString base = root.path() + "/redpak";
        for (const QString& dir : {base, base + "/R", base + "/R/L"}) {
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(touch(dir + "/cgroup.subtree_control"));
            QVERIFY(touch(dir + "/cgroup.procs"));
        }
        QVERIFY(touch(base + "/R/memory.max"));
        QVERIFY(touch(base + "/R/L/pids.max"));
        const std::vector<CgroupStep> steps{{"R", {{"memory.max", "1G"}}},
                                            {"R/L", {{"pids.max", "10"}}}};
        applyCgroups(steps, base.toStdString(), 4242);
        QCOMPARE(readFile(base + "/R/memory.max"), QByteArray("1G"));
        QCOMPARE(readFile(base + "/R/L/pids.max"), QByteArray("10"));
        // Each level delegates the controllers used below it, top-down.
        QCOMPARE(readFile(base + "/cgroup.subtree_control"), QByteArray("+memory +pids"));
        QCOMPARE(readFile(base + "/R/cgroup.subtree_control"), QByteArray("+memory +pids"));
        // The process goes to the leaf only.
        QCOMPARE(readFile(base + "/R/L/cgroup.procs"), QByteArray("4242"));
        QCOMPARE(readFile(base + "/R/cgroup.procs"), QByteArray());
    }

    // A limit the kernel does not offer (no such file) is an error naming the file.
    void missingControllerIsAnError() {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString base = root.path() + "/redpak";
        QVERIFY(QDir().mkpath(base));
        QVERIFY(touch(base + "/cgroup.subtree_control"));
        const std::vector<CgroupStep> steps{{"R", {{"memory.max", "1G"}}}};
        try {
            applyCgroups(steps, base.toStdString(), 1);
            QFAIL("a missing limit file must fail");
        } catch (const LaunchError& error) {
            QVERIFY2(std::string(error.what()).find("memory.max") != std::string::npos,
                     error.what());
        }
    }

    void noStepsDoNothing() {
        applyCgroups({}, "/nonexistent/cgroup/root", 1);
        QVERIFY(!QFile::exists("/nonexistent/cgroup/root"));
    }
};

QTEST_APPLESS_MAIN(TestCgroup)
#include "tst_cgroup.moc"
