// SPDX-License-Identifier: Apache-2.0
// Node cgroups (merge-and-launch.md §2 "cgroups"): applyCgroups on a directory laid out like a
// cgroup v2 hierarchy (the kernel's files exist beforehand, as they do in cgroupfs), so that
// the nesting, the delegated controllers and the limit files can be checked without root.
#include "redpak/launch/launch.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/xattr.h>

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

// What a launch records on a cgroup it creates: the node it belongs to.
bool markAsNode(const QString& dir, const std::string& node) {
    return setxattr(dir.toLocal8Bit().constData(), kCgroupNodeAttribute, node.data(), node.size(),
                    0) == 0;
}

std::string recordedNode(const QString& dir) {
    char value[4096];
    const ssize_t n =
        getxattr(dir.toLocal8Bit().constData(), kCgroupNodeAttribute, value, sizeof value);
    return n < 0 ? std::string("<none>") : std::string(value, static_cast<std::size_t>(n));
}

// A cgroup as a previous launch of `node` left it, with the kernel's files.
bool existingCgroup(const QString& dir, const std::optional<std::string>& node) {
    return QDir().mkpath(dir) && touch(dir + "/cgroup.subtree_control") &&
           touch(dir + "/cgroup.procs") && touch(dir + "/pids.max") &&
           (!node || markAsNode(dir, *node));
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
        QVERIFY(markAsNode(base + "/R", "/n/r"));
        QVERIFY(markAsNode(base + "/R/L", "/n/r/l"));
        const std::vector<CgroupStep> steps{{"R", {{"memory.max", "1G"}}, "/n/r"},
                                            {"R/L", {{"pids.max", "10"}}, "/n/r/l"}};
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

    // A cgroup the launch creates records its node. (A plain directory has none of the kernel's
    // files, so moving the process into it fails afterwards, naming cgroup.procs.)
    void newCgroupRecordsItsNode() {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString base = root.path() + "/redpak";
        QVERIFY(existingCgroup(base, std::nullopt));
        QVERIFY_THROWS_EXCEPTION(
            LaunchError, applyCgroups({{"R-6588117f7b51", {}, "/r"}}, base.toStdString(), 7));
        QCOMPARE(recordedNode(base + "/R-6588117f7b51"), std::string("/r"));
    }

    // Issue 13 item 16: a cgroup that exists for another node (same name: by alias only, two
    // unrelated families shared one) or for no known node is refused before anything is
    // written to it, so that a launch never rewrites someone else's limits.
    void foreignCgroupIsRefused_data() {
        QTest::addColumn<QString>("recorded");
        QTest::addColumn<QString>("expected");
        QTest::newRow("another node") << "/other/r"
                                      << "belongs to the rednode /other/r";
        QTest::newRow("no node recorded") << QString() << "was not created for a rednode";
    }

    void foreignCgroupIsRefused() {
        QFETCH(QString, recorded);
        QFETCH(QString, expected);
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString base = root.path() + "/redpak";
        QVERIFY(existingCgroup(base, std::nullopt));
        const std::optional<std::string> owner =
            recorded.isEmpty() ? std::nullopt : std::optional(recorded.toStdString());
        QVERIFY(existingCgroup(base + "/R-6588117f7b51", owner));
        try {
            applyCgroups({{"R-6588117f7b51", {{"pids.max", "10"}}, "/r"}}, base.toStdString(), 99);
            QFAIL("a cgroup of another node must be refused");
        } catch (const LaunchError& error) {
            QVERIFY2(std::string(error.what()).find(expected.toStdString()) != std::string::npos,
                     error.what());
        }
        QCOMPARE(readFile(base + "/R-6588117f7b51/pids.max"), QByteArray());
        QCOMPARE(readFile(base + "/R-6588117f7b51/cgroup.procs"), QByteArray());
    }

    // The same node again: its own cgroup is reused and the limits written.
    void ownCgroupIsReused() {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString base = root.path() + "/redpak";
        QVERIFY(existingCgroup(base, std::nullopt));
        QVERIFY(existingCgroup(base + "/R-6588117f7b51", std::string("/r")));
        applyCgroups({{"R-6588117f7b51", {{"pids.max", "10"}}, "/r"}}, base.toStdString(), 99);
        QCOMPARE(readFile(base + "/R-6588117f7b51/pids.max"), QByteArray("10"));
        QCOMPARE(readFile(base + "/R-6588117f7b51/cgroup.procs"), QByteArray("99"));
        QCOMPARE(recordedNode(base + "/R-6588117f7b51"), std::string("/r"));
    }

    // Issue 13: `cgrouproot` was not checked before directories were created. It must resolve
    // to a directory strictly below the cgroup v2 mount point, component by component.
    void cgroupRootMustLieBelowTheHierarchy_data() {
        QTest::addColumn<QString>("root"); // relative to the temporary directory, or absolute
        QTest::addColumn<bool>("accepted");
        QTest::newRow("below") << "cg/redpak" << true;
        QTest::newRow("deeper, existing") << "cg/sub" << true;
        QTest::newRow("the mount point itself") << "cg" << false;
        QTest::newRow("outside") << "elsewhere" << false;
        QTest::newRow("sibling with the same prefix") << "cgroup2/redpak" << false;
        QTest::newRow("dot-dot out of it") << "cg/../elsewhere" << false;
        QTest::newRow("dot-dot staying in it") << "cg/sub/../redpak" << false;
        QTest::newRow("symlink below it pointing outside") << "cg/link/redpak" << false;
        QTest::newRow("symlink below it, last component") << "cg/link" << false;
        QTest::newRow("parent missing") << "cg/missing/redpak" << false;
        QTest::newRow("relative") << "relative/redpak" << false;
    }

    void cgroupRootMustLieBelowTheHierarchy() {
        QFETCH(QString, root);
        QFETCH(bool, accepted);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString mount = tmp.path() + "/cg";
        QVERIFY(QDir().mkpath(mount + "/sub"));
        QVERIFY(QDir().mkpath(tmp.path() + "/elsewhere"));
        QVERIFY(QFile::link(tmp.path() + "/elsewhere", mount + "/link"));
        const QString path = root.startsWith("relative") ? root : tmp.path() + "/" + root;
        try {
            const std::string real = checkCgroupRoot(path.toStdString(), mount.toStdString());
            QVERIFY2(accepted, real.c_str());
            QVERIFY(isSameOrBelow(real, mount.toStdString()));
        } catch (const LaunchError& error) {
            QVERIFY2(!accepted, error.what());
            QVERIFY2(std::string(error.what()).find("below the cgroup v2 hierarchy") !=
                             std::string::npos ||
                         std::string(error.what()).find("cannot resolve") != std::string::npos,
                     error.what());
        }
        // Checking creates nothing.
        QVERIFY(!QFile::exists(tmp.path() + "/elsewhere/redpak"));
        QVERIFY(!QFile::exists(tmp.path() + "/cg/redpak"));
    }

    void noStepsDoNothing() {
        applyCgroups({}, "/nonexistent/cgroup/root", 1);
        QVERIFY(!QFile::exists("/nonexistent/cgroup/root"));
    }
};

QTEST_APPLESS_MAIN(TestCgroup)
#include "tst_cgroup.moc"
