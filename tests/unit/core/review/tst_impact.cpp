// SPDX-License-Identifier: Apache-2.0
// Tree-wide impact on real trees: every descendant whose effective configuration changes, with
// its diff, new merge errors and score change; nothing is written.
#include "redpak/base/digest.h"
#include "redpak/review/findings.h"
#include "redpak/review/impact.h"
#include "redpak/tree/create.h"
#include "redpak/tree/templates.h"
#include "review_fixtures.h"

#include <QtTest>

using namespace redpak;
using namespace redpak::test;

class TestImpact : public QObject {
    Q_OBJECT

private slots:
    void init();
    void parentSharingNetworkWidensChildren();
    void newMergeErrorsAndFixedOnes();
    void plainDirectoryBreaksTheFamily();
    void noChangeReportsNothing();
    void adminModeKeepsTheAdminDecision();
    void adminFileImpact_data();
    void adminFileImpact();
    void diffOfTwoNodes();
    void jsonReport();
    void notANode();
    void creationGrantIsTheCreatedNodesGrant_data();
    void creationGrantIsTheCreatedNodesGrant();
    void grantOfARootComparesWithNothing();
    void editCheck_data();
    void editCheck();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::filesystem::path m_root;
};

void TestImpact::init() {
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_root = std::filesystem::path(m_tmp->path().toStdString()) / "r";
    writeNode(m_root, "config:\n  share_pid: disabled\n");
    writeNode(m_root / "open", "");                                   // inherits the network
    writeNode(m_root / "closed", "config:\n  share_net: disabled\n"); // keeps its own
    writeNode(m_root / "open" / "deep", "");
}

void TestImpact::parentSharingNetworkWidensChildren() {
    const std::string before = readText(m_root / "etc/redpak.yaml");
    const ImpactReport report = computeImpact(
        m_root, parseBody("r", "config:\n  share_pid: disabled\n  share_net: enabled\n"));
    QCOMPARE(readText(m_root / "etc/redpak.yaml"), before); // in memory only
    QCOMPARE(report.examined, std::size_t(4));
    QCOMPARE(report.fileDiff.count(Direction::Widening), std::size_t(1));
    std::vector<std::string> changed;
    for (const NodeImpact& node : report.nodes) {
        changed.push_back(std::filesystem::path(node.node).filename().string());
        const Change* net = changeOf(node.diff, "namespace net");
        QVERIFY(net);
        QCOMPARE(name(net->direction), name(Direction::Widening));
        QVERIFY2(node.scoreAfter > node.scoreBefore, node.node.c_str());
    }
    QCOMPARE(changed, (std::vector<std::string>{"r", "open", "deep"}));
    QCOMPARE(report.nodes[2].depth, 2);
    const std::string text = formatImpactText(report);
    QVERIFY(text.find("widening namespace net: unshared -> shared") != std::string::npos);
    QVERIFY(text.find("3 of 4 node(s) change") != std::string::npos);
}

void TestImpact::newMergeErrorsAndFixedOnes() {
    writeNode(m_root / "closed", "config:\n  share_pid: enabled\n"); // already refused by r
    const ImpactReport report =
        computeImpact(m_root, parseBody("r", "config:\n  share_net: disabled\n"));
    // open/deep do not set share_net: nothing refused; closed's share_pid error is fixed.
    QVERIFY(!report.hasNewErrors());
    bool fixed = false;
    for (const NodeImpact& node : report.nodes) {
        fixed = fixed || !node.fixedErrors.empty();
    }
    QVERIFY(fixed);
    writeNode(m_root / "open", "config:\n  share_net: enabled\n");
    const ImpactReport refused =
        computeImpact(m_root, parseBody("r", "config:\n  share_net: disabled\n"));
    QVERIFY(refused.hasNewErrors());
}

