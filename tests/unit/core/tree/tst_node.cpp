// SPDX-License-Identifier: Apache-2.0
// Discovery: status files, normal/admin configs (current and legacy names), the family through
// direct parent directories only, tree enumeration.
#include "files.h"
#include "redpak/merge/merge.h"
#include "redpak/tree/node.h"

#include <QObject>
#include <QTemporaryDir>

using namespace redpak;
namespace fs = std::filesystem;

namespace {

const QByteArray kStatus = "state: Enable\nrealpath: /x\ntimestamp: 1\ninfo: test\n";

// A node made by hand (not with createNode, which has its own tests).
void makeNode(const fs::path& base, const QByteArray& alias, bool admin = false,
              bool legacy = false, const QByteArray& status = kStatus) {
    testutil::writeFile(base / ".rednode.yaml", status);
    const QByteArray config = "headers:\n  alias: " + alias + "\n";
    testutil::writeFile(base / (legacy ? "etc/redpack.yaml" : "etc/redpak.yaml"), config);
    if (admin) {
        testutil::writeFile(base / (legacy ? "etc/redpack-admin.yaml" : "etc/redpak-admin.yaml"),
                            config);
    }
}

std::vector<fs::path> bases(const std::vector<NodeLocation>& family) {
    std::vector<fs::path> out;
    for (const NodeLocation& node : family) {
        out.push_back(node.base);
    }
    return out;
}

} // namespace

class TestNode : public QObject {
    Q_OBJECT

private slots:
    void init();
    void locatesNode();
    void plainDirectoryIsNotANode();
    void legacyNames();
    void currentNameWins();
    void familyOfThreeLevels();
    void plainDirectoryBreaksChain();
    void familyThroughSymlinkUsesRealParents();
    void familyErrors();
    void hostileLayoutIsRefused_data();
    void hostileLayoutIsRefused();
    void statusParsing_data();
    void statusParsing();
    void enumeratesTree();
    void enumerateErrors();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    fs::path m_root;
};

void TestNode::init() {
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_root = fs::canonical(m_tmp->path().toStdString());
}

void TestNode::locatesNode() {
    makeNode(m_root / "a", "a", true);
    const auto node = locateNode(m_root / "a" / "." / "");
    QVERIFY(node);
    QCOMPARE(node->base, m_root / "a");
    QCOMPARE(node->statusFile, m_root / "a/.rednode.yaml");
    QCOMPARE(node->normalConfig, m_root / "a/etc/redpak.yaml");
    QCOMPARE(node->adminConfig.value(), m_root / "a/etc/redpak-admin.yaml");
    makeNode(m_root / "b", "b");
    QVERIFY(!locateNode(m_root / "b")->adminConfig);
}

void TestNode::plainDirectoryIsNotANode() {
    fs::create_directories(m_root / "plain/etc");
    testutil::writeFile(m_root / "plain/etc/redpak.yaml", "headers:\n  alias: p\n");
    QVERIFY(!locateNode(m_root / "plain"));
    QVERIFY(!locateNode(m_root / "missing"));
}

void TestNode::legacyNames() {
    makeNode(m_root / "old", "old", true, true);
    const auto node = locateNode(m_root / "old");
    QVERIFY(node);
    QCOMPARE(node->normalConfig, m_root / "old/etc/redpack.yaml");
    QCOMPARE(node->adminConfig.value(), m_root / "old/etc/redpack-admin.yaml");
}

void TestNode::currentNameWins() {
    makeNode(m_root / "both", "both", true, true);
    makeNode(m_root / "both", "both", true, false);
    const auto node = locateNode(m_root / "both");
    QCOMPARE(node->normalConfig, m_root / "both/etc/redpak.yaml");
    QCOMPARE(node->adminConfig.value(), m_root / "both/etc/redpak-admin.yaml");
}

void TestNode::familyOfThreeLevels() {
    makeNode(m_root / "platform", "platform");
    makeNode(m_root / "platform/apps", "apps", true);
    makeNode(m_root / "platform/apps/browser", "browser");
    const auto family = locateFamily(m_root / "platform/apps/browser");
    QCOMPARE(bases(family), (std::vector<fs::path>{m_root / "platform", m_root / "platform/apps",
                                                   m_root / "platform/apps/browser"}));
    QVERIFY(family[1].adminConfig);
    QCOMPARE(locateFamily(m_root / "platform").size(), std::size_t(1));
}

