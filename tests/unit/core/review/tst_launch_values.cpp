// SPDX-License-Identifier: Apache-2.0
// Reviews of configurations that use launch values (`$UUID`, `$PID`, `$TODAY`): an unchanged
// family never shows a change in diff, impact or audit, an approval is not followed by drift,
// and a real change next to such an item is reported alone. Launches keep their live values.
#include "redpak/merge/expand.h"
#include "redpak/review/audit_status.h"
#include "redpak/review/diff.h"
#include "redpak/review/impact.h"
#include "review_fixtures.h"

#include <QRegularExpression>
#include <QtTest>

using namespace redpak;
using namespace redpak::test;

Q_DECLARE_METATYPE(redpak::Direction)

namespace {

std::string changeList(const Diff& diff) {
    std::string out;
    for (const Change& c : diff.changes) {
        out += c.item + ": " + c.before.value_or("-") + " -> " + c.after.value_or("-") + "; ";
    }
    return out;
}

const NodeTags kTags{"a", "n", "/a", "i"};

} // namespace

class TestLaunchValues : public QObject {
    Q_OBJECT

private slots:
    void init();
    void reviewKeepsLaunchTagsSymbolic();
    void launchKeepsLiveValues();
    void reviewKeepsEnvironmentTagsSymbolic_data();
    void reviewKeepsEnvironmentTagsSymbolic();
    void reviewedExportDoesNotDependOnTheReviewersEnvironment();
    void everyTagExpandsTheSameTwice_data();
    void everyTagExpandsTheSameTwice();
    void unchangedFamily_data();
    void unchangedFamily();
    void realChangeNextToLaunchValues_data();
    void realChangeNextToLaunchValues();

private:
    void writeFamily(const QString& parent, const QString& child);
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::filesystem::path m_root;
    std::filesystem::path m_child;
};

void TestLaunchValues::init() {
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_root = std::filesystem::path(m_tmp->path().toStdString()) / "r";
    m_child = m_root / "c";
}

void TestLaunchValues::writeFamily(const QString& parent, const QString& child) {
    writeNode(m_root, parent.toStdString());
    writeNode(m_child, child.toStdString());
}

void TestLaunchValues::reviewKeepsLaunchTagsSymbolic() {
    const Expander review(CommandPolicy::keep(), processEnvironment(), LaunchValues::Symbolic);
    QCOMPARE(review.expand("$UUID/$uuid-$Pid.$today $(id -u) $NODE_ALIAS", kTags, kTags, {}),
             std::string("$UUID/$UUID-$PID.$TODAY $(id -u) a"));
    // What every review merges with: the effective configuration keeps the tag.
    const std::string text = canonicalText(
        memMerge({{"/r", "environ:\n  - key: ID\n    value: 'id-$uuid'\n", std::nullopt}}));
    QVERIFY2(text.find("id-$UUID") != std::string::npos, text.c_str());
}

void TestLaunchValues::launchKeepsLiveValues() {
    // Launch behaviour (README, Tags): a fresh UUID at each use, the launcher's PID.
    const Expander launch(CommandPolicy::refuse());
    const QString both = QString::fromStdString(launch.expand("$UUID $UUID", kTags, kTags, {}));
    const QRegularExpression uuid(
        "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    const QStringList parts = both.split(' ');
    QCOMPARE(parts.size(), 2);
    QVERIFY2(uuid.match(parts[0]).hasMatch(), qPrintable(both));
    QVERIFY(parts[0] != parts[1]);
    QCOMPARE(launch.expand("$PID", kTags, kTags, {}), std::to_string(getpid()));
}

// Issue 13: `$ENVVAR` tags were expanded with the reviewer's environment, so a review showed
// one path and each launch mounted whatever its environment said.
void TestLaunchValues::reviewKeepsEnvironmentTagsSymbolic_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("review");
    QTest::addColumn<QString>("launch");
    QTest::newRow("environment tag") << "$HOME/data"
                                     << "$HOME/data"
                                     << "/home/x/data";
    QTest::newRow("exact case kept") << "$Home-$HOME"
                                     << "$Home-$HOME"
                                     << "-/home/x";
    QTest::newRow("unset variable") << "/srv/$UNSET_VAR"
                                    << "/srv/$UNSET_VAR"
                                    << "/srv/";
    QTest::newRow("NODE_PREFIX, read from the environment") << "$node_prefix/opt"
                                                            << "$NODE_PREFIX/opt"
                                                            << "/prefix/opt";
    QTest::newRow("predefined tags expand") << "$NODE_ALIAS:$LEAF_PATH"
                                            << "a:/a"
                                            << "a:/a";
    QTest::newRow("escaped dollar") << "\\$HOME"
                                    << "$HOME"
                                    << "$HOME";
}