void TestImpact::plainDirectoryBreaksTheFamily() {
    writeNode(m_root / "plain" / "orphan", "");
    const ImpactReport report =
        computeImpact(m_root, parseBody("r", "config:\n  share_net: enabled\n"));
    for (const NodeImpact& node : report.nodes) {
        QVERIFY(node.node.find("orphan") == std::string::npos);
    }
    QCOMPARE(report.examined, std::size_t(4));
}

void TestImpact::noChangeReportsNothing() {
    const ImpactReport report = computeImpact(m_root, loadConfigFile(m_root / "etc/redpak.yaml"));
    QVERIFY(report.nodes.empty());
    QVERIFY(report.fileDiff.empty());
}

void TestImpact::adminModeKeepsTheAdminDecision() {
    // The parent's admin file unshares the network: in admin mode the normal file cannot widen.
    writeNode(m_root, "config:\n  share_pid: disabled\n",
              std::string("config:\n  share_net: disabled\n"));
    const Config open = parseBody("r", "config:\n  share_pid: disabled\n  share_net: enabled\n");
    QVERIFY(computeImpact(m_root, open, MergeMode::Admin).count(Direction::Widening) == 0);
    QVERIFY(computeImpact(m_root, open, MergeMode::Normal).count(Direction::Widening) > 0);
}

// Replacing an admin file is reviewed in admin mode, where admin files take part: an admin
// parent overrides what a child's normal file says, and an admin decision binds admin children.
void TestImpact::adminFileImpact_data() {
    QTest::addColumn<QString>("rootNormal");
    QTest::addColumn<QString>("rootAdmin");   // empty: r has no admin file
    QTest::addColumn<QString>("edited");      // the node whose admin file is replaced
    QTest::addColumn<QString>("replacement"); // empty: the admin file is removed
    QTest::addColumn<QStringList>("widened"); // nodes whose network becomes shared
    QTest::addColumn<QStringList>("narrowed");
    QTest::addColumn<bool>("newErrors");
    const QString shareNet = "config:\n  share_net: enabled\n";
    const QString unshareNet = "config:\n  share_net: disabled\n";
    // "closed" unshares in its normal file, which an admin parent overrides.
    QTest::newRow("new admin file shares the network")
        << "config:\n  share_pid: disabled\n"
        << ""
        << "r" << shareNet << QStringList{"closed", "deep", "open", "r"} << QStringList{} << false;
    QTest::newRow("admin file that unshared it removed")
        << shareNet << unshareNet << "r"
        << "" << QStringList{"deep", "open", "r"} << QStringList{} << false;
    QTest::newRow("new admin file unshares the network")
        << shareNet << ""
        << "r" << unshareNet << QStringList{} << QStringList{"deep", "open", "r"} << false;
    QTest::newRow("child admin file against the parent's admin decision")
        << "" << unshareNet << "open" << shareNet << QStringList{} << QStringList{} << true;
}