void TestNode::plainDirectoryBreaksChain() {
    makeNode(m_root / "platform", "platform");
    fs::create_directories(m_root / "platform/group");
    makeNode(m_root / "platform/group/app", "app");
    QCOMPARE(bases(locateFamily(m_root / "platform/group/app")),
             std::vector<fs::path>{m_root / "platform/group/app"});
}

void TestNode::familyThroughSymlinkUsesRealParents() {
    makeNode(m_root / "platform", "platform");
    makeNode(m_root / "platform/app", "app");
    fs::create_directories(m_root / "elsewhere");
    fs::create_directory_symlink(m_root / "platform/app", m_root / "elsewhere/link");
    QCOMPARE(bases(locateFamily(m_root / "elsewhere/link")),
             (std::vector<fs::path>{m_root / "platform", m_root / "platform/app"}));
}

void TestNode::familyErrors() {
    fs::create_directories(m_root / "plain");
    QVERIFY_THROWS_EXCEPTION(InputError, locateFamily(m_root / "plain"));
    QVERIFY_THROWS_EXCEPTION(InputError, locateFamily(m_root / "missing"));
    makeNode(m_root / "parent", "parent");
    fs::remove(m_root / "parent/etc/redpak.yaml");
    makeNode(m_root / "parent/child", "child");
    try {
        locateFamily(m_root / "parent/child");
        QFAIL("accepted a parent without config");
    } catch (const InputError& error) {
        QCOMPARE(error.diagnostic().file, (m_root / "parent/etc/redpak.yaml").string());
        QVERIFY(QString(error.what()).contains("missing normal configuration"));
    }
}

// Layouts that discovery (locateNode, locateFamily) or loadFamily must refuse, naming the
// offending path: an etc/ that is not the node's own directory, a status file that lies.
void TestNode::hostileLayoutIsRefused_data() {
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("namedPath"); // relative to the test root
    QTest::addColumn<QString>("message");
    QTest::newRow("leaf etc symlink") << "leaf-etc-symlink"
                                      << "p/c/etc"
                                      << "is a symbolic link";
    QTest::newRow("root etc symlink") << "root-etc-symlink"
                                      << "p/etc"
                                      << "is a symbolic link";
    QTest::newRow("etc is a file") << "etc-file"
                                   << "p/c/etc"
                                   << "is not a directory";
    QTest::newRow("realpath elsewhere") << "realpath-elsewhere"
                                        << "p/c/.rednode.yaml"
                                        << "is not the node's directory";
    QTest::newRow("parent status not a map") << "parent-status-not-map"
                                             << "p/.rednode.yaml"
                                             << "the status file";
    QTest::newRow("parent status symlink") << "parent-status-symlink"
                                           << "p/.rednode.yaml"
                                           << "is a symbolic link";
}

void TestNode::hostileLayoutIsRefused() {
    QFETCH(QString, layout);
    QFETCH(QString, namedPath);
    QFETCH(QString, message);
    const auto statusOf = [](const fs::path& base) {
        return QByteArray("state: Enable\nrealpath: ") + base.c_str() + "\n";
    };
    makeNode(m_root / "p", "p", false, false, statusOf(m_root / "p"));
    makeNode(m_root / "p/c", "c", false, false, statusOf(m_root / "p/c/"));
    makeNode(m_root / "outside", "outside");
    if (layout == "leaf-etc-symlink" || layout == "root-etc-symlink") {
        const fs::path etc = m_root / (layout == "leaf-etc-symlink" ? "p/c/etc" : "p/etc");
        fs::remove_all(etc);
        fs::create_directory_symlink(m_root / "outside/etc", etc);
    } else if (layout == "etc-file") {
        fs::remove_all(m_root / "p/c/etc");
        testutil::writeFile(m_root / "p/c/etc", "x");
    } else if (layout == "realpath-elsewhere") {
        testutil::writeFile(m_root / "p/c/.rednode.yaml", statusOf(m_root / "outside"));
    } else if (layout == "parent-status-not-map") {
        testutil::writeFile(m_root / "p/.rednode.yaml", "- state: Enable\n");
    } else {
        fs::remove(m_root / "p/.rednode.yaml");
        fs::create_symlink(m_root / "outside/.rednode.yaml", m_root / "p/.rednode.yaml");
    }
    try {
        loadFamily(m_root / "p/c", MergeMode::Admin);
        QFAIL("accepted");
    } catch (const InputError& error) {
        QCOMPARE(QString::fromStdString(error.diagnostic().file),
                 QString::fromStdString((m_root / namedPath.toStdString()).string()));
        QVERIFY2(QString(error.what()).contains(message), error.what());
    }
}

