// SPDX-License-Identifier: Apache-2.0
// The tree watcher on a real tree: each way another program changes a node's files (in place,
// by rename, a new admin file, an approval, a deleted status file) tells that node, and only it.
#include "redpak/review/approval.h"
#include "redpak/tree/node.h"
#include "testtree.h"
#include "treewatcher.h"

#include <QFile>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTest>

using namespace redpak;
using namespace redpak::gui;

class TestTreeWatcher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void changesTellTheirNode_data() {
        QTest::addColumn<QString>("change");
        QTest::newRow("config written in place") << "in place";
        QTest::newRow("config replaced by a rename") << "rename";
        QTest::newRow("admin config created") << "admin";
        QTest::newRow("approved with the CLI") << "approve";
        QTest::newRow("status file removed") << "remove status";
    }

    void changesTellTheirNode() {
        QFETCH(QString, change);
        test::TestTree tree;
        QVERIFY(tree.isValid());
        std::vector<NodeLocation> locations;
        for (const QString& dir : {tree.platform(), tree.apps(), tree.browser()}) {
            locations.push_back(*locateNode(dir.toStdString()));
        }
        TreeWatcher watcher;
        watcher.watch(locations);
        QSignalSpy told(&watcher, &TreeWatcher::nodesChanged);
        const QString etc = tree.apps() + QStringLiteral("/etc/");
        if (change == QLatin1String("in place")) {
            QFile file(etc + QStringLiteral("redpak.yaml"));
            QVERIFY(file.open(QIODevice::Append));
            file.write("# edited\n");
        } else if (change == QLatin1String("rename") || change == QLatin1String("admin")) {
            QSaveFile file(etc + (change == QLatin1String("admin")
                                      ? QStringLiteral("redpak-admin.yaml")
                                      : QStringLiteral("redpak.yaml")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("headers:\n  alias: apps\n");
            QVERIFY(file.commit());
        } else if (change == QLatin1String("approve")) {
            approveNode(tree.apps().toStdString(), "from the CLI");
        } else {
            QVERIFY(QFile::remove(tree.apps() + QStringLiteral("/.rednode.yaml")));
        }
        QTRY_COMPARE(told.count(), 1);
        QCOMPARE(told.first().first().toStringList(), QStringList{tree.apps()});
        // The watch outlives a replaced file: the next change is told too.
        if (change == QLatin1String("rename")) {
            QFile file(etc + QStringLiteral("redpak.yaml"));
            QVERIFY(file.open(QIODevice::Append));
            file.write("# again\n");
            file.close();
            QTRY_COMPARE(told.count(), 2);
        }
    }

    void pathsOfANode() {
        test::TestTree tree;
        const NodeLocation apps = *locateNode(tree.apps().toStdString());
        const QStringList paths = watchedPathsOf(apps);
        QVERIFY(paths.contains(tree.apps()));
        QVERIFY(paths.contains(tree.apps() + QStringLiteral("/etc")));
        QVERIFY(paths.contains(tree.apps() + QStringLiteral("/etc/redpak-admin.yaml")));
        QVERIFY(paths.contains(tree.apps() + QStringLiteral("/.rednode-audit.json")));
        QVERIFY(!paths.contains(tree.browser()));
    }
};

QTEST_GUILESS_MAIN(TestTreeWatcher)
#include "tst_treewatcher.moc"
