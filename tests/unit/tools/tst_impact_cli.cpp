// SPDX-License-Identifier: Apache-2.0
// `redconf impact --with-admin FILE` as built: the impact of replacing a node's admin config,
// merged in admin mode, with the exit codes of the other review commands (0 nothing to report,
// 1 reported at or above --fail-on, 2 usage or input error). Nothing is written.
#include "review_fixtures.h"

#include <QtTest>

using namespace redpak::test;

namespace {

Run redconf(const QStringList& args) {
    return run(QStringLiteral("redconf"), args);
}

} // namespace

class TestImpactCli : public QObject {
    Q_OBJECT

private slots:
    void init() {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_dir = std::filesystem::path(m_tmp->path().toStdString());
        // "closed" unshares the network in its normal file: an admin parent overrides it.
        writeNode(m_dir / "r", "");
        writeNode(m_dir / "r/open", "");
        writeNode(m_dir / "r/closed", "config:\n  share_net: disabled\n");
        writeText(m_dir / "share.yaml", configText("r", "config:\n  share_net: enabled\n"));
        writeText(m_dir / "same.yaml", configText("r", ""));
        writeText(m_dir / "broken.yaml", "headers: [\n");
    }

    void adminReplacement_data() {
        QTest::addColumn<QStringList>("args"); // after "impact --json --redpath r"
        QTest::addColumn<int>("status");
        QTest::addColumn<QStringList>("widened"); // aliases whose network becomes shared
        QTest::newRow("admin file shares the network")
            << QStringList{"--with-admin", "share.yaml"} << 1 << QStringList{"closed", "open", "r"};
        // The same file as a normal config: "closed" keeps its own network.
        QTest::newRow("same file as the normal config")
            << QStringList{"--with", "share.yaml"} << 1 << QStringList{"open", "r"};
        QTest::newRow("admin file that changes nothing a launch does")
            << QStringList{"--with-admin", "same.yaml"} << 0 << QStringList{};
        QTest::newRow("both files at once")
            << QStringList{"--with", "share.yaml", "--with-admin", "share.yaml"} << 2
            << QStringList{};
        QTest::newRow("invalid admin file")
            << QStringList{"--with-admin", "broken.yaml"} << 2 << QStringList{};
    }
    void adminReplacement() {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(QStringList, widened);
        for (QString& arg : args) {
            if (arg.endsWith(".yaml")) {
                arg = path(arg);
            }
        }
        const Run result = redconf(QStringList{"impact", "--json", "--redpath", path("r")} + args);
        QVERIFY2(result.status == status, result.err.constData());
        QVERIFY(!QFileInfo::exists(path("r/etc/redpak-admin.yaml"))); // nothing written
        if (status == 2) {
            QVERIFY(result.out.isEmpty());
            QVERIFY(!result.err.isEmpty());
            return;
        }
        const QJsonObject json = QJsonDocument::fromJson(result.out).object();
        const bool admin = args.first() == "--with-admin";
        QCOMPARE(json["file"].toString(),
                 path(admin ? "r/etc/redpak-admin.yaml" : "r/etc/redpak.yaml"));
        QStringList got;
        for (const QJsonValue& node : json["nodes"].toArray()) {
            for (const QJsonValue& change :
                 node.toObject()["diff"].toObject()["changes"].toArray()) {
                const QJsonObject c = change.toObject();
                if (c["item"].toString() == "namespace net" &&
                    c["direction"].toString() == "widening") {
                    got << node.toObject()["alias"].toString();
                }
            }
        }
        got.sort();
        QCOMPARE(got, widened);
    }

private:
    QString path(const QString& relative) const {
        return QString::fromStdString((m_dir / relative.toStdString()).string());
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::filesystem::path m_dir;
};

QTEST_GUILESS_MAIN(TestImpactCli)
#include "tst_impact_cli.moc"
