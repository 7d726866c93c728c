// SPDX-License-Identifier: Apache-2.0
// TreeIndex::family: the family it gives is loadFamily()'s, whatever the order in which the nodes
// of a tree are asked for and however few families it keeps; an invalid node fails as it does with
// loadFamily(), and a node below a plain directory is not given its grandparent's family.
#include "files.h"
#include "redpak/merge/merge.h"
#include "redpak/merge/tree_index.h"
#include "redpak/review/diff.h"
#include "redpak/tree/node.h"

#include <QObject>
#include <QTemporaryDir>
#include <algorithm>

using namespace redpak;
namespace fs = std::filesystem;

namespace {

void makeNode(const fs::path& base, const QByteArray& alias, const QByteArray& body = {}) {
    testutil::writeFile(base / ".rednode.yaml",
                        "state: Enable\nrealpath: " + QByteArray(base.c_str()) + "\n");
    testutil::writeFile(base / "etc/redpak.yaml", "headers:\n  alias: " + alias + "\n" + body);
    testutil::writeFile(base / "etc/redpak-admin.yaml",
                        "headers:\n  alias: " + alias + "\nconfig:\n  share_net: disabled\n");
}

// What a family is made of, comparable: each member's directory, files read and parsed
// configs, and the merge of the whole.
std::string describe(const std::vector<FamilyMember>& family, MergeMode mode) {
    std::string out;
    for (const FamilyMember& member : family) {
        out += member.location.base.string() + " inode " +
               std::to_string(member.normalIdentity ? member.normalIdentity->inode : 0) +
               " objects " + std::to_string(member.objects.size()) +
               (member.admin ? " admin" : "") + "\n";
    }
    return out + canonicalText(mergeForReview(family, mode));
}

std::string loaded(const std::function<std::string()>& load) {
    try {
        return load();
    } catch (const InputError& error) {
        return "error: " + error.diagnostic().format();
    }
}

} // namespace

class TestFamilyCache : public QObject {
    Q_OBJECT

private slots:
    void sameFamiliesAsLoadFamily_data();
    void sameFamiliesAsLoadFamily();
};

void TestFamilyCache::sameFamiliesAsLoadFamily_data() {
    QTest::addColumn<bool>("reverse");
    QTest::addColumn<int>("capacity");
    QTest::addColumn<bool>("admin");
    QTest::newRow("walk order") << false << 64 << false;
    QTest::newRow("walk order, admin") << false << 64 << true;
    QTest::newRow("leaves first") << true << 64 << false;
    QTest::newRow("one family kept") << false << 1 << false;
    QTest::newRow("one family kept, leaves first, admin") << true << 1 << true;
}

void TestFamilyCache::sameFamiliesAsLoadFamily() {
    QFETCH(bool, reverse);
    QFETCH(int, capacity);
    QFETCH(bool, admin);
    const MergeMode mode = admin ? MergeMode::Admin : MergeMode::Normal;
    QTemporaryDir tmp;
    const fs::path root = fs::path(tmp.path().toStdString()) / "root";
    makeNode(root, "root", "exports:\n  - {mode: Tmpfs, mount: /tmp}\n");
    makeNode(root / "a", "a", "environ:\n  - {key: A, value: $LEAF_ALIAS}\n");
    makeNode(root / "a/b", "b", "config:\n  hostname: $NODE_ALIAS\n");
    makeNode(root / "a/b2", "b2");
    makeNode(root / "plain/c", "c"); // below a plain directory: a family of its own
    makeNode(root / "bad", "bad", "config:\n  umask: 99\n");
    makeNode(root / "bad/child", "child");
    std::vector<TreeEntry> entries = walkTree(root).entries;
    QCOMPARE(entries.size(), std::size_t(7));
    if (reverse) {
        std::reverse(entries.begin(), entries.end());
    }
    TreeIndex index(nullptr, FamilyTrust::AnyOwner, static_cast<std::size_t>(capacity));
    for (const TreeEntry& entry : entries) {
        const fs::path& node = entry.location.base;
        const std::string expected = loaded([&] { return describe(loadFamily(node, mode), mode); });
        const std::string cached = loaded([&] { return describe(index.family(node, mode), mode); });
        QCOMPARE(QString::fromStdString(cached), QString::fromStdString(expected));
    }
    QCOMPARE(index.family(root / "plain/c", mode).size(), std::size_t(1));
    QCOMPARE(index.family(root / "a/b", mode).size(), std::size_t(3));
}

QTEST_GUILESS_MAIN(TestFamilyCache)
#include "tst_family_cache.moc"