void TestLaunchValues::reviewKeepsEnvironmentTagsSymbolic() {
    QFETCH(QString, text);
    QFETCH(QString, review);
    QFETCH(QString, launch);
    const EnvironmentLookup environment =
        [](const std::string& name) -> std::optional<std::string> {
        if (name == "HOME") {
            return std::string("/home/x");
        }
        if (name == "NODE_PREFIX") {
            return std::string("/prefix");
        }
        return std::nullopt;
    };
    const Expander reviewer(CommandPolicy::keep(), environment, LaunchValues::Symbolic);
    const Expander launcher(CommandPolicy::refuse(), environment, LaunchValues::Live);
    QCOMPARE(QString::fromStdString(reviewer.expand(text.toStdString(), kTags, kTags, {})), review);
    QCOMPARE(QString::fromStdString(launcher.expand(text.toStdString(), kTags, kTags, {})), launch);
    // Inherit variables take the launcher's value: a review shows the variable itself.
    QCOMPARE(reviewer.environment()("HOME"), std::optional<std::string>("$HOME"));
    QCOMPARE(launcher.environment()("HOME"), std::optional<std::string>("/home/x"));
}

// What diff, audit and lint see of `path: $CFG/data` is the same whatever the reviewer's
// environment, and says that the launch decides the path.
void TestLaunchValues::reviewedExportDoesNotDependOnTheReviewersEnvironment() {
    writeFamily("exports:\n  - mode: Public\n    mount: /data\n    path: $REDPAK_TEST_CFG/data\n",
                "");
    qputenv("REDPAK_TEST_CFG", "/home/reviewed");
    const AuditRecord approved = approveNode(m_child, "reviewed");
    const std::string reviewed =
        canonicalText(mergeForReview(loadFamily(m_child, MergeMode::Normal), MergeMode::Normal));
    qputenv("REDPAK_TEST_CFG", "/etc");
    const std::string later =
        canonicalText(mergeForReview(loadFamily(m_child, MergeMode::Normal), MergeMode::Normal));
    qunsetenv("REDPAK_TEST_CFG");
    QCOMPARE(later, reviewed);
    QVERIFY2(reviewed.find("$REDPAK_TEST_CFG/data") != std::string::npos, reviewed.c_str());
    QVERIFY2(reviewed.find("/home/reviewed") == std::string::npos, reviewed.c_str());
    QCOMPARE(approved.effectiveDigest,
             makeAuditRecord(m_child, currentApprover(), "").effectiveDigest);
}

