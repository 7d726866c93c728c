// SPDX-License-Identifier: Apache-2.0
// TreeIndex: its families and merges are loadFamily() and mergeFamily() exactly, with and
// without expansion, in both modes, whichever ancestor's merge it starts from (leaf-dependent
// texts included), on a generated tree and on the fixture family of tests/support (templates,
// a node that does not parse); after a file changes and is invalidated it gives the new result.
#include "files.h"
#include "redpak/config/parser.h"
#include "redpak/merge/tree_index.h"
#include "redpak/review/diff.h"
#include "redpak/review/review_merge.h"
#include "redpak/tree/node.h"
#include "testtree.h"

#include <QObject>
#include <QTemporaryDir>

using namespace redpak;
namespace fs = std::filesystem;

namespace {

void makeNode(const fs::path& base, const QByteArray& alias, const QByteArray& body = {},
              const QByteArray& admin = {}) {
    testutil::writeFile(base / ".rednode.yaml",
                        "state: Enable\nrealpath: " + QByteArray(base.c_str()) + "\n");
    testutil::writeFile(base / "etc/redpak.yaml", "headers:\n  alias: " + alias + "\n" + body);
    if (!admin.isEmpty()) {
        testutil::writeFile(base / "etc/redpak-admin.yaml",
                            "headers:\n  alias: " + alias + "\n" + admin);
    }
}

// A tree where some ancestors expand nothing that depends on the leaf, others values that do
// (their merge is continued, the values expanded again for each leaf: the root, `a`), or a
// mount point that does (continued while it meets no other definition's: `l`, `h`, whose
// leaves redefine it, meet another definition of the group, of the root, or of `h/sub`), and
// others redefine such a value (the merge is not continued: the groups); Private exports of
// ancestors.
fs::path makeTree(const fs::path& root) {
    makeNode(root, "root",
             "config:\n  share_net: disabled\n  share_all: enabled\n  hostname: $LEAF_ALIAS\n"
             "  capabilities:\n    - {cap: ALL, add: 0}\n"
             "environ:\n  - {key: R, value: $NODE_ALIAS-$LEAF_ALIAS}\n"
             "exports:\n  - {mode: Restricted, mount: /usr}\n"
             "  - {mode: Private, mount: /data, path: $NODE_PATH/data}\n"
             "  - {mode: Restricted, mount: /srv, path: /srv/$LEAF_ALIAS}\n"
             "  - {mode: Tmpfs, mount: /home/x}\n",
             "config:\n  umask: '077'\n");
    makeNode(root / "a", "a",
             "config:\n  share_net: unset\n  capabilities:\n    - {cap: cap_chown, add: 1}\n"
             "environ:\n  - {key: A, value: $NODE_ALIAS}\nexports:\n"
             "  - {mode: Public, mount: /usr}\n");
    for (const char* leaf : {"a/b", "a/c"}) {
        makeNode(root / leaf, fs::path(leaf).filename().c_str(),
                 "config:\n  hostname: $NODE_ALIAS\nexports:\n  - {mode: Tmpfs, mount: /tmp}\n",
                 "environ:\n  - {key: A, value: admin}\n");
    }
    makeNode(root / "l", "l",
             "environ:\n  - {key: HOME, value: /home/$LEAF_ALIAS}\nexports:\n"
             "  - {mode: Tmpfs, mount: /run/$LEAF_ALIAS}\n");
    makeNode(root / "l/m", "m", "exports:\n  - {mode: Restricted, mount: /run/m}\n");
    makeNode(root / "l/m/n", "n", "config:\n  share_net: enabled\n");
    makeNode(root / "h", "h",
             "exports:\n  - {mode: Tmpfs, mount: /home/$LEAF_ALIAS}\n"
             "  - {mode: Tmpfs, mount: /home/y}\n");
    for (const char* leaf : {"same", "x", "y"}) {
        makeNode(root / "h" / leaf, leaf,
                 "exports:\n  - {mode: Tmpfs, mount: /home/$LEAF_ALIAS}\n");
    }
    makeNode(root / "h/sub", "sub",
             "exports:\n  - {mode: Private, mount: /home/$LEAF_ALIAS, path: $NODE_PATH/home}\n");
    makeNode(root / "h/sub/k", "k");
    makeNode(root / "h/sub/h", "h");
    makeNode(root / "bad", "bad", "config:\n  umask: 99\n");
    makeNode(root / "bad/child", "child");
    for (int g = 0; g < 3; ++g) {
        const fs::path group = root / ("g" + std::to_string(g));
        makeNode(group, QByteArray("g") + QByteArray::number(g),
                 "environ:\n  - {key: PS1, value: '$NODE_ALIAS> '}\n"
                 "  - {key: R, value: $LEAF_ALIAS}\n");
        for (int l = 0; l < 4; ++l) {
            makeNode(group / ("l" + std::to_string(l)), "leaf",
                     "config:\n  share_pid: enabled\n  chdir: /home/$LEAF_ALIAS\n");
        }
    }
    return root;
}

std::string merged(const std::function<EffectiveConfig()>& merge) {
    try {
        return canonicalText(merge());
    } catch (const InputError& error) {
        return "error: " + error.diagnostic().format();
    }
}

const Expander* expanderFor(bool expand) {
    return expand ? &reviewExpander() : nullptr;
}

} // namespace

