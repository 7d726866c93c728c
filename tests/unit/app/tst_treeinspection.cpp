// SPDX-License-Identifier: Apache-2.0
// The node tree's inspection thread: every node gets its badges, a reload drops the results of
// the tree it replaced, and a changed file re-inspects only the families that contain it.
#include "nodefiltermodel.h"
#include "nodetreemodel.h"
#include "testworkspace.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace redpak::gui;

namespace {

// `count` leaves below `parentDir`, directory n<i>, alias leaf-<i> (not the directory name, so
// that an inspected node is told from one that is not). Written directly, as `redconf create`
// lays them out, without its synchronous writes: the tests need hundreds of them.
void addLeaves(const QString& parentDir, int count) {
    for (int i = 0; i < count; ++i) {
        const QString dir = parentDir + QStringLiteral("/n%1").arg(i);
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/etc")));
        QFile status(dir + QStringLiteral("/.rednode.yaml"));
        QVERIFY(status.open(QIODevice::WriteOnly));
        status.write(QStringLiteral("state: Enable\nrealpath: %1\ntimestamp: 1\n")
                         .arg(QDir(dir).canonicalPath())
                         .toUtf8());
        QFile config(dir + QStringLiteral("/etc/redpak.yaml"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("headers:\n  alias: leaf-%1\n").arg(i).toUtf8());
    }
}

// Every path the spy's nodesInspected signals carried, in delivery order.
QStringList deliveredPaths(const QSignalSpy& spy) {
    QStringList paths;
    for (const QList<QVariant>& arguments : spy) {
        paths += arguments.at(0).toStringList();
    }
    return paths;
}

void appendToConfig(const QString& nodeDir, const QByteArray& text) {
    QFile config(nodeDir + QStringLiteral("/etc/redpak.yaml"));
    QVERIFY(config.open(QIODevice::Append));
    config.write(text);
}

} // namespace

class TestTreeInspection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { test::openTestTree(m_tree, m_workspace); }
    void cleanup() {
        m_model.reset();
        m_workspace.reset();
        m_tree.reset();
    }

    void everyNodeGetsItsBadges_data() {
        QTest::addColumn<int>("leaves");
        QTest::newRow("the test family only") << 0;
        QTest::newRow("one batch") << 20;
        QTest::newRow("several batches") << 250;
    }
    void everyNodeGetsItsBadges() {
        QFETCH(int, leaves);
        addLeaves(m_tree->browser(), leaves);
        m_model = std::make_unique<NodeTreeModel>(m_workspace.get());
        QSignalSpy delivered(m_model.get(), &NodeTreeModel::nodesInspected);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        const int nodes = 4 + leaves;
        QVERIFY(m_model->isLoading());
        QTRY_COMPARE(m_model->nodeCount(), nodes); // the tree comes before its inspections
        QCOMPARE(m_model->inspectionTotal(), nodes);
        QTRY_VERIFY(!m_model->isInspecting());
        QCOMPARE(m_model->inspectedCount(), nodes);
        QStringList paths = deliveredPaths(delivered);
        QCOMPARE(paths.size(), nodes);
        QCOMPARE(changed.count(), nodes);
        paths.removeDuplicates();
        QCOMPARE(paths.size(), nodes); // each node once
        for (int i = 0; i < leaves; ++i) {
            const QModelIndex leaf =
                m_model->indexForPath(m_tree->browser() + QStringLiteral("/n%1").arg(i));
            QCOMPARE(leaf.data(NodeTreeModel::AliasRole).toString(),
                     QStringLiteral("leaf-%1").arg(i));
            QCOMPARE(leaf.data(NodeTreeModel::ErrorCountRole).toInt(), 0);
        }
        QVERIFY(
            m_model->indexForPath(m_tree->broken()).data(NodeTreeModel::ErrorCountRole).toInt() >
            0);
        QVERIFY(
            m_model->indexForPath(m_tree->apps()).data(NodeTreeModel::WarningCountRole).toInt() >
            0);
    }

