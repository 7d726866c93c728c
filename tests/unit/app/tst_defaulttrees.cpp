// SPDX-License-Identifier: Apache-2.0
// First run: the user's tree is made once ($XDG_DATA_HOME/redpak/nodes with a root node) and
// never remade over what the user did with it; a root that cannot be opened is said, with the
// path, for the window to show.
#include "defaulttrees.h"
#include "redpak/tree/node.h"
#include "workspace.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace redpak::gui;

class TestDefaultTrees : public QObject {
    Q_OBJECT

    QTemporaryDir m_dataHome;

private Q_SLOTS:
    void init() {
        QVERIFY(m_dataHome.isValid());
        qputenv("XDG_DATA_HOME", m_dataHome.path().toLocal8Bit());
    }

    void userTreeIsMadeOnFirstRunOnly() {
        QCOMPARE(userTreePath(), m_dataHome.path() + "/redpak/nodes");
        QString error;
        QVERIFY2(ensureUserTree(&error), qPrintable(error));
        const QString root = userTreePath() + "/sandbox";
        QVERIFY(redpak::locateNode(root.toStdString()).has_value());
        // What the user did since is kept: no node is made again.
        QVERIFY(QDir(root).removeRecursively());
        QVERIFY(ensureUserTree(&error));
        QVERIFY(!QFileInfo::exists(root));
    }

    void openingTheDefaultsShowsTheUserTree() {
        Workspace workspace;
        openDefaultTrees(&workspace);
        QCOMPARE(workspace.roots(), QStringList{userTreePath()});
        QVERIFY(workspace.openError().isEmpty());
    }

    void aRootThatCannotBeOpenedIsSaid() {
        Workspace workspace;
        QVERIFY(!workspace.openRoot(m_dataHome.path() + "/missing"));
        QVERIFY(workspace.openError().contains(m_dataHome.path() + "/missing"));
        QVERIFY(workspace.openRoot(m_dataHome.path())); // a later success keeps the message
        QVERIFY(!workspace.openError().isEmpty());
        QCOMPARE(workspace.roots(), QStringList{m_dataHome.path()});
    }
};

QTEST_GUILESS_MAIN(TestDefaultTrees)
#include "tst_defaulttrees.moc"