class TestTreeIndex : public QObject {
    Q_OBJECT

private slots:
    void sameAsLoadFamilyAndMerge_data();
    void sameAsLoadFamilyAndMerge();
    void invalidatedFileGivesNewResult_data();
    void invalidatedFileGivesNewResult();
    void changedMemberGivesChangedMerge_data();
    void changedMemberGivesChangedMerge();
};

void TestTreeIndex::sameAsLoadFamilyAndMerge_data() {
    QTest::addColumn<bool>("fixture");
    QTest::addColumn<bool>("expand");
    QTest::addColumn<bool>("admin");
    QTest::addColumn<bool>("reverse");
    for (const bool fixture : {false, true}) {
        const char* tree = fixture ? "fixture family" : "generated tree";
        QTest::addRow("%s, plain, normal", tree) << fixture << false << false << false;
        QTest::addRow("%s, plain, admin", tree) << fixture << false << true << false;
        QTest::addRow("%s, review, normal", tree) << fixture << true << false << false;
        QTest::addRow("%s, review, admin", tree) << fixture << true << true << false;
        QTest::addRow("%s, review, admin, leaves first", tree) << fixture << true << true << true;
    }
}

void TestTreeIndex::sameAsLoadFamilyAndMerge() {
    QFETCH(bool, fixture);
    QFETCH(bool, expand);
    QFETCH(bool, admin);
    QFETCH(bool, reverse);
    const MergeMode mode = admin ? MergeMode::Admin : MergeMode::Normal;
    QTemporaryDir tmp;
    const gui::test::TestTree family;
    std::vector<TreeEntry> entries;
    if (fixture) {
        entries = walkTree(family.platform().toStdString()).entries;
        entries.push_back(walkTree(family.broken().toStdString()).entries.at(0));
        QCOMPARE(entries.size(), std::size_t(4));
    } else {
        entries = walkTree(makeTree(fs::path(tmp.path().toStdString()) / "root")).entries;
        QCOMPARE(entries.size(), std::size_t(31));
    }
    if (reverse) {
        std::reverse(entries.begin(), entries.end());
    }
    TreeIndex index(expanderFor(expand));
    for (const TreeEntry& entry : entries) {
        const fs::path& node = entry.location.base;
        const MergeOptions options{mode, expanderFor(expand)};
        const std::string expected =
            merged([&] { return mergeFamily(loadFamily(node, mode), options); });
        const std::string indexed = merged([&] { return index.merged(node, mode); });
        QCOMPARE(QString::fromStdString(indexed), QString::fromStdString(expected));
    }
}