void TestNode::statusParsing_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<int>("errorLine");
    QTest::newRow("enable") << kStatus << true << true << 0;
    QTest::newRow("disable odd case") << QByteArray("STATE: disABLE\n") << true << false << 0;
    QTest::newRow("state only") << QByteArray("state: Enable\n") << true << true << 0;
    QTest::newRow("missing state") << QByteArray("realpath: /x\n") << false << false << 1;
    QTest::newRow("bad state") << QByteArray("state: Enable\nrealpath: /x\nstate: on\n") << false
                               << false << 3;
    QTest::newRow("invalid state") << QByteArray("state: on\n") << false << false << 1;
    QTest::newRow("unknown key") << QByteArray("state: Enable\nowner: me\n") << false << false << 2;
    QTest::newRow("bad timestamp")
        << QByteArray("state: Enable\ntimestamp: soon\n") << false << false << 2;
    QTest::newRow("empty") << QByteArray() << false << false << 1;
    QTest::newRow("alias") << QByteArray("state: &s Enable\n") << false << false << 1;
}

void TestNode::statusParsing() {
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(bool, enabled);
    QFETCH(int, errorLine);
    const fs::path file = m_root / ".rednode.yaml";
    testutil::writeFile(file, text);
    try {
        const NodeStatus status = readStatus(file);
        QVERIFY(valid);
        QCOMPARE(status.state == NodeState::Enable, enabled);
    } catch (const InputError& error) {
        QVERIFY2(!valid, error.what());
        QCOMPARE(error.diagnostic().file, file.string());
        QCOMPARE(error.diagnostic().line, errorLine);
    }
}

void TestNode::enumeratesTree() {
    makeNode(m_root / "platform", "platform");
    makeNode(m_root / "platform/b-apps", "apps", true);
    makeNode(m_root / "platform/b-apps/browser", "browser");
    makeNode(m_root / "platform/a-tools", "tools", false, false,
             "state: Disable\nrealpath: /x\ntimestamp: 1\ninfo: off\n");
    fs::create_directories(m_root / "platform/c-plain/deep");
    makeNode(m_root / "platform/c-plain/deep/orphan", "orphan");
    fs::create_directory_symlink(m_root / "platform", m_root / "platform/b-apps/loop");

    const std::vector<TreeEntry> tree = enumerateTree(m_root);
    std::vector<fs::path> order;
    for (const TreeEntry& entry : tree) {
        order.push_back(entry.location.base);
    }
    QCOMPARE(order,
             (std::vector<fs::path>{m_root / "platform", m_root / "platform/a-tools",
                                    m_root / "platform/b-apps", m_root / "platform/b-apps/browser",
                                    m_root / "platform/c-plain/deep/orphan"}));
    QCOMPARE(tree[0].depth, 1);
    QCOMPARE(tree[0].parentIndex, -1);
    QCOMPARE(tree[1].parentIndex, 0);
    QCOMPARE(tree[2].parentIndex, 0);
    QCOMPARE(tree[3].parentIndex, 2);
    QCOMPARE(tree[3].depth, 3);
    QCOMPARE(tree[4].parentIndex, -1);
    QCOMPARE(tree[4].depth, 4);
    QVERIFY(tree[2].location.adminConfig);
    QVERIFY(readStatus(tree[1].location.statusFile).state == NodeState::Disable);

    const std::vector<TreeEntry> sub = enumerateTree(m_root / "platform/b-apps");
    QCOMPARE(sub.size(), std::size_t(2));
    QCOMPARE(sub[0].depth, 0);
    QCOMPARE(sub[1].parentIndex, 0);
}

void TestNode::enumerateErrors() {
    QVERIFY_THROWS_EXCEPTION(InputError, enumerateTree(m_root / "missing"));
    testutil::writeFile(m_root / "file", "x");
    QVERIFY_THROWS_EXCEPTION(InputError, enumerateTree(m_root / "file"));
    QVERIFY(enumerateTree(m_root).empty());
}

QTEST_APPLESS_MAIN(TestNode)
#include "tst_node.moc"
