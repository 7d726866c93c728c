// SPDX-License-Identifier: Apache-2.0
// Creating and deleting nodes from the GUI: alias checked by core, templates from core, work
// done by the root's store.
#include "nodeactions.h"
#include "testtree.h"
#include "workspace.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

using namespace redpak::gui;

class TestNodeActions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aliasValidation_data() {
        QTest::addColumn<QString>("alias");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("letters and digits") << "db2" << true;
        QTest::newRow("allowed punctuation") << "a+b-c_d@e:f" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("space") << "my node" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("dot dot") << ".." << false;
        QTest::newRow("too long") << QString(256, QLatin1Char('a')) << false;
        QTest::newRow("exists already") << "apps" << false;
    }
    void aliasValidation() {
        QFETCH(QString, alias);
        QFETCH(bool, accepted);
        test::TestTree tree;
        Workspace workspace;
        QVERIFY(workspace.addRoot(tree.root()));
        NodeActions actions(&workspace);
        actions.setParentPath(tree.platform());
        actions.setAlias(alias);
        QCOMPARE(actions.aliasError().isEmpty(), accepted);
        QCOMPARE(actions.canCreate(), accepted);
    }

    void templatesComeFromCore() {
        Workspace workspace;
        NodeActions actions(&workspace);
        QVERIFY(actions.templates().contains(QStringLiteral("leaf")));
        QVERIFY(actions.templates().contains(QStringLiteral("root")));
        QCOMPARE(actions.templateName(), QStringLiteral("leaf"));
    }

    void createThenDelete() {
        test::TestTree tree;
        Workspace workspace;
        QVERIFY(workspace.addRoot(tree.root()));
        NodeActions actions(&workspace);
        actions.setParentPath(tree.apps());
        actions.setAlias(QStringLiteral("mail"));
        QSignalSpy created(&actions, &NodeActions::created);
        actions.create();
        QVERIFY(actions.isBusy());
        QTRY_COMPARE(created.count(), 1);
        const QString path = tree.apps() + QStringLiteral("/mail");
        QCOMPARE(created.first().first().toString(), path);
        QVERIFY(QFileInfo::exists(path + QStringLiteral("/.rednode.yaml")));
        QVERIFY(QFileInfo::exists(path + QStringLiteral("/etc/redpak.yaml")));
        QVERIFY(actions.errorString().isEmpty());

        QSignalSpy removed(&actions, &NodeActions::removed);
        actions.remove(path);
        QTRY_COMPARE(removed.count(), 1);
        QVERIFY(!QFileInfo::exists(path));
    }

    void deleteRefusesNodesWithChildren() {
        test::TestTree tree;
        Workspace workspace;
        QVERIFY(workspace.addRoot(tree.root()));
        NodeActions actions(&workspace);
        QSignalSpy busy(&actions, &NodeActions::busyChanged);
        actions.remove(tree.apps());
        QTRY_COMPARE(busy.count(), 2);
        QVERIFY(!actions.errorString().isEmpty());
        QVERIFY(QFileInfo::exists(tree.browser() + QStringLiteral("/.rednode.yaml")));
    }
};

QTEST_GUILESS_MAIN(TestNodeActions)
#include "tst_nodeactions.moc"
