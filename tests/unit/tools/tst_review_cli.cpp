// SPDX-License-Identifier: Apache-2.0
// The review commands as built (build/bin/redconf, redwrap): JSON output and the exit codes CI
// relies on (0 nothing to report, 1 reported at or above --fail-on, 2 usage or input error).
#include "review_fixtures.h"

#include <QRegularExpression>
#include <QtTest>

using namespace redpak::test;

namespace {

Run redconf(const QStringList& args) {
    return run("redconf", args);
}

const char* const kQuiet = "config:\n  cgroups:\n    pids:\n      max: '100'\n    mem:\n      max: "
                           "1G\n    cpu:\n      max: '50000 100000'\n";

} // namespace

class TestReviewCli : public QObject {
    Q_OBJECT

private slots:
    void init();
    void exitCodes_data();
    void exitCodes();
    void diffJson();
    void impactJson();
    void lintJson();
    void auditCycle();
    void redwrapRequiresAudit();
    void templateNodesLint_data();
    void templateNodesLint();
    void launchValuesMakeNoChange();

private:
    QString path(const std::string& relative) const {
        return QString::fromStdString((m_dir / relative).string());
    }
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::filesystem::path m_dir;
};

void TestReviewCli::init() {
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_dir = m_tmp->path().toStdString();
    writeNode(m_dir / "r", kQuiet);
    writeNode(m_dir / "r/a", "config:\n  smack: A\n");
    writeNode(m_dir / "r/b", "config:\n  smack: B\n");
    writeNode(m_dir / "quiet", kQuiet);
    writeText(m_dir / "closed.yaml", configText("x", kQuiet));
    writeText(m_dir / "open.yaml", configText("x", std::string(kQuiet) + "  share_net: enabled\n"));
    writeText(m_dir / "tidy.yaml", configText("x", std::string(kQuiet) + "  chdir: /srv\n"));
    writeText(m_dir / "broken.yaml", "headers:\n  alias: [\n");
}

void TestReviewCli::exitCodes_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("status");
    QTest::newRow("diff identical") << QStringList{"diff", "closed.yaml", "closed.yaml"} << 0;
    QTest::newRow("diff widening") << QStringList{"diff", "closed.yaml", "open.yaml"} << 1;
    QTest::newRow("diff widening, fail on error")
        << QStringList{"diff", "--fail-on", "error", "closed.yaml", "open.yaml"} << 0;
    QTest::newRow("diff narrowing") << QStringList{"diff", "open.yaml", "closed.yaml"} << 0;
    QTest::newRow("diff neutral, fail on info")
        << QStringList{"diff", "--fail-on=info", "closed.yaml", "tidy.yaml"} << 1;
    QTest::newRow("diff nodes") << QStringList{"diff", "r/a", "r/b"} << 0;
    QTest::newRow("diff invalid file") << QStringList{"diff", "closed.yaml", "broken.yaml"} << 2;
    QTest::newRow("diff missing file") << QStringList{"diff", "closed.yaml", "nothing.yaml"} << 2;
    QTest::newRow("diff file and node") << QStringList{"diff", "closed.yaml", "r"} << 2;
    QTest::newRow("diff bad severity")
        << QStringList{"diff", "--fail-on", "fatal", "closed.yaml", "open.yaml"} << 2;
    QTest::newRow("diff one operand") << QStringList{"diff", "closed.yaml"} << 2;
    QTest::newRow("impact widening")
        << QStringList{"impact", "--redpath", "r", "--with", "open.yaml"} << 1;
    // Only the alias differs: a neutral change of the file, the effective configs are the same.
    QTest::newRow("impact neutral")
        << QStringList{"impact", "--redpath", "r", "--with", "closed.yaml"} << 0;
    QTest::newRow("impact neutral, fail on info")
        << QStringList{"impact", "--fail-on", "info", "--redpath", "r", "--with", "closed.yaml"}
        << 1;
    QTest::newRow("impact without --with") << QStringList{"impact", "--redpath", "r"} << 2;
    QTest::newRow("impact invalid file")
        << QStringList{"impact", "--redpath", "r", "--with", "broken.yaml"} << 2;
    QTest::newRow("lint quiet node") << QStringList{"lint", "--redpath", "quiet"} << 0;
    QTest::newRow("lint tree with distinct labels")
        << QStringList{"lint", "--redpath", "r", "--recursive"} << 0;
    QTest::newRow("lint not a node") << QStringList{"lint", "--redpath", "nothing"} << 2;
    QTest::newRow("audit never approved")
        << QStringList{"audit", "status", "--redpath", "quiet"} << 1;
    QTest::newRow("audit never approved, fail on error")
        << QStringList{"audit", "status", "--redpath", "quiet", "--fail-on", "error"} << 0;
    QTest::newRow("audit unknown action") << QStringList{"audit", "bless", "quiet"} << 2;
    QTest::newRow("audit approve recursive")
        << QStringList{"audit", "approve", "--recursive", "quiet"} << 2;
}

