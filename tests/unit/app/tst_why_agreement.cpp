// SPDX-License-Identifier: Apache-2.0
// The GUI's "why" (WhyModel) and `redconf why --json` give the same answer for every item of
// the effective configuration, over the rows of the merge tables (merge_table_rows.h): each
// family is written to disk, opened by the GUI model and asked of the built redconf.
#include "effectiveconfigmodel.h"
#include "merge_table_rows.h"
#include "redpak/config/writer.h"
#include "redpak/tree/create.h"
#include "whymodel.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace redpak;
using namespace redpak::test;
using redpak::gui::EffectiveConfigModel;
using redpak::gui::WhyModel;

namespace {

void writeFile(const QString& path, const std::string& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.data(), static_cast<qint64>(text.size()));
}

// The nodes /r, /r/c... of `nodes` under `root`, made like `redconf create` does, with the
// configs the table builds. Returns the leaf's directory.
QString writeFamily(const QString& root, const std::vector<NodeSpec>& nodes) {
    for (const NodeSpec& node : nodes) {
        const QString dir = root + QString::fromStdString(node.path);
        const QString normal = dir + ".normal.yaml";
        const QString admin = dir + ".admin.yaml";
        writeFile(normal, writeConfig(node.normal));
        CreateOptions options;
        options.dir = dir.toStdString();
        options.alias = node.normal.headers.alias.value;
        options.normalConfig = normal.toStdString();
        if (node.admin) {
            writeFile(admin, writeConfig(*node.admin));
            options.adminConfig = admin.toStdString();
        }
        createNode(options);
        if (!node.admin) {
            QFile::remove(dir + "/etc/redpak-admin.yaml");
        }
    }
    return root + QString::fromStdString(nodes.back().path);
}

QJsonObject redconfWhy(const QString& leaf, const QString& item, MergeMode mode) {
    QStringList args{"why", "--json", "--redpath", leaf, item};
    if (mode == MergeMode::Admin) {
        args.insert(1, "--admin");
    }
    QProcess process;
    process.start(QStringLiteral(REDPAK_BIN_DIR "/redconf"), args);
    if (!process.waitForFinished(-1) || process.exitCode() != 0) {
        qWarning() << "redconf" << args << process.readAllStandardError();
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

// The GUI's answer for row `row`, compared with redconf's, definition by definition.
void compareRow(EffectiveConfigModel& model, int row, const QString& leaf, MergeMode mode) {
    const QString item = model.index(row).data(EffectiveConfigModel::ExplainItemRole).toString();
    WhyModel why;
    why.setEffective(&model);
    why.setRow(row);
    const QJsonObject cli = redconfWhy(leaf, item, mode);
    QVERIFY2(!cli.isEmpty(), qPrintable(item));
    // A row is an effective item: a wrong item name would find nothing effective in both.
    QVERIFY2(!cli["effective"].isNull(), qPrintable(item));
    QCOMPARE(why.ruleName(), cli["rule"].toString());
    // No translator is loaded: the GUI's wording is core's, word for word.
    QCOMPARE(why.rule(), cli["wording"].toString());
    QCOMPARE(why.effectiveValue(), cli["effective"].toString());
    const QJsonArray definitions = cli["definitions"].toArray();
    QCOMPARE(why.rowCount(), definitions.size());
    for (int i = 0; i < why.rowCount(); ++i) {
        const QJsonObject d = definitions[i].toObject();
        const QModelIndex at = why.index(i);
        QCOMPARE(at.data(WhyModel::EffectRole).toString(), d["effect"].toString());
        QCOMPARE(at.data(WhyModel::AliasRole).toString(), d["alias"].toString());
        QCOMPARE(at.data(WhyModel::NodeRole).toString(), d["node"].toString());
        QCOMPARE(at.data(WhyModel::KindRole).toString(), d["kind"].toString());
        QCOMPARE(at.data(WhyModel::FileRole).toString(), d["file"].toString());
        QCOMPARE(at.data(WhyModel::LineRole).toInt(), d["line"].toInt());
        QCOMPARE(at.data(WhyModel::KeyRole).toString(), d["key"].toString());
        QCOMPARE(at.data(WhyModel::ValueRole).toString(), d["value"].toString());
    }
}

// Every row the GUI shows for the family agrees with redconf; `item`, when the GUI has no row
// for it, is not effective for redconf either.
void checkAgreement(const std::vector<NodeSpec>& nodes, MergeMode mode, const QString& item) {
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString leaf = writeFamily(root.path(), nodes);
    EffectiveConfigModel model;
    model.setAdminMode(mode == MergeMode::Admin);
    model.setNodePath(leaf);
    QCOMPARE(model.status(), EffectiveConfigModel::Status::Ready);
    bool shown = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        shown = shown ||
                model.index(row).data(EffectiveConfigModel::ExplainItemRole).toString() == item;
        compareRow(model, row, leaf, mode);
        if (QTest::currentTestFailed()) {
            qWarning() << "row" << row << model.index(row).data(EffectiveConfigModel::ItemRole);
            return;
        }
    }
    if (!item.isEmpty() && !shown) {
        QVERIFY2(redconfWhy(leaf, item, mode)["effective"].isNull(), qPrintable(item));
    }
}

void setShare(Config& config, Namespace ns, Edu state) {
    section(config).share(ns) = Setting<ShareValue>{ShareValue{state, {}}, {}};
}

void addCap(Config& config, const std::string& name, bool add) {
    section(config).capabilities.push_back(CapabilityEntry{name, add, {}, {}, {}});
}

// A bit of every item kind, from C1 (nearer the root) and C2.
void layoutC1(Config& c) {
    setShare(c, Namespace::All, Edu::Disabled);
    addCap(c, "all", false);
    section(c).hostname = Setting<std::string>{"p", {}};
    section(c).dieWithParent = Setting<Edu>{Edu::Enabled, {}};
    section(c).path = Setting<std::string>{"/r:/shared", {}};
    c.environ.push_back(EnvEntry{"VAR", EnvMode::Static, std::string("P"), {}, {}, {}});
    c.exports.push_back(ExportEntry{ExportMode::Private, "/A", std::string("/p"), {}, {}, {}});
    c.exports.push_back(
        ExportEntry{ExportMode::Restricted, "/data", std::string("/ro"), {}, {}, {}});
    section(c).cgroups.push_back({CgroupController::Mem, "max", "1G", {}});
}
void layoutC2(Config& c) {
    setShare(c, Namespace::Ipc, Edu::Enabled);
    addCap(c, "cap_net_raw", true);
    section(c).hostname = Setting<std::string>{"n", {}};
    section(c).dieWithParent = Setting<Edu>{Edu::Unset, {}};
    section(c).path = Setting<std::string>{"/c:/shared", {}};
    c.environ.push_back(EnvEntry{"VAR", EnvMode::Static, std::string("N"), {}, {}, {}});
    c.exports.push_back(ExportEntry{ExportMode::Public, "/A", std::string("/c"), {}, {}, {}});
    c.exports.push_back(ExportEntry{ExportMode::Public, "//data/", std::string("/rw"), {}, {}, {}});
    section(c).cgroups.push_back({CgroupController::Mem, "max", "512M", {}});
}

} // namespace

