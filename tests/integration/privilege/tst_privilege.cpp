// SPDX-License-Identifier: Apache-2.0
// "Privileged means root-owned" and "read once", with the real build/bin/redwrap, redconf and
// bwrap, as root and as a test user made for the run: root never launches (nor dumps) a
// family holding a file of someone else, a file others can write or a hard-linked file; lint
// by root says so; --require-audit launches exactly the approved bytes while a file or the
// --redpath symlink is flipped; a family deeper than the review limit is reported by review
// and refused by the launcher; the user still launches her own node.
#include "integration_support.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

using namespace redpak::test;

const QByteArray kHerMarker = "HER-PROGRAM-RAN";

// Writes `content` to `path` through a new inode (what an editor, or an attacker, does).
void replaceFile(const QString& path, const QByteArray& content) {
    const QString temp = path + ".new";
    if (writeFile(temp, content)) {
        ::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData());
    }
}

QByteArray nodeWithId(const QByteArray& id) {
    return "environ:\n  - key: NODE_ID\n    mode: Static\n    value: " + id +
           "\nexports:" + kBaseExports;
}

} // namespace

class TestPrivilege : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<TestUser> m_user;
    Identity m_her;
    QString m_herProgram;

    Run redwrap(const QStringList& args, std::optional<Identity> as = std::nullopt) {
        return runProgram(kBin + "/redwrap", args, as);
    }
    Run redconf(const QStringList& args) { return runProgram(kBin + "/redconf", args); }

    // Creates the rednode `dir` (as root, with redconf) with the given normal config body.
    bool createNode(const QString& dir, const QByteArray& body,
                    std::optional<Identity> as = std::nullopt) {
        const QString alias = QFileInfo(dir).fileName();
        const QString config = dir + ".input.yaml";
        if (!writeFile(config, "headers:\n  alias: " + alias.toUtf8() + "\n" + body)) {
            return false;
        }
        QFile::setPermissions(config, QFile::permissions(config) | QFile::ReadOther);
        const Run created = runProgram(kBin + "/redconf",
                                       {"create", "--alias", alias, "--config", config, dir}, as);
        if (created.exitCode != 0) {
            qWarning() << "redconf create failed:" << created.err;
            return false;
        }
        return true;
    }

    bool giveToHer(const QString& path) {
        return ::lchown(QFile::encodeName(path).constData(), m_her.uid, m_her.gid) == 0;
    }

    QString herOwnership() const {
        return "owned by " + m_user->name() + " (uid " + QString::number(m_her.uid) +
               "), not by root";
    }