void TestReviewCli::exitCodes() {
    QFETCH(QStringList, args);
    QFETCH(int, status);
    QStringList absolute;
    for (const QString& arg : args) {
        absolute << (arg.endsWith(".yaml") || arg == "r" || arg.startsWith("r/") ||
                             arg == "quiet" || arg == "nothing"
                         ? path(arg.toStdString())
                         : arg);
    }
    const Run result = redconf(absolute);
    QVERIFY2(result.status == status, (result.out + result.err).constData());
}

void TestReviewCli::diffJson() {
    const Run result = redconf({"diff", "--json", path("closed.yaml"), path("open.yaml")});
    QCOMPARE(result.status, 1);
    const QJsonObject json = result.json();
    QCOMPARE(json["summary"].toString(), QString("1 widening, 0 narrowing, 0 neutral"));
    const QJsonObject change = json["changes"].toArray().at(0).toObject();
    QCOMPARE(change["item"].toString(), QString("share_net"));
    QCOMPARE(change["after"].toString(), QString("enabled"));
}

void TestReviewCli::impactJson() {
    writeNode(m_dir / "t", "");
    writeNode(m_dir / "t/child", "");
    writeText(m_dir / "t-open.yaml", configText("t", "config:\n  share_net: enabled\n"));
    const Run result =
        redconf({"impact", "--json", "--redpath", path("t"), "--with", path("t-open.yaml")});
    QCOMPARE(result.status, 1);
    const QJsonArray nodes = result.json()["nodes"].toArray();
    QCOMPARE(nodes.size(), 2);
    const QJsonObject child = nodes.at(1).toObject();
    QCOMPARE(child["node"].toString(), path("t/child"));
    QCOMPARE(child["diff"].toObject()["widening"].toInt(), 1);
    QVERIFY(child["scoreAfter"].toDouble() > child["scoreBefore"].toDouble());
    QCOMPARE(readText(m_dir / "t/etc/redpak.yaml"), configText("t", "")); // untouched
}

void TestReviewCli::lintJson() {
    writeNode(m_dir / "s", "");
    writeNode(m_dir / "s/x", "config:\n  share_net: enabled\n");
    writeNode(m_dir / "s/y", "");
    const Run result = redconf({"lint", "--json", "--recursive", "--redpath", path("s")});
    QCOMPARE(result.status, 1);
    const QJsonObject json = result.json();
    QCOMPARE(json["highest"].toString(), QString("warning"));
    QCOMPARE(json["tree"].toArray().at(0).toObject()["id"].toString(), QString("tree.same-user"));
    const QJsonArray nodes = json["nodes"].toArray();
    QCOMPARE(nodes.size(), 3);
    bool netShared = false;
    for (const QJsonValue finding : nodes.at(1).toObject()["findings"].toArray()) {
        netShared = netShared || finding.toObject()["id"].toString() == "ns.shared";
    }
    QVERIFY(netShared);
    QVERIFY(nodes.at(1).toObject()["score"].toDouble() >
            nodes.at(2).toObject()["score"].toDouble());
    QCOMPARE(redconf({"lint", "--recursive", "--redpath", path("s"), "--fail-on", "error"}).status,
             0);
}

void TestReviewCli::auditCycle() {
    const QString node = path("r/a");
    QCOMPARE(redconf({"audit", "approve", "--redpath", node, "--comment", "ok for release"}).status,
             0);
    Run status = redconf({"audit", "status", "--json", "--redpath", node});
    QCOMPARE(status.status, 0);
    QJsonObject first = status.json()["nodes"].toArray().at(0).toObject();
    QCOMPARE(first["state"].toString(), QString("approved"));
    QCOMPARE(first["approval"].toObject()["comment"].toString(), QString("ok for release"));

    writeText(m_dir / "r/etc/redpak.yaml",
              configText("r", std::string(kQuiet) + "  share_ipc: enabled\n"));
    status = redconf({"audit", "status", "--json", "--redpath", node});
    QCOMPARE(status.status, 1);
    first = status.json()["nodes"].toArray().at(0).toObject();
    QCOMPARE(first["state"].toString(), QString("drifted"));
    QCOMPARE(first["drift"].toArray().at(0).toObject()["path"].toString(),
             path("r/etc/redpak.yaml"));
    QCOMPARE(first["semantic"].toObject()["widening"].toInt(), 1);

    const Run diff = redconf({"audit", "diff", "--redpath", node});
    QCOMPARE(diff.status, 1);
    QVERIFY(diff.out.contains("+  share_ipc: enabled"));
    QVERIFY(diff.out.contains("widening namespace ipc"));
    const Run tree = redconf({"audit", "status", "--recursive", "--json", path("r")});
    QCOMPARE(tree.json()["nodes"].toArray().size(), 3);
}