void TestTreeIndex::invalidatedFileGivesNewResult_data() {
    QTest::addColumn<QString>("changed");
    QTest::addColumn<QString>("leaf");
    QTest::newRow("the leaf") << "a/b"
                              << "a/b";
    QTest::newRow("its parent") << "a"
                                << "a/b";
    QTest::newRow("the root, leaf-dependent below") << ""
                                                    << "l/m/n";
}

void TestTreeIndex::invalidatedFileGivesNewResult() {
    QFETCH(QString, changed);
    QFETCH(QString, leaf);
    QTemporaryDir tmp;
    const fs::path root = makeTree(fs::path(tmp.path().toStdString()) / "root");
    const fs::path node = root / leaf.toStdString();
    const fs::path changedNode = changed.isEmpty() ? root : root / changed.toStdString();
    TreeIndex index(&reviewExpander());
    const std::string before = merged([&] { return index.merged(node, MergeMode::Normal); });
    // Same size, and the same inode: only the content tells the change.
    const fs::path file = changedNode / "etc/redpak.yaml";
    QByteArray text = testutil::readFile(file);
    text.replace("disabled", "enabled ").replace("Tmpfs", "Mqueue").replace("Public", "Tmpfs ");
    testutil::writeFile(file, text);
    index.invalidate(file);
    const std::string after = merged([&] { return index.merged(node, MergeMode::Normal); });
    const std::string expected = merged([&] {
        return mergeFamily(loadFamily(node, MergeMode::Normal),
                           MergeOptions{MergeMode::Normal, &reviewExpander()});
    });
    QVERIFY(after != before);
    QCOMPARE(QString::fromStdString(after), QString::fromStdString(expected));
}

void TestTreeIndex::changedMemberGivesChangedMerge_data() {
    QTest::addColumn<QString>("changed");
    QTest::addColumn<bool>("admin");
    QTest::newRow("the root, normal") << "" << false;
    QTest::newRow("the root, admin") << "" << true;
    QTest::newRow("a group") << "h" << false;
    QTest::newRow("a leaf") << "a/b" << true;
}

// Every node of the tree merged through an index that changes one member, as impact does:
// the merge of the family loaded and changed by hand; and as it is.
void TestTreeIndex::changedMemberGivesChangedMerge() {
    QFETCH(QString, changed);
    QFETCH(bool, admin);
    const MergeMode mode = admin ? MergeMode::Admin : MergeMode::Normal;
    QTemporaryDir tmp;
    const fs::path root = makeTree(fs::path(tmp.path().toStdString()) / "root");
    const fs::path changedNode = changed.isEmpty() ? root : root / changed.toStdString();
    const Config replacement = parseConfig(
        "headers:\n  alias: changed\nconfig:\n  share_net: enabled\n  hostname: $LEAF_ALIAS\n"
        "exports:\n  - {mode: Tmpfs, mount: /home/$LEAF_ALIAS}\n  - {mode: Tmpfs, mount: /usr}\n",
        "replacement.yaml");
    const auto change = [&](FamilyMember& member) {
        member.normal = replacement;
        member.admin.reset();
    };
    TreeIndex index(&reviewExpander());
    index.setChange(changedNode, change);
    for (const TreeEntry& entry : walkTree(root).entries) {
        const fs::path& node = entry.location.base;
        const std::string expected = merged([&] {
            std::vector<FamilyMember> family = loadFamily(node, mode);
            for (FamilyMember& member : family) {
                if (member.location.base == changedNode) {
                    change(member);
                }
            }
            return mergeForReview(family, mode);
        });
        const std::string indexed = merged([&] { return index.merged(node, mode, true); });
        QCOMPARE(QString::fromStdString(indexed), QString::fromStdString(expected));
        // The other side, from the same snapshots and parses, is the tree as it is.
        const std::string asIs = merged([&] { return index.merged(node, mode); });
        QCOMPARE(QString::fromStdString(asIs), QString::fromStdString(merged([&] {
                     return mergeForReview(loadFamily(node, mode), mode);
                 })));
    }
}

QTEST_GUILESS_MAIN(TestTreeIndex)

#include "tst_tree_index.moc"