    void reloadDropsStaleResults_data() {
        QTest::addColumn<bool>("addRoot");
        QTest::newRow("tree reloaded") << false;
        QTest::newRow("workspace gains a root") << true;
    }
    void reloadDropsStaleResults() {
        QFETCH(bool, addRoot);
        addLeaves(m_tree->browser(), 250);
        QTemporaryDir otherRoot;
        addLeaves(otherRoot.path(), 2);
        m_model = std::make_unique<NodeTreeModel>(m_workspace.get());
        QSignalSpy delivered(m_model.get(), &NodeTreeModel::nodesInspected);
        QTRY_VERIFY(!m_model->isLoading());
        // The first inspection runs; its results can only reach the model through the event
        // loop, so every one of them arrives after the reload below. The pause (events not
        // processed) lets it queue some of them first; without it, the check only gets weaker.
        QTest::qSleep(100);
        delivered.clear();
        if (addRoot) {
            QVERIFY(m_workspace->addRoot(otherRoot.path()));
        } else {
            appendToConfig(m_tree->browser(), "# marker-after-reload\n");
            m_model->reload();
        }
        const int nodes = 4 + 250 + (addRoot ? 2 : 0);
        QTRY_VERIFY(!m_model->isInspecting());
        QCOMPARE(m_model->nodeCount(), nodes);
        QCOMPARE(m_model->inspectedCount(), nodes);
        QCOMPARE(deliveredPaths(delivered).size(), nodes); // the first run's results dropped
        if (!addRoot) {
            QVERIFY(m_model->indexForPath(m_tree->browser())
                        .data(NodeTreeModel::SearchTextRole)
                        .toString()
                        .contains(QStringLiteral("marker-after-reload")));
        }
    }

    void fileChangeReinspectsItsFamilies_data() {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QStringList>("reinspected");
        QTest::newRow("a leaf: itself") << "browser" << QStringList{"browser"};
        QTest::newRow("a parent: with its child") << "apps" << QStringList{"apps", "browser"};
        QTest::newRow("the root: its whole branch")
            << "platform" << QStringList{"platform", "apps", "browser"};
        QTest::newRow("another top-level node: itself") << "broken" << QStringList{"broken"};
    }
    void fileChangeReinspectsItsFamilies() {
        QFETCH(QString, node);
        QFETCH(QStringList, reinspected);
        m_model = std::make_unique<NodeTreeModel>(m_workspace.get());
        QTRY_VERIFY(!m_model->isInspecting());
        QSignalSpy delivered(m_model.get(), &NodeTreeModel::nodesInspected);
        const QString changedNode = pathOf(node);
        appendToConfig(changedNode, "# marker-changed\n");
        m_model->reinspectFamiliesOf(changedNode);
        QVERIFY(m_model->isInspecting());
        QTRY_VERIFY(!m_model->isInspecting());
        QStringList expected;
        for (const QString& name : reinspected) {
            expected.append(pathOf(name));
        }
        QStringList paths = deliveredPaths(delivered);
        paths.sort();
        expected.sort();
        QCOMPARE(paths, expected);
        QVERIFY(m_model->indexForPath(changedNode)
                    .data(NodeTreeModel::SearchTextRole)
                    .toString()
                    .contains(QStringLiteral("marker-changed")));
    }

    void searchFollowsTheInspection() {
        m_model = std::make_unique<NodeTreeModel>(m_workspace.get());
        NodeFilterModel filter;
        filter.setSourceModel(m_model.get());
        filter.setFilterText(QStringLiteral("/opt/browser")); // a value of browser's config
        QTRY_VERIFY(!m_model->isInspecting());
        QCOMPARE(filter.matchCount(), 1);
        QVERIFY(filter.indexForPath(m_tree->browser()).isValid());
    }

    void newAdminFileIsSeenOnReinspection() {
        m_model = std::make_unique<NodeTreeModel>(m_workspace.get());
        QTRY_VERIFY(!m_model->isInspecting());
        const QModelIndex browser = m_model->indexForPath(m_tree->browser());
        QVERIFY(!browser.data(NodeTreeModel::HasAdminConfigRole).toBool());
        QFile admin(m_tree->browser() + QStringLiteral("/etc/redpak-admin.yaml"));
        QVERIFY(admin.open(QIODevice::WriteOnly));
        admin.write("headers:\n  alias: browser\n");
        admin.close();
        m_model->reinspectFamiliesOf(m_tree->browser());
        QTRY_VERIFY(browser.data(NodeTreeModel::HasAdminConfigRole).toBool());
    }

private:
    QString pathOf(const QString& name) const {
        return name == QLatin1String("browser")    ? m_tree->browser()
               : name == QLatin1String("apps")     ? m_tree->apps()
               : name == QLatin1String("platform") ? m_tree->platform()
                                                   : m_tree->broken();
    }

    std::unique_ptr<test::TestTree> m_tree;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<NodeTreeModel> m_model;
};

QTEST_GUILESS_MAIN(TestTreeInspection)
#include "tst_treeinspection.moc"