void TestImpact::adminFileImpact() {
    QFETCH(QString, rootNormal);
    QFETCH(QString, rootAdmin);
    QFETCH(QString, edited);
    QFETCH(QString, replacement);
    QFETCH(QStringList, widened);
    QFETCH(QStringList, narrowed);
    QFETCH(bool, newErrors);
    writeNode(m_root, rootNormal.toStdString(),
              rootAdmin.isEmpty() ? std::nullopt : std::optional(rootAdmin.toStdString()));
    const std::filesystem::path node = edited == "r" ? m_root : m_root / edited.toStdString();
    const std::filesystem::path adminFile = node / "etc/redpak-admin.yaml";
    const bool existed = std::filesystem::exists(adminFile);
    const std::string before = existed ? readText(adminFile) : std::string();
    std::optional<Config> config;
    if (!replacement.isEmpty()) {
        config = parseBody(edited.toStdString(), replacement.toStdString());
    }

    const ImpactReport report = computeAdminImpact(node, config);
    QCOMPARE(std::filesystem::exists(adminFile), existed); // in memory only
    QCOMPARE(existed ? readText(adminFile) : std::string(), before);
    QCOMPARE(report.file, adminFile.string());
    QVERIFY(!report.fileDiff.empty());
    QCOMPARE(report.hasNewErrors(), newErrors);
    QStringList gotWidened;
    QStringList gotNarrowed;
    for (const NodeImpact& impact : report.nodes) {
        const QString alias = QString::fromStdString(impact.alias);
        const Change* net = changeOf(impact.diff, "namespace net");
        if (net && net->direction == Direction::Widening) {
            gotWidened << alias;
            QVERIFY2(impact.scoreAfter > impact.scoreBefore, impact.node.c_str());
        } else if (net && net->direction == Direction::Narrowing) {
            gotNarrowed << alias;
            QVERIFY2(impact.scoreAfter < impact.scoreBefore, impact.node.c_str());
        }
    }
    gotWidened.sort();
    gotNarrowed.sort();
    QCOMPARE(gotWidened, widened);
    QCOMPARE(gotNarrowed, narrowed);

    if (config) {
        // Read from a file, the replacement gives the same report.
        const std::filesystem::path file = m_root.parent_path() / "replacement.yaml";
        writeText(file, configText(edited.toStdString(), replacement.toStdString()));
        QCOMPARE(formatImpactJson(computeAdminImpact(node, file)), formatImpactJson(report));
    }
}

void TestImpact::diffOfTwoNodes() {
    // Siblings compare as launched: both have their own network (one by default, one by rule).
    QVERIFY(!changeOf(diffNodes(m_root / "open", m_root / "closed"), "namespace net"));
    writeNode(m_root / "open", "config:\n  share_net: enabled\n");
    const Diff diff = diffNodes(m_root / "closed", m_root / "open");
    const Change* net = changeOf(diff, "namespace net");
    QVERIFY2(net, formatDiffText(diff).c_str());
    QCOMPARE(name(net->direction), name(Direction::Widening));
}

void TestImpact::jsonReport() {
    const ImpactReport report = computeImpact(
        m_root, parseBody("r", "config:\n  share_net: enabled\n  share_pid: disabled\n"));
    const QJsonObject json =
        QJsonDocument::fromJson(QByteArray::fromStdString(formatImpactJson(report))).object();
    QCOMPARE(json["changed"].toInt(), 3);
    QCOMPARE(json["widening"].toInt(), 3);
    const QJsonObject first = json["nodes"].toArray().at(0).toObject();
    QVERIFY(first["scoreAfter"].toDouble() > first["scoreBefore"].toDouble());
    QCOMPARE(first["diff"].toObject()["changes"].toArray().at(0).toObject()["direction"].toString(),
             QString("widening"));
}

void TestImpact::notANode() {
    QVERIFY_THROWS_EXCEPTION(InputError, computeImpact(m_root / "etc", parseBody("x", "")));
}

namespace {

// What a grant says, headers aside (the creation info and the alias differ by design).
QStringList grantLines(const ImpactReport& report) {
    QStringList lines;
    for (const NodeImpact& node : report.nodes) {
        lines << QString::fromStdString(node.node + " score " + formatScore(node.scoreBefore) +
                                        " -> " + formatScore(node.scoreAfter));
        for (const Change& c : node.diff.changes) {
            if (c.category != "header") {
                lines << QString::fromStdString(std::string(toString(c.direction)) + " " + c.item +
                                                ": " + c.before.value_or("-") + " -> " +
                                                c.after.value_or("-"));
            }
        }
        lines << QString::number(node.newErrors.size()) + " new errors";
    }
    return lines;
}

} // namespace

// The review of a node to create is the review of that node once created, for every built-in
// template, below a node and at the top of a tree; nothing is written before createNode.
void TestImpact::creationGrantIsTheCreatedNodesGrant_data() {
    QTest::addColumn<QString>("templateName");
    QTest::addColumn<QString>("parent"); // relative to the tree
    for (const std::string& name : templateNames()) {
        for (const char* parent : {"r", "r/open", "plain"}) {
            QTest::addRow("%s below %s", name.c_str(), parent)
                << QString::fromStdString(name) << QString::fromLatin1(parent);
        }
    }
}

