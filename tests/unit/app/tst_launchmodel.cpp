// SPDX-License-Identifier: Apache-2.0
// The launch flow against a fake launcher: start, output, input, stop, exit status, dry run,
// and the "running" badge in the tree.
#include "fakelauncher.h"
#include "launchmodel.h"
#include "locallauncher.h"
#include "session.h"
#include "testtree.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace redpak::gui;

class TestLaunchModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // settings in a test directory
        QSettings().clear();
    }

    void lastCommandIsRememberedPerNode() {
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        QCOMPARE(model.lastCommand("/r/a"), model.defaultCommand());
        model.launch("/r/a", "sh -c 'ls -l'", false);
        QCOMPARE(model.lastCommand("/r/a"), QString("sh -c 'ls -l'"));
        QCOMPARE(model.lastCommand("/r/b"), model.defaultCommand());
        // Another run of the GUI finds it too.
        LaunchModel later([&](const QString&) { return &launcher; });
        QCOMPARE(later.lastCommand("/r/a"), QString("sh -c 'ls -l'"));
    }

    void commandLinesSplitAsAShellSplitsThem_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("single quotes")
            << "sh -c 'echo \"a b\"; ls'" << QStringList{"sh", "-c", "echo \"a b\"; ls"};
        QTest::newRow("double quotes keep ' and a backslash before n")
            << "printf \"%s it's\\n\" x" << QStringList{"printf", "%s it's\\n", "x"};
        QTest::newRow("backslash outside quotes") << "ls a\\ b\\'c" << QStringList{"ls", "a b'c"};
        QTest::newRow("empty quoted word") << "echo '' \"\"" << QStringList{"echo", "", ""};
    }

    void commandLinesSplitAsAShellSplitsThem() {
        QFETCH(QString, line);
        QFETCH(QStringList, words);
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        model.launch("/r/node", line, false);
        QCOMPARE(launcher.starts.size(), 1);
        QCOMPARE(launcher.starts.first().second.command, words);
    }

    void anUnclosedQuoteStartsNothingAndSaysWhy() {
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        const int row = model.launch("/r/node", "sh -c 'echo", false);
        QVERIFY(launcher.starts.isEmpty());
        QCOMPARE(model.index(row).data(LaunchModel::StateRole).value<LaunchModel::State>(),
                 LaunchModel::State::FailedToStart);
        QVERIFY(model.index(row).data(LaunchModel::FailedRole).toBool());
        QVERIFY2(model.index(row)
                     .data(LaunchModel::StatusTextRole)
                     .toString()
                     .contains("single quote is not closed"),
                 qPrintable(model.index(row).data(LaunchModel::StatusTextRole).toString()));
        model.dryRun("/r/node", "echo \"x", false);
        QVERIFY(model.dryRunError().contains("double quote is not closed"));
        QVERIFY(launcher.dryRuns.isEmpty());
    }

    void failedLaunchesAreToldApart() {
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        model.launch("/r/node", "true", false);
        model.launch("/r/node", "false", false);
        launcher.playStarted(1);
        launcher.playStarted(2);
        QVERIFY(!model.index(0).data(LaunchModel::FailedRole).toBool());
        launcher.playFinished(1, 0);
        launcher.playFinished(2, 1);
        QVERIFY(!model.index(0).data(LaunchModel::FailedRole).toBool());
        QVERIFY(model.index(1).data(LaunchModel::FailedRole).toBool());
    }

    void launchLifecycle() {
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        const int row =
            model.launch(QStringLiteral("/r/node"), QStringLiteral("sh -c \"echo hi\""), true);
        QCOMPARE(row, 0);
        QCOMPARE(launcher.starts.size(), 1);
        const LaunchRequest request = launcher.starts.first().second;
        QCOMPARE(request.nodeDir, QStringLiteral("/r/node"));
        QCOMPARE(request.command, (QStringList{"sh", "-c", "echo hi"}));
        QVERIFY(request.admin);
        const quint64 id = launcher.lastId();
        QCOMPARE(model.runningCount(), 1);
        QCOMPARE(model.index(0).data(LaunchModel::StatusTextRole).toString(),
                 QStringLiteral("starting"));

        launcher.playStarted(id);
        QCOMPARE(model.index(0).data(LaunchModel::StatusTextRole).toString(),
                 QStringLiteral("running"));
        launcher.playOutput(id, QStringLiteral("hi\n"));
        QVERIFY(model.sendLine(0, QStringLiteral("exit 3")));
        QCOMPARE(launcher.inputs.value(id), QStringLiteral("exit 3\n"));
        QCOMPARE(model.index(0).data(LaunchModel::OutputRole).toString(),
                 QStringLiteral("hi\nexit 3\n"));

        model.stop(0);
        QCOMPARE(launcher.stops, (QList<quint64>{id}));
        launcher.playFinished(id, 3);
        QCOMPARE(model.runningCount(), 0);
        QCOMPARE(model.index(0).data(LaunchModel::ExitStatusRole).toInt(), 3);
        QCOMPARE(model.index(0).data(LaunchModel::StatusTextRole).toString(),
                 QStringLiteral("exited with status 3"));
        QVERIFY(!model.sendLine(0, QStringLiteral("too late")));
        model.clearFinished();
        QCOMPARE(model.rowCount(), 0);
    }

    void statusTexts_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("text");
        QTest::newRow("success") << 0 << "exited with status 0";
        QTest::newRow("SIGTERM") << 128 + 15 << "killed by signal 15";
    }
    void statusTexts() {
        QFETCH(int, status);
        QFETCH(QString, text);
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        model.launch(QStringLiteral("/r/node"), QString(), false);
        QVERIFY(launcher.starts.first().second.command.isEmpty()); // the node's default shell
        launcher.playStarted(launcher.lastId());
        launcher.playFinished(launcher.lastId(), status);
        QCOMPARE(model.index(0).data(LaunchModel::StatusTextRole).toString(), text);
    }

    void outcomes_data() {
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorOutput");
        QTest::addColumn<int>("outcome");
        using S = LaunchModel::State;
        using O = LaunchModel::Outcome;
        const auto row = [](const char* name, S state, int status, const char* errors, O outcome) {
            QTest::newRow(name) << static_cast<int>(state) << status << QString(errors)
                                << static_cast<int>(outcome);
        };
        row("starting", S::Starting, 0, "", O::InProgress);
        row("running with errors", S::Running, 0, "oops\n", O::InProgress);
        row("status 0", S::Finished, 0, "", O::Succeeded);
        row("status 0, blank error output", S::Finished, 0, " \n\n", O::Succeeded);
        row("status 0, a prompt", S::Finished, 0, "$ $ ", O::Succeeded);
        row("status 0, an error line", S::Finished, 0, "Cannot chown /dev/pts/0\n",
            O::SucceededWithErrors);
        row("status 0, an error line then a prompt", S::Finished, 0, "$ sh: x: not found\n$ ",
            O::SucceededWithErrors);
        row("status 1", S::Finished, 1, "", O::Failed);
        row("status 128", S::Finished, 128, "", O::Failed);
        row("SIGKILL", S::Finished, 128 + 9, "", O::Signalled);
        row("not started", S::FailedToStart, 0, "", O::NotStarted);
    }
    void outcomes() {
        QFETCH(int, state);
        QFETCH(int, status);
        QFETCH(QString, errorOutput);
        QFETCH(int, outcome);
        QCOMPARE(static_cast<int>(
                     launchOutcome(static_cast<LaunchModel::State>(state), status, errorOutput)),
                 outcome);
    }

    void lastLines_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("count");
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("empty") << "" << 3 << QStringList{};
        QTest::newRow("blank lines dropped") << "a\n\n  \nb\n" << 3 << QStringList{"a", "b"};
        QTest::newRow("the last ones") << "1\n2\n3\n4" << 2 << QStringList{"3", "4"};
        QTest::newRow("trimmed") << "  x  \r\n" << 1 << QStringList{"x"};
    }
    void lastLines() {
        QFETCH(QString, text);
        QFETCH(int, count);
        QFETCH(QStringList, lines);
        QCOMPARE(redpak::gui::lastLines(text, count), lines);
    }

    void failureShowsTheLastErrorLines() {
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        model.launch("/r/node", "xterm", false);
        const quint64 id = launcher.lastId();
        launcher.playStarted(id);
        launcher.playOutput(id, "out\n");
        launcher.playErrorOutput(id, "xterm: Cannot chown /dev/pts/0 to 0,5: Invalid argument\n");
        QCOMPARE(model.index(0).data(LaunchModel::ErrorLinesRole).toString(), QString());
        launcher.playFinished(id, 0);
        QCOMPARE(model.index(0).data(LaunchModel::StatusTextRole).toString(),
                 QStringLiteral("ended with error messages (status 0)"));
        QCOMPARE(model.index(0).data(LaunchModel::ErrorLinesRole).toString(),
                 QStringLiteral("xterm: Cannot chown /dev/pts/0 to 0,5: Invalid argument"));
        QCOMPARE(model.index(0).data(LaunchModel::OutputRole).toString(),
                 QStringLiteral("out\nxterm: Cannot chown /dev/pts/0 to 0,5: Invalid argument\n"));
        QVERIFY(!model.index(0).data(LaunchModel::FailedRole).toBool());
    }

    void dryRunIsForgottenAndLateRepliesDropped() {
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        model.dryRun("/r/a", "true", false);
        QCOMPARE(model.dryRunNode(), QStringLiteral("/r/a"));
        QVERIFY(model.dryRunBusy());
        model.clearDryRun();
        QVERIFY(!model.dryRunBusy());
        QCoreApplication::processEvents(); // the fake's reply arrives, and is dropped
        QCOMPARE(model.dryRunText(), QString());
        model.dryRun("/r/b", "true", false);
        QTRY_VERIFY(!model.dryRunText().isEmpty());
        QCOMPARE(model.dryRunNode(), QStringLiteral("/r/b"));
        QVERIFY(model.dryRunText().contains(QStringLiteral("--chdir /r/b")));
    }

    void dryRunShowsTheBwrapCall() {
        test::FakeLauncher launcher;
        LaunchModel model([&](const QString&) { return &launcher; });
        QSignalSpy changed(&model, &LaunchModel::dryRunChanged);
        model.dryRun(QStringLiteral("/r/node"), QStringLiteral("/bin/true"), false);
        QVERIFY(model.dryRunBusy());
        QTRY_VERIFY(!model.dryRunBusy());
        QCOMPARE(launcher.starts.size(), 0); // nothing was launched
        QVERIFY(model.dryRunText().contains(QStringLiteral("--ro-bind /usr /usr")));
        QVERIFY(model.dryRunError().isEmpty());
    }

    void parseDumpOutput_data() {
        QTest::addColumn<QString>("out");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("dump")
            << "DUMP: /usr/bin/bwrap (as redwrap)\n  --ro-bind /usr/bin /bin\n  --unshare-user\n"
            << 0 << true
            << QStringList{"/usr/bin/bwrap (as redwrap)", "--ro-bind /usr/bin /bin",
                           "--unshare-user"};
        QTest::newRow("merge error") << "" << 1 << false << QStringList{};
    }
    void parseDumpOutput() {
        QFETCH(QString, out);
        QFETCH(int, exitCode);
        QFETCH(bool, ok);
        QFETCH(QStringList, arguments);
        const DryRunResult result = parseDump(out, QStringLiteral("cannot share net"), exitCode);
        QCOMPARE(result.ok, ok);
        QCOMPARE(result.bwrapArguments, arguments);
        if (!ok) {
            QCOMPARE(result.error, QStringLiteral("cannot share net"));
        }
    }

    void realRedwrapDryRun() {
        const QString redwrap = QStringLiteral(REDPAK_BIN_DIR "/redwrap");
        test::TestTree tree;
        LocalLauncher launcher(redwrap);
        LaunchModel model([&](const QString&) { return &launcher; });
        model.dryRun(tree.browser(), QStringLiteral("/bin/true"), false);
        QTRY_VERIFY_WITH_TIMEOUT(!model.dryRunBusy(), 10000);
        QVERIFY2(model.dryRunError().isEmpty(), qPrintable(model.dryRunError()));
        QVERIFY(model.dryRunText().contains(QStringLiteral("--ro-bind /usr/share /opt/browser")));
    }

    void sessionShowsRunningNodes() {
        test::TestTree tree;
        Workspace workspace;
        QVERIFY(workspace.addRoot(tree.root()));
        test::FakeLauncher launcher;
        Session session(&workspace, [&](const QString&) { return &launcher; });
        QTRY_VERIFY(!session.tree()->isLoading()); // the tree is read off the GUI thread
        session.launches()->launch(tree.apps(), QString(), false);
        launcher.playStarted(launcher.lastId());
        const QModelIndex apps = session.tree()->indexForPath(tree.apps());
        QVERIFY(apps.data(NodeTreeModel::RunningRole).toBool());
        launcher.playFinished(launcher.lastId(), 0);
        QVERIFY(!apps.data(NodeTreeModel::RunningRole).toBool());
    }
};

QTEST_GUILESS_MAIN(TestLaunchModel)
#include "tst_launchmodel.moc"