void TestLaunchValues::everyTagExpandsTheSameTwice_data() {
    QTest::addColumn<QString>("tag");
    // Every predefined tag of rednode-format.md §3 and an environment one: a tag whose review
    // expansion is not a function of the files and the host would bring spurious changes back.
    for (const char* tag : {"NODE_ALIAS",
                            "NODE_NAME",
                            "NODE_PATH",
                            "NODE_INFO",
                            "LEAF_ALIAS",
                            "LEAF_NAME",
                            "LEAF_PATH",
                            "LEAF_INFO",
                            "PID",
                            "UID",
                            "GID",
                            "TODAY",
                            "UUID",
                            "uuid",
                            "LOGNAME",
                            "HOSTNAME",
                            "CGROUPS_MOUNT_POINT",
                            "REDPESK_VERSION",
                            "NODE_PREFIX",
                            "redpak_MAIN",
                            "redpak_MAIN_ADMIN",
                            "redpak_TMPL",
                            "REDNODE_CONF",
                            "REDNODE_ADMIN",
                            "REDNODE_STATUS",
                            "REDNODE_VARDIR",
                            "REDNODE_REPODIR",
                            "REDNODE_LOCK",
                            "HOME"}) {
        QTest::newRow(tag) << QString(tag);
    }
}

void TestLaunchValues::everyTagExpandsTheSameTwice() {
    QFETCH(QString, tag);
    const std::string value = "v-$" + tag.toStdString() + "-$" + tag.toStdString();
    const std::vector<MemNode> family{
        {"/r",
         "config:\n  smack: '" + value + "'\nenviron:\n  - key: V\n    value: '" + value +
             "'\nexports:\n  - mode: Tmpfs\n    mount: '/run/" + value + "'\n",
         std::nullopt}};
    const EffectiveConfig first = memMerge(family);
    const EffectiveConfig second = memMerge(family);
    QCOMPARE(canonicalText(first), canonicalText(second));
    const Diff diff = diffEffective(first, second);
    QVERIFY2(diff.empty(), changeList(diff).c_str());
}

void TestLaunchValues::unchangedFamily_data() {
    QTest::addColumn<QString>("parent");
    QTest::addColumn<QString>("child");
    QTest::newRow("environ value") << "environ:\n  - key: ID\n    value: 'id-$UUID'\n"
                                   << "";
    QTest::newRow("hostname and chdir of the leaf")
        << "config:\n  hostname: 'h-$UUID'\n  chdir: '/tmp/$UUID'\n"
        << "";
    QTest::newRow("export mount and path")
        << "exports:\n  - mode: Tmpfs\n    mount: '/run/$UUID'\n"
           "  - mode: Restricted\n    mount: '/srv/$uuid'\n    path: '/srv/$UUID'\n"
        << "";
    QTest::newRow("two uses in one value") << "environ:\n  - key: ID\n    value: '$UUID/$UUID'\n"
                                           << "";
    QTest::newRow("pid and today") << "environ:\n  - key: RUN\n    value: '$PID-$TODAY'\n"
                                   << "";
    QTest::newRow("in the child, next to the parent's")
        << "environ:\n  - key: ID\n    value: 'p-$UUID'\n"
        << "environ:\n  - key: CID\n    value: 'c-$UUID'\nconfig:\n  hostname: $UUID\n";
}

void TestLaunchValues::unchangedFamily() {
    QFETCH(QString, parent);
    QFETCH(QString, child);
    writeFamily(parent, child);

    // redconf diff: the same node twice.
    const Diff nodes = diffNodes(m_child, m_child);
    QVERIFY2(nodes.empty(), changeList(nodes).c_str());

    // redconf impact --with FILE, FILE being the parent's config as it is.
    const ImpactReport impact = computeImpact(m_root, m_root / "etc/redpak.yaml");
    QCOMPARE(impact.examined, std::size_t(2));
    QVERIFY(impact.fileDiff.empty());
    for (const NodeImpact& node : impact.nodes) {
        QVERIFY2(!node.changed(), (node.node + ": " + changeList(node.diff)).c_str());
    }

    // Audit: the effective digests are reproducible and an approval is not followed by drift.
    const AuditRecord once = makeAuditRecord(m_child, currentApprover(), "");
    const AuditRecord twice = makeAuditRecord(m_child, currentApprover(), "");
    QCOMPARE(once.effectiveDigest, twice.effectiveDigest);
    QCOMPARE(once.effectiveAdminDigest, twice.effectiveAdminDigest);
    approveNode(m_child, "reviewed");
    const AuditStatus status = auditStatus(m_child);
    QCOMPARE(name(status.state), name(AuditState::Approved));
    QVERIFY(status.drift.empty());
    QVERIFY(!status.semantic);
    QCOMPARE(name(quickAuditState(m_child)), name(AuditState::Approved));
}

