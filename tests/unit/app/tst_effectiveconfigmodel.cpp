// SPDX-License-Identifier: Apache-2.0
// The effective view: every item names the node and file it comes from, what it overrode and
// the merge warning; the "why" view lists the definitions in the family.
#include "effectiveconfigmodel.h"
#include "testtree.h"
#include "whymodel.h"

#include <QFile>
#include <QTest>

using namespace redpak::gui;

namespace {

int rowOf(const EffectiveConfigModel& model, const QString& section, const QString& item) {
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        if (index.data(EffectiveConfigModel::SectionRole).toString() == section &&
            index.data(EffectiveConfigModel::ItemRole).toString() == item) {
            return row;
        }
    }
    return -1;
}

} // namespace

class TestEffectiveConfigModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_tree = std::make_unique<test::TestTree>();
        QVERIFY(m_tree->isValid());
    }

    void provenance_data() {
        QTest::addColumn<QString>("section");
        QTest::addColumn<QString>("item");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("overriddenSource");
        QTest::addColumn<bool>("warning");
        QTest::newRow("env redefined by the leaf") << "Environment"
                                                   << "PS1"
                                                   << "browser> "
                                                   << "browser"
                                                   << "apps (normal)" << true;
        QTest::newRow("env from the middle node") << "Environment"
                                                  << "APPS_LAYER"
                                                  << "[Static] demo"
                                                  << "apps"
                                                  << "" << false;
        QTest::newRow("share from the middle node") << "Namespaces"
                                                    << "share_net"
                                                    << "disabled"
                                                    << "apps"
                                                    << "" << false;
        QTest::newRow("share from the root") << "Namespaces"
                                             << "share_pid"
                                             << "disabled"
                                             << "platform"
                                             << "" << false;
        QTest::newRow("capability from the root") << "Capabilities"
                                                  << "cap_sys_admin"
                                                  << "dropped"
                                                  << "platform"
                                                  << "" << false;
        QTest::newRow("export of the leaf") << "Exports"
                                            << "/opt/browser"
                                            << "Restricted \u2190 /usr/share"
                                            << "browser"
                                            << "" << false;
        QTest::newRow("setting of the leaf over the root") << "Settings"
                                                           << "hostname"
                                                           << "browser"
                                                           << "browser"
                                                           << "platform (normal)" << false;
    }
    void provenance() {
        QFETCH(QString, section);
        QFETCH(QString, item);
        QFETCH(QString, value);
        QFETCH(QString, source);
        QFETCH(QString, overriddenSource);
        QFETCH(bool, warning);
        EffectiveConfigModel model;
        model.setNodePath(m_tree->browser());
        QCOMPARE(model.status(), EffectiveConfigModel::Status::Ready);
        QCOMPARE(model.family(), (QStringList{"platform", "apps", "browser"}));
        const int row = rowOf(model, section, item);
        QVERIFY2(row >= 0, qPrintable(item));
        const QModelIndex index = model.index(row);
        QCOMPARE(index.data(EffectiveConfigModel::ValueRole).toString(), value);
        QCOMPARE(index.data(EffectiveConfigModel::SourceAliasRole).toString(), source);
        QVERIFY(index.data(EffectiveConfigModel::SourceFileRole)
                    .toString()
                    .endsWith(QStringLiteral("/etc/redpak.yaml")));
        QVERIFY(index.data(EffectiveConfigModel::LineRole).toInt() > 0);
        QCOMPARE(index.data(EffectiveConfigModel::OverriddenSourceRole).toString(),
                 overriddenSource);
        QCOMPARE(!index.data(EffectiveConfigModel::WarningRole).toString().isEmpty(), warning);
    }

    void firstWarningRow() {
        EffectiveConfigModel model;
        model.setNodePath(m_tree->browser());
        const int row = model.firstWarningRow();
        QVERIFY(row >= 0);
        QVERIFY(!model.index(row).data(EffectiveConfigModel::WarningRole).toString().isEmpty());
        for (int before = 0; before < row; ++before) {
            QVERIFY(
                model.index(before).data(EffectiveConfigModel::WarningRole).toString().isEmpty());
        }
        model.setNodePath(m_tree->platform());
        QCOMPARE(model.firstWarningRow(), -1);
    }

    void adminModeUsesAdminFiles() {
        QFile admin(m_tree->apps() + QStringLiteral("/etc/redpak-admin.yaml"));
        QVERIFY(admin.open(QIODevice::WriteOnly));
        admin.write("headers:\n  alias: apps\nconfig:\n  hostname: admin-host\n");
        admin.close();
        EffectiveConfigModel model;
        model.setNodePath(m_tree->apps());
        int row = rowOf(model, QStringLiteral("Settings"), QStringLiteral("hostname"));
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row).data(EffectiveConfigModel::SourceKindRole).toString(),
                 QStringLiteral("normal"));
        model.setAdminMode(true);
        row = rowOf(model, QStringLiteral("Settings"), QStringLiteral("hostname"));
        QCOMPARE(model.index(row).data(EffectiveConfigModel::ValueRole).toString(),
                 QStringLiteral("admin-host"));
        QCOMPARE(model.index(row).data(EffectiveConfigModel::SourceKindRole).toString(),
                 QStringLiteral("admin"));
    }

    void mergeErrorsAreListed() {
        QFile child(m_tree->browser() + QStringLiteral("/etc/redpak.yaml"));
        QVERIFY(child.open(QIODevice::WriteOnly | QIODevice::Truncate));
        child.write("headers:\n  alias: browser\nconfig:\n  share_net: enabled\n");
        child.close();
        EffectiveConfigModel model;
        model.setNodePath(m_tree->browser());
        QCOMPARE(model.errors().size(), 1);
        QVERIFY2(model.errors().first().contains(QStringLiteral("net")),
                 qPrintable(model.errors().first()));
    }

    void unreadableNodeFails() {
        EffectiveConfigModel model;
        model.setNodePath(m_tree->broken());
        QCOMPARE(model.status(), EffectiveConfigModel::Status::Failed);
        QVERIFY(model.errorString().contains(QStringLiteral("redpak.yaml:4")));
        QCOMPARE(model.rowCount(), 0);
    }

    void whyListsTheChain() {
        EffectiveConfigModel model;
        model.setNodePath(m_tree->browser());
        WhyModel why;
        why.setEffective(&model);
        why.setRow(rowOf(model, QStringLiteral("Environment"), QStringLiteral("PS1")));
        QVERIFY(!why.rule().isEmpty());
        QVERIFY(why.item().contains(QStringLiteral("PS1")));
        QCOMPARE(why.rowCount(), 3); // platform, apps and browser define PS1
        QCOMPARE(why.index(0).data(WhyModel::AliasRole).toString(), QStringLiteral("platform"));
        QCOMPARE(why.index(1).data(WhyModel::EffectRole).toString(), QStringLiteral("overridden"));
        QCOMPARE(why.index(2).data(WhyModel::EffectRole).toString(), QStringLiteral("applied"));
        // Values as core's explain() writes them: the environ mode, then the value.
        QCOMPARE(why.index(2).data(WhyModel::ValueRole).toString(),
                 QStringLiteral("Default browser> "));
        QCOMPARE(why.ruleName(), QStringLiteral("environ-by-key"));
        model.reload(); // a new merge invalidates the selection
        QCOMPARE(why.row(), -1);
        QCOMPARE(why.rowCount(), 0);
    }

    // Spec §2: share_all is a fallback, not a bound. A root's `share_all: disabled` does not
    // forbid a child's `share_ipc: enabled`, and the "why" of share_ipc only lists share_ipc.
    void shareAllIsNoBound() {
        const auto rewrite = [](const QString& node, const QByteArray& text) {
            QFile file(node + QStringLiteral("/etc/redpak.yaml"));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(text);
        };
        rewrite(m_tree->platform(),
                "headers:\n  alias: platform\nconfig:\n  share_all: disabled\n");
        rewrite(m_tree->browser(), "headers:\n  alias: browser\nconfig:\n  share_ipc: enabled\n");
        EffectiveConfigModel model;
        model.setNodePath(m_tree->browser());
        QCOMPARE(model.status(), EffectiveConfigModel::Status::Ready);
        QVERIFY2(model.errors().isEmpty(), qPrintable(model.errors().join('\n')));
        const int row = rowOf(model, QStringLiteral("Namespaces"), QStringLiteral("share_ipc"));
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row).data(EffectiveConfigModel::ValueRole).toString(),
                 QStringLiteral("enabled"));
        WhyModel why;
        why.setEffective(&model);
        why.setRow(row);
        QCOMPARE(why.rowCount(), 1);
        QCOMPARE(why.index(0).data(WhyModel::AliasRole).toString(), QStringLiteral("browser"));
        QCOMPARE(why.index(0).data(WhyModel::EffectRole).toString(), QStringLiteral("applied"));
        QCOMPARE(why.ruleName(), QStringLiteral("share-all-fallback"));
    }

    // $UUID is fresh at each launch: the view shows the tag, the same in every refresh and in
    // the "why" panel, rather than a sample that would change each time.
    void launchValuesStaySymbolic() {
        QFile file(m_tree->browser() + QStringLiteral("/etc/redpak.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray text = file.readAll();
        file.close();
        QVERIFY(text.contains("environ:\n"));
        text.replace("environ:\n", "environ:\n  - key: SESSION\n    value: run-$UUID\n");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
        file.close();

        EffectiveConfigModel model;
        model.setNodePath(m_tree->browser());
        QCOMPARE(model.status(), EffectiveConfigModel::Status::Ready);
        const int row = rowOf(model, QStringLiteral("Environment"), QStringLiteral("SESSION"));
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row).data(EffectiveConfigModel::ValueRole).toString(),
                 QStringLiteral("run-$UUID"));
        model.reload();
        QCOMPARE(model.index(row).data(EffectiveConfigModel::ValueRole).toString(),
                 QStringLiteral("run-$UUID"));
        WhyModel why;
        why.setEffective(&model);
        why.setRow(row);
        QCOMPARE(why.rowCount(), 1);
        QCOMPARE(why.index(0).data(WhyModel::ValueRole).toString(),
                 QStringLiteral("Default run-$UUID"));
    }

private:
    std::unique_ptr<test::TestTree> m_tree;
};

QTEST_GUILESS_MAIN(TestEffectiveConfigModel)
#include "tst_effectiveconfigmodel.moc"