private slots:
    void initTestCase() {
        if (::geteuid() != 0) {
            QSKIP("needs root: the attacks are root launching a user's files");
        }
        QVERIFY(m_dir.isValid());
        QVERIFY(::chmod(QFile::encodeName(m_dir.path()).constData(), 0755) == 0);
        const Run probe = runProgram("bwrap", {"--unshare-user", "--ro-bind", "/", "/", "true"});
        if (probe.exitCode != 0) {
            QSKIP(qPrintable("bwrap cannot create a user namespace here: " + probe.err));
        }
        m_user.emplace("rpk13-" + QString::number(::getpid()), TestUser::IfExists::Fail);
        QVERIFY2(m_user->isValid(), qPrintable(m_user->error()));
        m_her = m_user->identity();
        // Her program: whatever she wants to run as root in place of /usr/bin/true.
        m_herProgram = m_dir.path() + "/her-program";
        QVERIFY(writeFile(m_herProgram, "#!/bin/sh\necho " + kHerMarker + " as $(id -u)\n"));
        QVERIFY(::chmod(QFile::encodeName(m_herProgram).constData(), 0755) == 0);
        QVERIFY(giveToHer(m_herProgram));
    }

    void cleanupTestCase() { m_user.reset(); }

    void userFilesAreRefusedWhenPrivileged_data() {
        QTest::addColumn<QString>("given"); // what belongs to her: node, config, parent-config
        QTest::addColumn<bool>("dumpOnly");
        for (const bool dump : {false, true}) {
            const char* suffix = dump ? " (--dump-only)" : "";
            QTest::addRow("her whole node%s", suffix) << "node" << dump;
            QTest::addRow("her config in a root node%s", suffix) << "config" << dump;
            QTest::addRow("her parent config%s", suffix) << "parent-config" << dump;
        }
    }
    void userFilesAreRefusedWhenPrivileged() {
        QFETCH(QString, given);
        QFETCH(bool, dumpOnly);
        const QString parent = m_dir.path() + "/owned-" + given + (dumpOnly ? "-dump" : "-launch");
        const QString leaf = parent + "/leaf";
        const QByteArray overTrue = "  - mode: RestrictedFile\n    mount: /usr/bin/true\n"
                                    "    path: " +
                                    m_herProgram.toUtf8() + "\n";
        QVERIFY(createNode(parent, "exports:" + kBaseExports));
        QVERIFY(createNode(leaf, "exports:" + kBaseExports + overTrue));
        QString named;
        if (given == "node") {
            for (const QString& path : {leaf, leaf + "/etc", leaf + "/etc/redpak.yaml",
                                        leaf + "/etc/redpak-admin.yaml", leaf + "/.rednode.yaml"}) {
                giveToHer(path);
            }
            named = leaf;
        } else {
            named = (given == "config" ? leaf : parent) + "/etc/redpak.yaml";
            QVERIFY(giveToHer(named));
        }
        QStringList args{"--redpath", leaf};
        if (dumpOnly) {
            args << "--dump-only";
        }
        const Run run = redwrap(args + QStringList{"--", "/usr/bin/true"});
        QVERIFY2(run.exitCode != 0, qPrintable(run.out + run.err));
        QVERIFY2(!run.out.contains(kHerMarker), qPrintable(run.out));
        QVERIFY2(run.err.contains(named + ": " + herOwnership()), qPrintable(run.err));
        if (dumpOnly) {
            QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        }
    }

    // `redconf lint` by root judges the node as root would launch it.
    void lintByRootReportsHerFiles() {
        const QString node = m_dir.path() + "/linted";
        QVERIFY(createNode(node, "exports:" + kBaseExports));
        QVERIFY(giveToHer(node + "/etc/redpak.yaml"));
        const Run lint = redconf({"lint", "--redpath", node, "--fail-on", "error"});
        QCOMPARE(lint.exitCode, 1);
        QVERIFY2(lint.out.contains("error   file.owner  " + node + "/etc/redpak.yaml: owned by " +
                                   m_user->name()),
                 qPrintable(lint.out));
    }

    // Unprivileged users are not concerned: she launches her own node.
    void sheLaunchesHerOwnNode() {
        const QString home = m_dir.path() + "/her-home";
        QVERIFY(QDir().mkpath(home));
        QVERIFY(giveToHer(home));
        const QString node = home + "/mine";
        QVERIFY(createNode(node, "exports:" + kBaseExports, m_her));
        const Run run =
            redwrap({"--redpath", node, "--", "/bin/sh", "-c", "echo inside as $(id -u)"}, m_her);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("inside as "), qPrintable(run.out));
    }

    void writableRootFilesAreRefused_data() {
        QTest::addColumn<QString>("object"); // relative to the node
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("dumpOnly");
        QTest::newRow("group-writable config") << "etc/redpak.yaml" << 0664 << false;
        QTest::newRow("world-writable config, dump") << "etc/redpak.yaml" << 0646 << true;
        QTest::newRow("group-writable etc") << "etc" << 0775 << false;
        QTest::newRow("world-writable status, dump") << ".rednode.yaml" << 0666 << true;
    }
    void writableRootFilesAreRefused() {
        QFETCH(QString, object);
        QFETCH(int, mode);
        QFETCH(bool, dumpOnly);
        const QString node =
            m_dir.path() + "/writable-" +
            QString(QTest::currentDataTag()).replace(QRegularExpression("\\W"), "-");
        QVERIFY(createNode(node, "exports:" + kBaseExports));
        const QString path = node + "/" + object;
        QVERIFY(::chmod(QFile::encodeName(path).constData(), static_cast<mode_t>(mode)) == 0);
        QStringList args{"--redpath", node};
        if (dumpOnly) {
            args << "--dump-only";
        }
        const Run run = redwrap(args + QStringList{"--", "/bin/true"});
        QVERIFY2(run.exitCode != 0, qPrintable(run.out));
        QVERIFY2(run.err.contains(path + ": writable by group or others"), qPrintable(run.err));
    }

    // A second name of the config in a directory the node exports.
    void hardLinkedConfigIsRefused() {
        const QString node = m_dir.path() + "/linked";
        const QString exported = m_dir.path() + "/exported";
        QVERIFY(QDir().mkpath(exported));
        QVERIFY(createNode(node, "exports:" + kBaseExports +
                                     "  - mode: Restricted\n"
                                     "    mount: /data\n    path: " +
                                     exported.toUtf8() + "\n"));
        QVERIFY(::link(QFile::encodeName(node + "/etc/redpak.yaml").constData(),
                       QFile::encodeName(exported + "/config").constData()) == 0);
        for (const bool dump : {false, true}) {
            QStringList args{"--redpath", node};
            if (dump) {
                args << "--dump-only";
            }
            const Run run = redwrap(args + QStringList{"--", "/bin/cat", "/data/config"});
            QVERIFY2(run.exitCode != 0, qPrintable(run.out));
            QVERIFY2(run.err.contains(node + "/etc/redpak.yaml: has 2 hard links"),
                     qPrintable(run.err));
        }
    }

    // The digest of --require-audit and the launch use the same bytes: with a file swapped or
    // the --redpath symlink flipped all along, no run launches the unapproved configuration.
    void requireAuditLaunchesOnlyApprovedBytes_data() {
        QTest::addColumn<bool>("flipSymlink"); // else the config file is swapped
        QTest::newRow("--redpath symlink flipped") << true;
        QTest::newRow("config file swapped") << false;
    }
    void requireAuditLaunchesOnlyApprovedBytes() {
        QFETCH(bool, flipSymlink);
        const QString base = m_dir.path() + (flipSymlink ? "/race-link" : "/race-file");
        const QString good = base + "-good";
        const QString evil = base + "-evil";
        QVERIFY(createNode(good, nodeWithId("good")));
        QVERIFY(createNode(evil, nodeWithId("evil")));
        const QString link = base + "-link";
        QVERIFY(QFile::link(good, link));
        const QString config = good + "/etc/redpak.yaml";
        const QByteArray goodText = "headers:\n  alias: good\n" + nodeWithId("good");
        const QByteArray evilText = "headers:\n  alias: good\n" + nodeWithId("evil");
        replaceFile(config, goodText);
        QCOMPARE(redconf({"audit", "approve", good}).exitCode, 0);
        std::atomic<bool> stop{false};
        std::thread flipper([&] {
            for (bool toEvil = true; !stop; toEvil = !toEvil) {
                if (flipSymlink) {
                    const QByteArray temp = QFile::encodeName(link + ".new");
                    ::symlink(QFile::encodeName(toEvil ? evil : good).constData(),
                              temp.constData());
                    ::rename(temp.constData(), QFile::encodeName(link).constData());
                } else {
                    replaceFile(config, toEvil ? evilText : goodText);
                }
            }
        });
        int launchedGood = 0;
        int launchedEvil = 0;
        for (int attempt = 0; attempt < 200; ++attempt) {
            const Run run = redwrap({"--require-audit", "--redpath", link, "--", "/bin/sh", "-c",
                                     "echo node:$NODE_ID"});
            launchedGood += run.exitCode == 0 && run.out.contains("node:good");
            launchedEvil += run.out.contains("node:evil");
        }
        stop = true;
        flipper.join();
        QCOMPARE(launchedEvil, 0);
        QVERIFY2(launchedGood > 0, "the approved node never launched: the race proves nothing");
    }

    // One limit: review reports what lies below it, the launcher refuses what review cannot see.
    void depthLimitIsReportedAndEnforced() {
        QVERIFY(QDir().mkpath(m_dir.path() + "/deep"));
        const QString top = QDir(m_dir.path() + "/deep").canonicalPath();
        QString node = top;
        for (int level = 0; level <= 33; ++level) {
            node += "/n";
            QVERIFY(QDir().mkpath(node + "/etc"));
            QVERIFY(writeFile(node + "/.rednode.yaml",
                              "state: Enable\nrealpath: " + node.toUtf8() + "\n"));
            QVERIFY(writeFile(node + "/etc/redpak.yaml",
                              "headers:\n  alias: n" + QByteArray::number(level) + "\n"));
        }
        const Run tree = redconf({"tree", top});
        QCOMPARE(tree.exitCode, 1);
        QVERIFY2(tree.out.contains("NOT INSPECTED ") && tree.out.contains("deeper than 32"),
                 qPrintable(tree.out));
        const Run lint = redconf({"lint", "--recursive", "--redpath", top});
        QCOMPARE(lint.exitCode, 1);
        QVERIFY2(lint.out.contains("tree.not-inspected"), qPrintable(lint.out));
        const Run audit = redconf({"audit", "status", "--recursive", top});
        QCOMPARE(audit.exitCode, 1);
        QVERIFY2(audit.out.contains("invalid\n  not inspected: "), qPrintable(audit.out));
        const QString first = top + "/n";
        const Run impact = redconf({"impact", "--redpath", first, "--with",
                                    first + "/etc/redpak.yaml", "--fail-on", "error"});
        QCOMPARE(impact.exitCode, 1);
        QVERIFY2(impact.out.contains("NOT INSPECTED ") && impact.out.contains("deeper than 32"),
                 qPrintable(impact.out));
        const Run launch = redwrap({"--dump-only", "--redpath", node});
        QVERIFY(launch.exitCode != 0);
        QVERIFY2(launch.err.contains("more than 32 levels of parent nodes"),
                 qPrintable(launch.err));
    }
};

QTEST_GUILESS_MAIN(TestPrivilege)
#include "tst_privilege.moc"
