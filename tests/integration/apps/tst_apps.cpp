// SPDX-License-Identifier: Apache-2.0
// Applications of a node in real launches: `redconf app add|import` then `redwrap --app` runs
// the entry's command in the node with the files it was given, as root and as a test user;
// inside, the application cannot read what the node does not export. The menu entry made by
// `redconf app menu --install` is launched by GLib's desktop-entry launcher (`gio launch`), as
// a desktop does on a click, and runs the application in its node. An approved node refuses an
// application changed since (--require-audit).
#include "integration_support.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <memory>
#include <unistd.h>

namespace {

using namespace redpak::test;

const QFile::Permissions kWorldReadable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                          QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                          QFile::ExeOther;

// Waits up to 20 s for `file` to hold a line (the detached application's output).
QString waitForContent(const QString& file) {
    for (int i = 0; i < 200; ++i) {
        QFile in(file);
        if (in.open(QIODevice::ReadOnly)) {
            const QByteArray content = in.readAll();
            if (content.endsWith('\n')) {
                return QString::fromUtf8(content);
            }
        }
        QThread::msleep(100);
    }
    return {};
}

} // namespace

class TestApps : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_node;
    QString m_out;  // exported read-write at /out in the node
    QString m_menu; // XDG_DATA_HOME of the menu rows
    std::unique_ptr<TestUser> m_user;

    Run redconf(const QStringList& args, std::optional<Identity> as = std::nullopt) const {
        return runProgram(kBin + "/redconf", args, as);
    }

    std::optional<Identity> identityOf(bool asTestUser) {
        if (!asTestUser) {
            return std::nullopt;
        }
        if (!m_user->isValid()) {
            QTest::qSkip(qPrintable("no test user: " + m_user->error()), __FILE__, __LINE__);
        }
        return m_user->identity();
    }

