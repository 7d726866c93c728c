// SPDX-License-Identifier: Apache-2.0
// The tree's search and order (NodeFilterModel) on a hand-made tree: siblings in natural
// order, matches told apart from the ancestors kept for context, and rows that leave the view
// announced (a selection that moves then is not the user's choice).
#include "nodefiltermodel.h"
#include "nodetreemodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace redpak::gui;

namespace {

// A node of the hand-made tree: alias, and its search text (alias, directory, config text).
QStandardItem* node(const QString& alias, const QString& config = {}) {
    auto* item = new QStandardItem(alias);
    item->setData(alias, NodeTreeModel::AliasRole);
    item->setData(QStringLiteral("/t/") + alias, NodeTreeModel::PathRole);
    item->setData(alias.toLower() + QLatin1Char('\n') + config.toLower(),
                  NodeTreeModel::SearchTextRole);
    return item;
}

QStringList childAliases(const QAbstractItemModel& model, const QModelIndex& parent = {}) {
    QStringList aliases;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        aliases.append(model.index(row, 0, parent).data(NodeTreeModel::AliasRole).toString());
    }
    return aliases;
}

} // namespace

class TestNodeFilterModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void naturalOrder_data() {
        QTest::addColumn<QStringList>("aliases");
        QTest::addColumn<QStringList>("sorted");
        QTest::newRow("numbers by value") << QStringList{"node10", "node2", "node1", "node15"}
                                          << QStringList{"node1", "node2", "node10", "node15"};
        QTest::newRow("case does not split the list")
            << QStringList{"app2", "App1", "zeta", "app10", "editor"}
            << QStringList{"App1", "app2", "app10", "editor", "zeta"};
        QTest::newRow("leading zeros and plain words")
            << QStringList{"v010", "v9", "alpha", "v1"} << QStringList{"alpha", "v1", "v9", "v010"};
    }
    void naturalOrder() {
        QFETCH(QStringList, aliases);
        QFETCH(QStringList, sorted);
        QStandardItemModel source;
        for (const QString& alias : aliases) {
            source.appendRow(node(alias));
        }
        NodeFilterModel filter;
        filter.setSourceModel(&source);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(childAliases(filter), sorted);
    }

    void ordersChildrenToo() {
        QStandardItemModel source;
        QStandardItem* root = node(QStringLiteral("root"));
        root->appendRow(node(QStringLiteral("b10")));
        root->appendRow(node(QStringLiteral("b9")));
        source.appendRow(root);
        NodeFilterModel filter;
        filter.setSourceModel(&source);
        QCOMPARE(childAliases(filter, filter.index(0, 0)), (QStringList{"b9", "b10"}));
    }

    void matchesAreToldApart_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("shown");    // aliases, depth first
        QTest::addColumn<QStringList>("matching"); // the shown ones that match themselves
        QTest::newRow("no search: everything matches")
            << "" << QStringList{"platform", "apps", "browser", "editor"}
            << QStringList{"platform", "apps", "browser", "editor"};
        QTest::newRow("leaf by alias: ancestors for context")
            << "browser" << QStringList{"platform", "apps", "browser"} << QStringList{"browser"};
        QTest::newRow("config text of a leaf")
            << "solarized" << QStringList{"platform", "apps", "editor"} << QStringList{"editor"};
        QTest::newRow("a parent and its child both match")
            << "share_net" << QStringList{"platform", "apps", "browser"}
            << QStringList{"apps", "browser"};
        QTest::newRow("every word must be found")
            << "EDITOR_THEME solarized" << QStringList{"platform", "apps", "editor"}
            << QStringList{"editor"};
        QTest::newRow("nothing") << "nowhere" << QStringList{} << QStringList{};
    }
    void matchesAreToldApart() {
        QFETCH(QString, text);
        QFETCH(QStringList, shown);
        QFETCH(QStringList, matching);
        QStandardItemModel source;
        QStandardItem* platform = node(QStringLiteral("platform"));
        QStandardItem* apps = node(QStringLiteral("apps"), QStringLiteral("share_net: disabled"));
        apps->appendRow(node(QStringLiteral("browser"), QStringLiteral("share_net: enabled")));
        apps->appendRow(node(QStringLiteral("editor"), QStringLiteral("EDITOR_THEME=solarized")));
        platform->appendRow(apps);
        source.appendRow(platform);
        NodeFilterModel filter;
        filter.setSourceModel(&source);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setFilterText(text);
        QStringList seen;
        QStringList seenMatching;
        collect(filter, {}, seen, seenMatching);
        QCOMPARE(seen, shown);
        QCOMPARE(seenMatching, matching);
        QCOMPARE(filter.matchCount(), text.isEmpty() ? 4 : matching.size());
    }

    // Rows that stay shown hear that they turned from match to context.
    void searchAnnouncesMatchChanges() {
        QStandardItemModel source;
        QStandardItem* platform = node(QStringLiteral("platform"));
        platform->appendRow(node(QStringLiteral("browser")));
        source.appendRow(platform);
        NodeFilterModel filter;
        filter.setSourceModel(&source);
        QSignalSpy changed(&filter, &QAbstractItemModel::dataChanged);
        filter.setFilterText(QStringLiteral("browser"));
        const bool announced = std::any_of(changed.begin(), changed.end(), [](const auto& args) {
            return args.at(0).toModelIndex().data(NodeTreeModel::AliasRole) == "platform" &&
                   args.at(2).template value<QList<int>>().contains(
                       NodeFilterModel::SearchMatchRole);
        });
        QVERIFY(announced);
        QVERIFY(!filter.index(0, 0).data(NodeFilterModel::SearchMatchRole).toBool());
    }

    // The search hides the current row: the selection model moves, while the filter says rows
    // are being removed (the tree then ignores the move).
    void removalIsAnnouncedBeforeTheSelectionMoves() {
        QStandardItemModel source;
        source.appendRow(node(QStringLiteral("a1")));
        source.appendRow(node(QStringLiteral("a2")));
        NodeFilterModel filter;
        filter.setSourceModel(&source);
        QItemSelectionModel selection(&filter);
        selection.setCurrentIndex(filter.index(0, 0), QItemSelectionModel::ClearAndSelect);
        QList<bool> removingWhenMoved;
        connect(&selection, &QItemSelectionModel::currentChanged, this,
                [&] { removingWhenMoved.append(filter.isRemovingRows()); });
        filter.setFilterText(QStringLiteral("a2"));
        QVERIFY(!removingWhenMoved.isEmpty());
        QVERIFY(!removingWhenMoved.contains(false));
        QVERIFY(!filter.isRemovingRows());
    }

private:
    static void collect(const QAbstractItemModel& model, const QModelIndex& parent,
                        QStringList& seen, QStringList& matching) {
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            const QString alias = index.data(NodeTreeModel::AliasRole).toString();
            seen.append(alias);
            if (index.data(NodeFilterModel::SearchMatchRole).toBool()) {
                matching.append(alias);
            }
            collect(model, index, seen, matching);
        }
    }
};

QTEST_GUILESS_MAIN(TestNodeFilterModel)
#include "tst_nodefiltermodel.moc"