void TestLaunchValues::realChangeNextToLaunchValues_data() {
    QTest::addColumn<QString>("parent");
    QTest::addColumn<QString>("changedParent");
    QTest::addColumn<QString>("item");
    QTest::addColumn<redpak::Direction>("direction");
    const QString environ = "environ:\n  - key: ID\n    value: 'id-$UUID'\n";
    const QString exports = "exports:\n  - mode: Tmpfs\n    mount: '/run/$UUID'\n";
    QTest::newRow("network shared")
        << environ + exports << environ + exports + "config:\n  share_net: enabled\n"
        << "namespace net" << redpak::Direction::Widening;
    QTest::newRow("other variable added")
        << environ + exports << environ + "  - key: MODE\n    value: test\n" + exports
        << "environ MODE" << redpak::Direction::Neutral;
    QTest::newRow("the $UUID item itself changes")
        << environ + exports << "environ:\n  - key: ID\n    value: 'other-$UUID'\n" + exports
        << "environ ID" << redpak::Direction::Neutral;
    QTest::newRow("writable export next to a $UUID one")
        << environ + exports
        << environ + exports + "  - mode: Public\n    mount: /srv\n    path: /srv\n"
        << "export /srv" << redpak::Direction::Widening;
}

void TestLaunchValues::realChangeNextToLaunchValues() {
    QFETCH(QString, parent);
    QFETCH(QString, changedParent);
    QFETCH(QString, item);
    QFETCH(redpak::Direction, direction);
    writeFamily(parent, "config:\n  hostname: 'c-$UUID'\n");
    const std::filesystem::path changed = m_root.parent_path() / "changed.yaml";
    writeText(changed, configText("r", changedParent.toStdString()));

    // Impact: the parent and its child change, by this one item only.
    const ImpactReport impact = computeImpact(m_root, changed);
    QCOMPARE(impact.nodes.size(), std::size_t(2));
    for (const NodeImpact& node : impact.nodes) {
        QVERIFY2(node.diff.changes.size() == 1, (node.node + ": " + changeList(node.diff)).c_str());
        QCOMPARE(QString::fromStdString(node.diff.changes[0].item), item);
        QCOMPARE(name(node.diff.changes[0].direction), name(direction));
    }

    // Audit: after approval, the same edit is drift whose semantic diff is that item alone.
    approveNode(m_child, "before the change");
    writeText(m_root / "etc/redpak.yaml", configText("r", changedParent.toStdString()));
    const AuditStatus status = auditStatus(m_child);
    QCOMPARE(name(status.state), name(AuditState::Drifted));
    QCOMPARE(status.drift.size(), std::size_t(1));
    QVERIFY(status.semantic);
    QVERIFY2(status.semantic->changes.size() == 1, changeList(*status.semantic).c_str());
    QCOMPARE(QString::fromStdString(status.semantic->changes[0].item), item);

    // Diff of the two nodes: again that item alone.
    // (Same alias, so that only the edit differs.)
    const std::filesystem::path before = m_root.parent_path() / "before" / "r";
    writeNode(before, parent.toStdString());
    const Diff diff = diffNodes(before, m_root);
    QVERIFY2(diff.changes.size() == 1, changeList(diff).c_str());
    QCOMPARE(QString::fromStdString(diff.changes[0].item), item);
}

QTEST_GUILESS_MAIN(TestLaunchValues)
#include "tst_launch_values.moc"