class TestWhyAgreement : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The 21-row table of capabilities and sharings, admin mode (every row) and normal mode
    // (admin files written with the opposite value, not read).
    void guardedRows_data() {
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QString>("normal");
        QTest::addColumn<QString>("admin");
        QTest::addColumn<int>("mode");
        for (const GuardedRow& row : kGuardedTable) {
            for (const QString& normal : expandStar(row.normal)) {
                for (const QString& admin : expandStar(row.admin)) {
                    QTest::newRow(qPrintable(
                        QString("admin mode P=%1 N=%2 A=%3").arg(row.parent, normal, admin)))
                        << QString(row.parent) << normal << admin << int(MergeMode::Admin);
                }
                if (QString(row.admin) == "-" && !QString(row.parent).endsWith('A')) {
                    QTest::newRow(
                        qPrintable(QString("normal mode P=%1 N=%2").arg(row.parent, normal)))
                        << QString(row.parent) << normal << QString("-") << int(MergeMode::Normal);
                }
            }
        }
    }
    void guardedRows() {
        QFETCH(QString, parent);
        QFETCH(QString, normal);
        QFETCH(QString, admin);
        QFETCH(int, mode);
        const auto merge = static_cast<MergeMode>(mode);
        const bool poison = merge == MergeMode::Normal;
        checkAgreement(guardedFamily(parent, normal, admin, poison,
                                     [](Config& c, bool on) { addCap(c, "cap_chown", on); }),
                       merge, "cap_chown");
        checkAgreement(guardedFamily(parent, normal, admin, poison,
                                     [](Config& c, bool on) {
                                         setShare(c, Namespace::Net,
                                                  on ? Edu::Enabled : Edu::Disabled);
                                     }),
                       merge, "share_net");
    }

    // The table of environ, exports and other values (admin and normal mode).
    void overrideRows_data() {
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QString>("normal");
        QTest::addColumn<QString>("admin");
        QTest::addColumn<int>("mode");
        for (const OverrideRow& row : kOverrideTable) {
            const QString tag = QString("P=%1 N=%2 A=%3").arg(row.parent, row.normal, row.admin);
            QTest::newRow(qPrintable("admin mode " + tag))
                << QString(row.parent) << QString(row.normal) << QString(row.admin)
                << int(MergeMode::Admin);
            QTest::newRow(qPrintable("normal mode " + tag))
                << QString(row.parent) << QString(row.normal) << QString(row.admin)
                << int(MergeMode::Normal);
        }
    }
    void overrideRows() {
        QFETCH(QString, parent);
        QFETCH(QString, normal);
        QFETCH(QString, admin);
        QFETCH(int, mode);
        const auto define = [](Config& c, const char* value) {
            c.environ.push_back(EnvEntry{"VAR", EnvMode::Static, std::string(value), {}, {}, {}});
            c.exports.push_back(ExportEntry{ExportMode::Public,
                                            value[0] == 'P' ? "/m" : "//m/",
                                            "/" + std::string(value),
                                            {},
                                            {},
                                            {}});
            section(c).hostname = Setting<std::string>{value, {}};
        };
        const auto family = overrideFamily(parent, normal, admin, define);
        checkAgreement(family, static_cast<MergeMode>(mode), "environ:VAR");
    }

    // The five layouts of the reference cases, normal and admin mode, with every item kind.
    void layouts_data() {
        QTest::addColumn<int>("layout");
        QTest::addColumn<int>("mode");
        for (std::size_t i = 0; i < std::size(kLayouts); ++i) {
            for (const MergeMode mode : {MergeMode::Normal, MergeMode::Admin}) {
                QTest::newRow(qPrintable(
                    QString("%1, %2 mode")
                        .arg(kLayouts[i].name, mode == MergeMode::Admin ? "admin" : "normal")))
                    << int(i) << int(mode);
            }
        }
    }
    void layouts() {
        QFETCH(int, layout);
        QFETCH(int, mode);
        checkAgreement(layoutFamily(kLayouts[layout], layoutC1, layoutC2),
                       static_cast<MergeMode>(mode), "hostname");
    }
};

QTEST_GUILESS_MAIN(TestWhyAgreement)
#include "tst_why_agreement.moc"
