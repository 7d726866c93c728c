// SPDX-License-Identifier: Apache-2.0
// `cgrouproot` of a real launch (issue 13: it was not checked before directories were
// created): a root outside the cgroup v2 hierarchy is refused before anything is created.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

bool writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestCgroupLaunch : public QObject {
    Q_OBJECT

private slots:
    void cgroupRootOutsideTheHierarchyIsRefused_data() {
        QTest::addColumn<QString>("root"); // @TMP@: a temporary directory
        QTest::newRow("outside") << "@TMP@/outside";
        QTest::newRow("dot-dot out of the hierarchy") << "/sys/fs/cgroup/../../@TMP@/dotdot";
        QTest::newRow("through a symlink") << "@TMP@/link/redpak";
    }

    void cgroupRootOutsideTheHierarchyIsRefused() {
        QFETCH(QString, root);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QVERIFY(QDir().mkpath(tmp.path() + "/target"));
        QVERIFY(QFile::link(tmp.path() + "/target", tmp.path() + "/link"));
        root.replace("/../../@TMP@", "/../.." + tmp.path()).replace("@TMP@", tmp.path());
        const QString node = tmp.path() + "/node";
        QVERIFY(QDir().mkpath(node + "/etc"));
        QVERIFY(writeFile(node + "/.rednode.yaml", "state: Enable\n"));
        QVERIFY(writeFile(node + "/etc/redpak.yaml",
                          "headers:\n  alias: cg\nconfig:\n  cgrouproot: '" + root.toUtf8() +
                              "'\n  cgroups:\n    pids:\n      max: '10'\n"));
        QProcess redwrap;
        redwrap.start(REDPAK_BIN_DIR "/redwrap", {"--redpath", node, "--", "/bin/true"});
        QVERIFY(redwrap.waitForFinished(30000));
        const QString err = QString::fromUtf8(redwrap.readAllStandardError());
        QCOMPARE(redwrap.exitStatus(), QProcess::NormalExit);
        QVERIFY2(redwrap.exitCode() != 0, qPrintable(err));
        QVERIFY2(err.contains("below the cgroup v2 hierarchy"), qPrintable(err));
        // Nothing was created on the way.
        QVERIFY(!QFile::exists(tmp.path() + "/outside"));
        QVERIFY(!QFile::exists(tmp.path() + "/dotdot"));
        QVERIFY(!QFile::exists(tmp.path() + "/target/redpak"));
    }
};

QTEST_GUILESS_MAIN(TestCgroupLaunch)
#include "tst_cgroup_launch.moc"
