// SPDX-License-Identifier: Apache-2.0
// Recent trees: most recent first, once each, bounded; gone directories dropped when read; a
// tree that fails to open is forgotten; the list outlives the object (QSettings, test mode).
#include "recenttrees.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace redpak::gui;

class TestRecentTrees : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void withRecentTree_data() {
        QTest::addColumn<QStringList>("recent");
        QTest::addColumn<QString>("opened");
        QTest::addColumn<int>("max");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("first") << QStringList{} << "/a" << 3 << QStringList{"/a"};
        QTest::newRow("new goes first")
            << QStringList{"/a", "/b"} << "/c" << 3 << QStringList{"/c", "/a", "/b"};
        QTest::newRow("again moves up")
            << QStringList{"/a", "/b", "/c"} << "/c" << 3 << QStringList{"/c", "/a", "/b"};
        QTest::newRow("bounded") << QStringList{"/a", "/b", "/c"} << "/d" << 3
                                 << QStringList{"/d", "/a", "/b"};
    }
    void withRecentTree() {
        QFETCH(QStringList, recent);
        QFETCH(QString, opened);
        QFETCH(int, max);
        QFETCH(QStringList, expected);
        QCOMPARE(redpak::gui::withRecentTree(recent, opened, max), expected);
    }

    void goneTreesAreDroppedWhenRead() {
        QTemporaryDir kept;
        QTemporaryDir gone;
        const QString gonePath = gone.path();
        QSettings().setValue(QStringLiteral("recentTrees"), QStringList{gonePath, kept.path()});
        gone.remove();
        Workspace workspace;
        RecentTrees recent(&workspace);
        QCOMPARE(recent.paths(), QStringList{kept.path()});
        QCOMPARE(QSettings().value(QStringLiteral("recentTrees")).toStringList(),
                 QStringList{kept.path()});
    }

    void openRemembersAndFailureForgets() {
        QTemporaryDir first;
        QTemporaryDir second;
        Workspace workspace;
        {
            RecentTrees recent(&workspace);
            QVERIFY(recent.open(first.path()));
            QVERIFY(recent.open(second.path() + QStringLiteral("/")));
            QCOMPARE(recent.paths(), (QStringList{second.path(), first.path()}));
            QCOMPARE(workspace.roots(), (QStringList{first.path(), second.path()}));
        }
        RecentTrees again(&workspace); // read back from the settings
        QCOMPARE(again.paths(), (QStringList{second.path(), first.path()}));
        const QString path = second.path();
        second.remove();
        QVERIFY(!again.open(path));
        QVERIFY(workspace.openError().contains(path));
        QCOMPARE(again.paths(), QStringList{first.path()});
        again.clear();
        QVERIFY(again.paths().isEmpty());
        QVERIFY(RecentTrees(&workspace).paths().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRecentTrees)
#include "tst_recenttrees.moc"