void TestReviewCli::redwrapRequiresAudit() {
    const QString node = path("r/b");
    const QStringList args{"--require-audit", "--dump-only", "--redpath", node};
    QVERIFY(run("redwrap", args).status != 0); // never approved
    QCOMPARE(redconf({"audit", "approve", node}).status, 0);
    const Run approved = run("redwrap", args);
    QVERIFY2(approved.status == 0, approved.err.constData());
    QVERIFY(approved.out.startsWith("DUMP: "));
    writeText(m_dir / "r/b/etc/redpak.yaml",
              configText("b", "config:\n  smack: B\n  share_net: enabled\n"));
    const Run drifted = run("redwrap", args);
    QVERIFY(drifted.status != 0);
    QVERIFY(drifted.out.isEmpty());
    QVERIFY(drifted.err.contains("drifted"));
    QCOMPARE(run("redwrap", {"--dump-only", "--redpath", node}).status, 0); // no policy, no check
}

void TestReviewCli::templateNodesLint_data() {
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QStringList>("lintOptions");
    QTest::addColumn<int>("status");
    // Findings at warning or above, "id" or "id item" (README, "Findings on new nodes").
    QTest::addColumn<QStringList>("warnings");
    for (const char* name : {"root", "leaf", "full"}) {
        QTest::newRow(name) << name << QStringList{} << 0 << QStringList{};
    }
    // The graphical presets: the X11 display is a warning of its own (README "Graphical
    // applications").
    QTest::newRow("x11") << "x11" << QStringList{} << 1
                         << QStringList{"desktop.x11 export /tmp/.X11-unix (/tmp/.X11-unix)"};
    QTest::newRow("leaf, admin") << "leaf" << QStringList{"--admin"} << 0 << QStringList{};
    // Admin sessions of root and full share the network on purpose (package installation).
    QTest::newRow("root, admin") << "root" << QStringList{"--admin"} << 1
                                 << QStringList{"ns.shared namespace net (shared with the host)"};
    QTest::newRow("full, admin") << "full" << QStringList{"--admin"} << 1
                                 << QStringList{"ns.shared namespace net (shared with the host)"};
    // Two nodes of a tree run as the same user: rec. 2 asks to separate them (set-user/smack).
    QTest::newRow("root and a default child, recursive")
        << "root" << QStringList{"--recursive"} << 1 << QStringList{"tree.same-user"};
}

void TestReviewCli::templateNodesLint() {
    QFETCH(QString, templateName);
    QFETCH(QStringList, lintOptions);
    QFETCH(int, status);
    QFETCH(QStringList, warnings);
    const QString node = path("new-" + templateName.toStdString());
    Run created = redconf({"create", "--template", templateName, node});
    QVERIFY2(created.status == 0, created.err.constData());
    if (lintOptions.contains("--recursive")) {
        created = redconf({"create", node + "/child"}); // the default template
        QVERIFY2(created.status == 0, created.err.constData());
    }
    const Run lint = redconf(QStringList{"lint", "--json"} + lintOptions + QStringList{node});
    QVERIFY2(lint.status == status, (lint.out + lint.err).constData());
    QStringList found;
    const auto collect = [&found](const QJsonArray& findings) {
        for (const QJsonValue value : findings) {
            const QJsonObject finding = value.toObject();
            if (finding["severity"].toString() != "info") {
                found << (finding["id"].toString() == "tree.same-user"
                              ? finding["id"].toString()
                              : finding["id"].toString() + " " + finding["item"].toString());
            }
        }
    };
    for (const QJsonValue value : lint.json()["nodes"].toArray()) {
        collect(value.toObject()["findings"].toArray());
    }
    collect(lint.json()["tree"].toArray());
    QCOMPARE(found, warnings);
}

void TestReviewCli::launchValuesMakeNoChange() {
    // Unchanged files that use $UUID: nothing to report even at --fail-on info.
    writeNode(m_dir / "u", std::string(kQuiet) + "  hostname: 'h-$UUID'\n"
                                                 "environ:\n  - key: ID\n    value: 'id-$UUID'\n");
    const QString node = path("u");
    const Run diff = redconf({"diff", "--fail-on", "info", node, node});
    QVERIFY2(diff.status == 0, diff.out.constData());
    QVERIFY(diff.out.contains("no change"));
    const Run impact = redconf(
        {"impact", "--fail-on", "info", "--redpath", node, "--with", path("u/etc/redpak.yaml")});
    QVERIFY2(impact.status == 0, impact.out.constData());
    QCOMPARE(redconf({"audit", "approve", node}).status, 0);
    const Run status = redconf({"audit", "status", "--fail-on", "info", node});
    QVERIFY2(status.status == 0, status.out.constData());
    // The launch still gets a fresh UUID.
    const Run dump = run("redwrap", {"--dump-only", "--redpath", node});
    QCOMPARE(dump.status, 0);
    QVERIFY(QRegularExpression("id-[0-9a-f]{8}-[0-9a-f]{4}-4").match(dump.out).hasMatch());
    QVERIFY(!dump.out.contains("$UUID"));
}

QTEST_GUILESS_MAIN(TestReviewCli)
#include "tst_review_cli.moc"