void TestImpact::creationGrantIsTheCreatedNodesGrant() {
    QFETCH(QString, templateName);
    QFETCH(QString, parent);
    const std::filesystem::path dir = m_root.parent_path() / parent.toStdString() / "made";
    std::filesystem::create_directories(dir.parent_path());
    const ImpactReport preview = computeCreationGrant(dir, "made", templateName.toStdString());
    QVERIFY(!std::filesystem::exists(dir));
    QCOMPARE(preview.nodes.size(), std::size_t(1));
    QCOMPARE(preview.nodes[0].depth, 0);
    createNode({dir, std::string("made"), {}, {}, templateName.toStdString()});
    QCOMPARE(grantLines(preview), grantLines(computeNodeGrant(dir)));
}

// A root's grant is compared with no configuration at all; a child's with its parent.
void TestImpact::grantOfARootComparesWithNothing() {
    const ImpactReport report = computeNodeGrant(m_root);
    QCOMPARE(report.nodes.size(), std::size_t(1));
    QCOMPARE(report.node, m_root.string());
    // A child that says nothing grants nothing more than its parent.
    const ImpactReport child = computeNodeGrant(m_root / "open");
    QVERIFY2(child.count(Direction::Widening) == 0, formatImpactText(child).c_str());
    // A child that shares the network widens.
    writeNode(m_root / "open", "config:\n  share_net: enabled\n");
    const ImpactReport shared = computeNodeGrant(m_root / "open");
    const Change* net = changeOf(shared.nodes[0].diff, "namespace net");
    QVERIFY(net);
    QCOMPARE(name(net->direction), name(Direction::Widening));
    QVERIFY_THROWS_EXCEPTION(InputError, computeCreationGrant(m_root / "x", "x", "no-such"));
}

// checkEdit: the edited file merged with the node's ancestors on disk (r disables share_pid).
void TestImpact::editCheck_data() {
    QTest::addColumn<QString>("body"); // the edited config of `closed`
    QTest::addColumn<bool>("admin");
    QTest::addColumn<int>("errors");
    QTest::addColumn<int>("newWarnings");
    QTest::newRow("as on disk") << "config:\n  share_net: disabled\n" << false << 0 << 0;
    QTest::newRow("a parent forbids it") << "config:\n  share_pid: enabled\n" << false << 1 << 0;
    QTest::newRow("an allowed redefinition") << "config:\n  share_net: enabled\n"
                                             << false << 0 << 0;
    // Admin mode: the leaf's admin file decides over the family's normal files.
    QTest::newRow("admin file over the parents' normal files") << "config:\n  share_pid: enabled\n"
                                                               << true << 0 << 0;
}

void TestImpact::editCheck() {
    QFETCH(QString, body);
    QFETCH(bool, admin);
    QFETCH(int, errors);
    QFETCH(int, newWarnings);
    const std::string before = readText(m_root / "closed/etc/redpak.yaml");
    const EditCheck check = checkEdit(m_root / "closed", parseBody("closed", body.toStdString()),
                                      admin ? ConfigKind::Admin : ConfigKind::Normal);
    QCOMPARE(readText(m_root / "closed/etc/redpak.yaml"), before); // in memory only
    QCOMPARE(static_cast<int>(check.errors.size()), errors);
    QCOMPARE(static_cast<int>(check.newWarnings.size()), newWarnings);
    for (const MergeError& error : check.errors) {
        QCOMPARE(error.ancestor, m_root.string());
        QVERIFY(error.diagnostic.line > 0); // at the refused key of the edited file
    }
}

QTEST_GUILESS_MAIN(TestImpact)
#include "tst_impact.moc"
