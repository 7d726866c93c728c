// SPDX-License-Identifier: Apache-2.0
// The node tree: hierarchy from disk, badges from the core parser and merge, search.
#include "nodefiltermodel.h"
#include "nodetreemodel.h"
#include "redpak/review/audit_status.h"
#include "testworkspace.h"
#include "workspace.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

using namespace redpak::gui;

class TestNodeTreeModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        test::openTestTree(m_tree, m_workspace);
        m_model = std::make_unique<NodeTreeModel>(m_workspace.get());
        // The hierarchy, then the badges and search text, come from the inspection thread.
        QTRY_VERIFY(!m_model->isInspecting());
    }

    void hierarchyFollowsDirectories() {
        QAbstractItemModelTester tester(m_model.get(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_model->nodeCount(), 4);
        QCOMPARE(m_model->rowCount(), 2); // broken and platform are top level
        const QModelIndex platform = m_model->indexForPath(m_tree->platform());
        QVERIFY(platform.isValid());
        QVERIFY(!platform.parent().isValid());
        const QModelIndex apps = m_model->index(0, 0, platform);
        QCOMPARE(apps.data(NodeTreeModel::PathRole).toString(), m_tree->apps());
        const QModelIndex browser = m_model->index(0, 0, apps);
        QCOMPARE(browser.data(NodeTreeModel::AliasRole).toString(), QStringLiteral("browser"));
        QCOMPARE(browser.parent(), apps);
        QCOMPARE(m_model->rowCount(browser), 0);
    }

    void badges_data() {
        QTest::addColumn<QString>("node");
        QTest::addColumn<bool>("admin");
        QTest::addColumn<bool>("errors");
        QTest::addColumn<bool>("warnings");
        QTest::addColumn<bool>("adminMode"); // the mode the badges count
        // The root template's admin file redefines PS1: a merge warning of admin mode only.
        QTest::newRow("root template: admin file, normal mode")
            << "platform" << true << false << false << false;
        QTest::newRow("root template: admin file, admin mode")
            << "platform" << true << false << true << true;
        QTest::newRow("child redefines PS1: merge warning")
            << "apps" << false << false << true << false;
        QTest::newRow("child redefines PS1: also in admin mode")
            << "apps" << false << false << true << true;
        QTest::newRow("invalid value: parser error") << "broken" << true << true << false << false;
        QTest::newRow("invalid value: in every mode") << "broken" << true << true << false << true;
    }
    void badges() {
        QFETCH(QString, node);
        QFETCH(bool, admin);
        QFETCH(bool, errors);
        QFETCH(bool, warnings);
        QFETCH(bool, adminMode);
        m_model->setAdminMode(adminMode);
        const QString path = node == QLatin1String("broken") ? m_tree->broken()
                             : node == QLatin1String("apps") ? m_tree->apps()
                                                             : m_tree->platform();
        const QModelIndex index = m_model->indexForPath(path);
        QVERIFY(index.isValid());
        QCOMPARE(index.data(NodeTreeModel::HasAdminConfigRole).toBool(), admin);
        QCOMPARE(index.data(NodeTreeModel::ErrorCountRole).toInt() > 0, errors);
        QCOMPARE(index.data(NodeTreeModel::WarningCountRole).toInt() > 0, warnings);
        if (errors) {
            // The message points at the file and line.
            QVERIFY2(index.data(NodeTreeModel::ErrorTextRole)
                         .toString()
                         .contains(QStringLiteral("etc/redpak.yaml:4:")),
                     qPrintable(index.data(NodeTreeModel::ErrorTextRole).toString()));
        }
    }

    void findingErrorsAreCounted() {
        const QModelIndex apps = m_model->indexForPath(m_tree->apps());
        QCOMPARE(apps.data(NodeTreeModel::ErrorCountRole).toInt(), 0);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setFindingErrors({{m_tree->apps(), {QStringLiteral("export /x: writable")}}});
        QVERIFY(changed.count() > 0);
        QCOMPARE(apps.data(NodeTreeModel::ErrorCountRole).toInt(), 1);
        QCOMPARE(apps.data(NodeTreeModel::ErrorTextRole).toString(),
                 QStringLiteral("export /x: writable"));
        m_model->setFindingErrors({});
        QCOMPARE(apps.data(NodeTreeModel::ErrorCountRole).toInt(), 0);
    }

    void runningBadge() {
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setRunningNodes({m_tree->apps()});
        QCOMPARE(changed.count(), 1);
        QVERIFY(m_model->indexForPath(m_tree->apps()).data(NodeTreeModel::RunningRole).toBool());
        QVERIFY(
            !m_model->indexForPath(m_tree->browser()).data(NodeTreeModel::RunningRole).toBool());
    }

    void unauditedBadge() {
        const QModelIndex before = m_model->indexForPath(m_tree->apps());
        QVERIFY(!before.data(NodeTreeModel::UnauditedRole).toBool()); // never reviewed: no badge
        redpak::approveNode(m_tree->apps().toStdString(), "reviewed");
        m_model->reload();
        QTRY_VERIFY(!m_model->isInspecting());
        QVERIFY(!m_model->indexForPath(m_tree->apps()).data(NodeTreeModel::UnauditedRole).toBool());
        QFile config(m_tree->apps() + QStringLiteral("/etc/redpak.yaml"));
        QVERIFY(config.open(QIODevice::Append));
        config.write("# changed after the review\n");
        config.close();
        m_model->reload();
        QTRY_VERIFY(!m_model->isInspecting());
        QVERIFY(m_model->indexForPath(m_tree->apps()).data(NodeTreeModel::UnauditedRole).toBool());
    }

    void search_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("matches");
        QTest::addColumn<QStringList>("visible");
        QTest::newRow("empty shows all")
            << "" << 4 << QStringList{"platform", "apps", "browser", "broken"};
        QTest::newRow("by alias") << "browser" << 1 << QStringList{"platform", "apps", "browser"};
        QTest::newRow("by config value") << "/opt/browser" << 1 << QStringList{"browser"};
        QTest::newRow("case-insensitive, every word") << "STATIC demo" << 1 << QStringList{"apps"};
        QTest::newRow("no match") << "nowhere-to-be-found" << 0 << QStringList{};
        // The children's paths hold "platform": they are shown below it, not matched.
        QTest::newRow("the alias, not the paths below it")
            << "platform" << 1 << QStringList{"platform"};
    }
    void search() {
        QFETCH(QString, text);
        QFETCH(int, matches);
        QFETCH(QStringList, visible);
        NodeFilterModel filter;
        filter.setSourceModel(m_model.get());
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setFilterText(text);
        QCOMPARE(filter.matchCount(), matches);
        for (const QString& alias : visible) {
            const QString path = alias == QLatin1String("platform")  ? m_tree->platform()
                                 : alias == QLatin1String("apps")    ? m_tree->apps()
                                 : alias == QLatin1String("browser") ? m_tree->browser()
                                                                     : m_tree->broken();
            QVERIFY2(filter.indexForPath(path).isValid(), qPrintable(alias));
        }
        if (visible.isEmpty()) {
            QCOMPARE(filter.rowCount(), 0);
        }
    }

    // A word of the directories above the nodes (the root's own name) matches none of them.
    void pathWordsDoNotMatch() {
        NodeFilterModel filter;
        filter.setSourceModel(m_model.get());
        filter.setFilterText(QFileInfo(m_tree->root()).fileName());
        QCOMPARE(filter.matchCount(), 0);
        filter.setFilterText(QStringLiteral("browser apps"));
        QCOMPARE(filter.matchCount(), 0); // "apps" is browser's parent directory, not its own
    }

    void reloadSeesNewNodes() {
        redpak::CreateOptions options;
        options.dir = (m_tree->platform() + QStringLiteral("/db")).toStdString();
        redpak::createNode(options);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->reload();
        QTRY_COMPARE(reset.count(), 1);
        QCOMPARE(m_model->nodeCount(), 5);
        QVERIFY(m_model->indexForPath(m_tree->platform() + QStringLiteral("/db")).isValid());
    }

private:
    std::unique_ptr<test::TestTree> m_tree;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<NodeTreeModel> m_model;
};

QTEST_GUILESS_MAIN(TestNodeTreeModel)
#include "tst_nodetreemodel.moc"