private slots:
    void initTestCase() {
        const Run probe = runProgram("bwrap", {"--unshare-user", "--ro-bind", "/", "/", "true"});
        if (probe.exitCode != 0) {
            QSKIP(qPrintable("bwrap cannot create a user namespace here: " + probe.err));
        }
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::setPermissions(m_dir.path(), kWorldReadable));
        m_out = m_dir.path() + "/out";
        m_menu = m_dir.path() + "/data";
        QVERIFY(QDir().mkpath(m_out) && QDir().mkpath(m_menu));
        QVERIFY(
            QFile::setPermissions(m_out, kWorldReadable | QFile::WriteGroup | QFile::WriteOther));
        QVERIFY(writeFile(m_dir.path() + "/secret", "not for the node\n"));
        const QString config = m_dir.path() + "/app.yaml";
        QVERIFY(writeFile(
            config, "headers:\n  alias: viewer\nexports:" + kBaseExports +
                        "  - mode: Public\n    mount: /out\n    path: " + m_out.toUtf8() + "\n"));
        m_node = m_dir.path() + "/viewer";
        const Run created = redconf({"create", "--config", config, m_node});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QVERIFY(QFile::setPermissions(m_node, kWorldReadable));
        const Run added = redconf(
            {"app", "add", "--redpath", m_node, "--name", "Show Files", "--icon", "text-x-generic",
             "--", "/bin/sh", "-c",
             "echo \"files: $*\"; cat " + m_dir.path() + "/secret 2>/dev/null || echo unreadable",
             "sh", "%F"});
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        m_user = std::make_unique<TestUser>("redpak-apps", TestUser::IfExists::Reuse);
    }

    void redwrapRunsTheApplication_data() {
        QTest::addColumn<bool>("asTestUser");
        QTest::newRow("root") << false;
        QTest::newRow("test user") << true;
    }

    void redwrapRunsTheApplication() {
        QFETCH(bool, asTestUser);
        const std::optional<Identity> as = identityOf(asTestUser);
        for (const QString& app : {QString("show-files"), QString("Show Files")}) {
            const Run run = runProgram(kBin + "/redwrap",
                                       {"--redpath", m_node, "--app", app, "a b", "--admin"}, as);
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            // Each file is one argument, "--admin" a file, not an option; the host's file is
            // not in the node.
            QCOMPARE(run.out, QString("files: a b --admin\nunreadable\n"));
        }
        const Run unknown = runProgram(kBin + "/redwrap", {"--redpath", m_node, "--app", "x"}, as);
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("no application 'x'"), qPrintable(unknown.err));
    }

    void importedHostApplicationRuns() {
        const QString host = m_dir.path() + "/org.example.Hello.desktop";
        QVERIFY(writeFile(host, "[Desktop Entry]\nType=Application\nName=Hello\nName[fr]=Bonjour\n"
                                "Exec=/bin/echo hello %u\nCategories=Utility;\n"));
        const Run imported = redconf({"app", "import", "--redpath", m_node, host});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        const Run listed = redconf({"app", "list", "--redpath", m_node, "--json"});
        QCOMPARE(listed.exitCode, 0);
        const QJsonArray apps =
            QJsonDocument::fromJson(listed.out.toUtf8())["applications"].toArray();
        QCOMPARE(apps.size(), 2);
        QCOMPARE(apps[0]["id"].toString(), QString("org.example.Hello"));
        QCOMPARE(apps[0]["name"].toString(), QString("Hello"));
        const Run run = runProgram(kBin + "/redwrap",
                                   {"--redpath", m_node, "--app", "org.example.Hello", "x:/y"});
        QCOMPARE(run.out, QString("hello x:/y\n"));
        // Nothing invalid is imported.
        QVERIFY(writeFile(host, "[Desktop Entry]\nType=Application\nName=Broken\n"));
        const Run refused = redconf({"app", "import", "--redpath", m_node, "--id", "broken", host});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("no Exec"), qPrintable(refused.err));
        QVERIFY(!QFile::exists(m_node + "/applications/broken.desktop"));
        QCOMPARE(redconf({"app", "remove", "--redpath", m_node, "Hello"}).exitCode, 0);
    }

    void menuEntryLaunchesTheApplication_data() {
        QTest::addColumn<bool>("asTestUser");
        QTest::newRow("root") << false;
        QTest::newRow("test user") << true;
    }

    // What a desktop does on a click: GLib reads the installed entry and runs its Exec.
    void menuEntryLaunchesTheApplication() {
        QFETCH(bool, asTestUser);
        const std::optional<Identity> as = identityOf(asTestUser);
        const QString gio = QStandardPaths::findExecutable("gio");
        if (gio.isEmpty()) {
            QSKIP("needs gio (libglib2.0-bin): GLib's desktop-entry launcher");
        }
        QVERIFY(redconf({"app", "add", "--redpath", m_node, "--name", "Writer", "--", "/bin/sh",
                         "-c", "echo \"$*\" > /out/written", "sh", "%F"})
                    .exitCode == 0);
        qputenv("XDG_DATA_HOME", m_menu.toUtf8());
        const Run installed = redconf({"app", "menu", "--redpath", m_node, "writer", "--install"});
        QVERIFY2(installed.exitCode == 0, qPrintable(installed.err));
        const QStringList entries =
            QDir(m_menu + "/applications").entryList({"redpak-*-writer.desktop"}, QDir::Files);
        QCOMPARE(entries.size(), 1);
        const QString entry = m_menu + "/applications/" + entries.front();
        QVERIFY(QFile::setPermissions(m_menu, kWorldReadable));
        QVERIFY(QFile::setPermissions(m_menu + "/applications", kWorldReadable));
        const Run validated = runProgram("desktop-file-validate", {entry});
        QVERIFY2(validated.exitCode == 0, qPrintable(validated.out + validated.err));
        QFile::remove(m_out + "/written");
        const QString file = m_dir.path() + "/opened file.txt";
        const Run launched = runProgram(gio, {"launch", entry, file}, as);
        QVERIFY2(launched.exitCode == 0, qPrintable(launched.err));
        QCOMPARE(waitForContent(m_out + "/written"), file + "\n");
        const Run removed = redconf({"app", "menu", "--redpath", m_node, "writer", "--remove"});
        QCOMPARE(removed.exitCode, 0);
        QVERIFY(!QFile::exists(entry));
        QCOMPARE(redconf({"app", "remove", "--redpath", m_node, "writer"}).exitCode, 0);
    }

    void approvedNodeRefusesAChangedApplication() {
        const Run approved = redconf({"audit", "approve", "--redpath", m_node});
        QVERIFY2(approved.exitCode == 0, qPrintable(approved.err));
        const QStringList launch{"--require-audit", "--redpath", m_node, "--app", "show-files"};
        QCOMPARE(runProgram(kBin + "/redwrap", launch).exitCode, 0);
        const QString file = m_node + "/applications/show-files.desktop";
        QVERIFY(writeFile(file, "[Desktop Entry]\nType=Application\nName=Show Files\n"
                                "Exec=/bin/cat /out/../secret\n"));
        const Run refused = runProgram(kBin + "/redwrap", launch);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("drifted") && refused.err.contains(file),
                 qPrintable(refused.err));
        QCOMPARE(redconf({"audit", "status", "--redpath", m_node}).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestApps)
#include "tst_apps.moc"
