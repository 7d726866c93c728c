// SPDX-License-Identifier: Apache-2.0
// FamilySnapshot: the family is opened once and read once (a file or the --redpath symlink
// changed afterwards changes nothing of what is digested, merged and launched), hard-linked
// family files are refused, a privileged launch only trusts root-owned files (RootOnly), the
// depth limit is shared by launch and tree walks, and the audit record's mode is set before
// its rename (no chmod by path).
#include "files.h"
#include "redpak/base/safe_file.h"
#include "redpak/base/trust.h"
#include "redpak/launch/launch_policy.h"
#include "redpak/merge/merge.h"
#include "redpak/review/audit_status.h"
#include "redpak/tree/family_snapshot.h"
#include "redpak/tree/node.h"

#include <QObject>
#include <QTemporaryDir>
#include <atomic>
#include <functional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace redpak;
namespace fs = std::filesystem;

namespace {

using test::refusal;

// Who owns the files of the RootOnly rows (no account needed: the uid is only compared).
constexpr uid_t kOtherUid = 12345;

// A node made by hand, with a status whose realpath is the node's directory.
void makeNode(const fs::path& base, const QByteArray& alias, const QByteArray& body = {}) {
    testutil::writeFile(base / ".rednode.yaml",
                        "state: Enable\nrealpath: " + QByteArray(base.c_str()) + "\n");
    testutil::writeFile(base / "etc/redpak.yaml", "headers:\n  alias: " + alias + "\n" + body);
}

// Replaces `file` by a new file (a new inode, as an editor or an attacker does).
void replaceFile(const fs::path& file, const QByteArray& content) {
    const fs::path temp = file.parent_path() / ".replacement";
    testutil::writeFile(temp, content);
    fs::rename(temp, file);
}

std::string aliasOf(const std::vector<FamilyMember>& family) {
    return family.back().normal.headers.alias.value;
}

} // namespace

class TestFamilySnapshot : public QObject {
    Q_OBJECT

private slots:
    void init();
    void bytesAreReadOnce();
    void auditDigestsTheLaunchedBytes();
    void redpathIsResolvedOnce();
    void objectsAreTheOpenedOnes();
    void hardLinkIsRefused_data();
    void hardLinkIsRefused();
    void privilegedLaunchTrustsRootOnly_data();
    void privilegedLaunchTrustsRootOnly();
    void familyDeeperThanTheLimitIsRefused();
    void treeWalkReportsWhatItDoesNotInspect();
    void auditRecordModeIsSetBeforeRename();
    void auditRecordWriteNeverChmodsALinkTarget();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    fs::path m_root;
};

void TestFamilySnapshot::init() {
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_root = fs::canonical(m_tmp->path().toStdString());
    ::chmod(m_root.c_str(), 0755);
}

// What a launcher merges is what it read first, whatever the file becomes afterwards.
void TestFamilySnapshot::bytesAreReadOnce() {
    makeNode(m_root / "p", "parent");
    makeNode(m_root / "p/c", "approved");
    const FamilySnapshot snapshot = FamilySnapshot::open(m_root / "p/c");
    replaceFile(m_root / "p/c/etc/redpak.yaml", "headers:\n  alias: swapped\n");
    QCOMPARE(aliasOf(loadFamily(snapshot, MergeMode::Normal)), std::string("approved"));
    QCOMPARE(aliasOf(loadFamily(m_root / "p/c", MergeMode::Normal)), std::string("swapped"));
}

// --require-audit: the digest is taken on the snapshot's bytes, the same ones that are merged,
// so a file swapped after the check cannot be launched as if it had been approved.
void TestFamilySnapshot::auditDigestsTheLaunchedBytes() {
    makeNode(m_root / "n", "approved");
    approveNode(m_root / "n", "reviewed");
    const LaunchPolicy required{true};
    const FamilySnapshot approved = FamilySnapshot::open(m_root / "n");
    replaceFile(m_root / "n/etc/redpak.yaml", "headers:\n  alias: unapproved\n");
    // Checked and merged: the approved bytes, though the file changed in between.
    enforceAuditPolicy(approved, required);
    QCOMPARE(aliasOf(loadFamily(approved, MergeMode::Normal)), std::string("approved"));
    // A snapshot taken after the swap holds the unapproved bytes: refused, for the same bytes
    // that would be merged.
    const FamilySnapshot swapped = FamilySnapshot::open(m_root / "n");
    const std::string message = refusal([&] { enforceAuditPolicy(swapped, required); });
    QVERIFY2(message.find("drifted") != std::string::npos, message.c_str());
    QCOMPARE(aliasOf(loadFamily(swapped, MergeMode::Normal)), std::string("unapproved"));
}

void TestFamilySnapshot::redpathIsResolvedOnce() {
    makeNode(m_root / "good", "good");
    makeNode(m_root / "evil", "evil");
    fs::create_directory_symlink(m_root / "good", m_root / "link");
    const FamilySnapshot snapshot = FamilySnapshot::open(m_root / "link");
    fs::remove(m_root / "link");
    fs::create_directory_symlink(m_root / "evil", m_root / "link");
    QCOMPARE(snapshot.leaf().location.base, m_root / "good");
    QCOMPARE(aliasOf(loadFamily(snapshot, MergeMode::Normal)), std::string("good"));
}

// The identities downstream (commands' owners, recommendation 4's dev/inode comparison) are
// the fstat of what was opened, audit record included.
void TestFamilySnapshot::objectsAreTheOpenedOnes() {
    makeNode(m_root / "n", "n");
    testutil::writeFile(m_root / "n/etc/redpak-admin.yaml", "headers:\n  alias: n\n");
    approveNode(m_root / "n", "reviewed");
    const std::vector<FamilyMember> family = loadFamily(m_root / "n", MergeMode::Admin);
    const FamilyMember& member = family.back();
    std::vector<std::string> paths;
    for (const FamilyObject& object : member.objects) {
        struct stat info {};
        QCOMPARE(::lstat(object.path.c_str(), &info), 0);
        QCOMPARE(object.identity.inode, static_cast<std::uint64_t>(info.st_ino));
        paths.push_back(object.path);
    }
    const fs::path n = m_root / "n";
    QCOMPARE(paths, (std::vector<std::string>{
                        n.string(), (n / "etc").string(), (n / ".rednode.yaml").string(),
                        (n / "etc/redpak.yaml").string(), (n / "etc/redpak-admin.yaml").string(),
                        (n / ".rednode-audit.json").string()}));
    struct stat normal {};
    QCOMPARE(::stat((n / "etc/redpak.yaml").c_str(), &normal), 0);
    QCOMPARE(member.normalIdentity->inode, static_cast<std::uint64_t>(normal.st_ino));
    QVERIFY(member.adminIdentity);
}

void TestFamilySnapshot::hardLinkIsRefused_data() {
    QTest::addColumn<QString>("file"); // relative to the test root
    QTest::newRow("leaf config") << "p/c/etc/redpak.yaml";
    QTest::newRow("parent config") << "p/etc/redpak.yaml";
    QTest::newRow("status file") << "p/c/.rednode.yaml";
    QTest::newRow("admin config") << "p/c/etc/redpak-admin.yaml";
    QTest::newRow("audit record") << "p/c/.rednode-audit.json";
}

// A second name of a config inside a directory the node exports would show it in the node.
void TestFamilySnapshot::hardLinkIsRefused() {
    QFETCH(QString, file);
    makeNode(m_root / "p", "p");
    makeNode(m_root / "p/c", "c");
    testutil::writeFile(m_root / "p/c/etc/redpak-admin.yaml", "headers:\n  alias: c\n");
    approveNode(m_root / "p/c", "reviewed");
    const fs::path target = m_root / file.toStdString();
    fs::create_directories(m_root / "exported");
    fs::create_hard_link(target, m_root / "exported/copy");
    const std::string message = refusal([&] { FamilySnapshot::open(m_root / "p/c"); });
    QVERIFY2(message.rfind(target.string() + ": has 2 hard links", 0) == 0, message.c_str());
}

void TestFamilySnapshot::privilegedLaunchTrustsRootOnly_data() {
    QTest::addColumn<QString>("object");  // relative to the test root
    QTest::addColumn<QString>("change");  // "owner" (kOtherUid) or "mode" (octal)
    QTest::addColumn<QString>("problem"); // part of the refusal, "" when accepted
    const QString owned = "owned by uid 12345, not by root";
    QTest::newRow("root-owned family") << ""
                                       << ""
                                       << "";
    QTest::newRow("leaf config of a user") << "p/c/etc/redpak.yaml"
                                           << "owner" << owned;
    QTest::newRow("parent config of a user") << "p/etc/redpak.yaml"
                                             << "owner" << owned;
    QTest::newRow("status of a user") << "p/c/.rednode.yaml"
                                      << "owner" << owned;
    QTest::newRow("etc of a user") << "p/c/etc"
                                   << "owner" << owned;
    QTest::newRow("node directory of a user") << "p/c"
                                              << "owner" << owned;
    QTest::newRow("audit record of a user") << "p/c/.rednode-audit.json"
                                            << "owner" << owned;
    QTest::newRow("group-writable config") << "p/c/etc/redpak.yaml"
                                           << "0664"
                                           << "writable by group or others (mode 0664)";
    QTest::newRow("world-writable parent directory") << "p"
                                                     << "0757"
                                                     << "writable by group or others (mode 0757)";
    QTest::newRow("group-writable etc") << "p/c/etc"
                                        << "0775"
                                        << "writable by group or others";
}

void TestFamilySnapshot::privilegedLaunchTrustsRootOnly() {
    QFETCH(QString, object);
    QFETCH(QString, change);
    QFETCH(QString, problem);
    if (::geteuid() != 0) {
        QSKIP("root-owned families need root to be made");
    }
    makeNode(m_root / "p", "p");
    makeNode(m_root / "p/c", "c");
    approveNode(m_root / "p/c", "reviewed");
    const fs::path path = m_root / object.toStdString();
    if (change == "owner") {
        QCOMPARE(::lchown(path.c_str(), kOtherUid, kOtherUid), 0);
    } else if (!change.isEmpty()) {
        QCOMPARE(::chmod(path.c_str(), static_cast<mode_t>(change.toUInt(nullptr, 8))), 0);
    }
    // Unprivileged launches and reviews are not concerned.
    FamilySnapshot::open(m_root / "p/c", FamilyTrust::AnyOwner);
    const std::string message =
        refusal([&] { FamilySnapshot::open(m_root / "p/c", FamilyTrust::RootOnly); });
    if (problem.isEmpty()) {
        QVERIFY2(message.empty(), message.c_str());
        return;
    }
    QVERIFY2(message.rfind(path.string() + ": " + problem.toStdString(), 0) == 0, message.c_str());
    QVERIFY2(message.find("privileged launch") != std::string::npos, message.c_str());
}

// A launch never uses nodes that the review of the family's root cannot see.
void TestFamilySnapshot::familyDeeperThanTheLimitIsRefused() {
    fs::path node = m_root;
    for (int level = 0; level <= kMaxNodeDepth; ++level) {
        node /= "n";
        makeNode(node, "n" + QByteArray::number(level));
    }
    QCOMPARE(FamilySnapshot::open(node).members().size(),
             static_cast<std::size_t>(kMaxNodeDepth) + 1);
    makeNode(node / "n", "deepest");
    const std::string message = refusal([&] { FamilySnapshot::open(node / "n"); });
    QVERIFY2(message.find("more than " + std::to_string(kMaxNodeDepth) +
                          " levels of parent nodes") != std::string::npos,
             message.c_str());
}

void TestFamilySnapshot::treeWalkReportsWhatItDoesNotInspect() {
    fs::path dir = m_root;
    for (int level = 0; level <= kMaxNodeDepth + 1; ++level) {
        dir /= "d";
    }
    makeNode(dir, "too-deep");
    const TreeWalk walk = walkTree(m_root);
    QVERIFY(walk.entries.empty());
    QCOMPARE(walk.uninspected.size(), std::size_t(1));
    fs::path limit = m_root;
    for (int level = 0; level < kMaxNodeDepth; ++level) {
        limit /= "d";
    }
    QCOMPARE(walk.uninspected.front().path, limit);
    QVERIFY(walk.uninspected.front().reason.find("deeper than 32") != std::string::npos);
    // Started two levels lower, the node is at the limit: listed.
    const TreeWalk lower = walkTree(m_root / "d" / "d");
    QCOMPARE(lower.entries.size(), std::size_t(1));
    QVERIFY(lower.uninspected.empty());
}

void TestFamilySnapshot::auditRecordModeIsSetBeforeRename() {
    makeNode(m_root / "n", "n");
    const mode_t previous = ::umask(077);
    approveNode(m_root / "n", "reviewed");
    ::umask(previous);
    struct stat info {};
    QCOMPARE(::lstat((m_root / "n/.rednode-audit.json").c_str(), &info), 0);
    QCOMPARE(info.st_mode & 07777, static_cast<mode_t>(0644));
}

// An attacker who can write the node directory swaps a symbolic link in as soon as the record
// appears: the old write chmodded by path after the rename and changed the link's target.
void TestFamilySnapshot::auditRecordWriteNeverChmodsALinkTarget() {
    makeNode(m_root / "n", "n");
    const fs::path record = auditRecordPath(m_root / "n");
    const fs::path victim = m_root / "victim";
    testutil::writeFile(victim, "secret\n");
    QCOMPARE(::chmod(victim.c_str(), 0600), 0);
    const AuditRecord content = makeAuditRecord(m_root / "n", currentApprover(), "race");
    std::atomic<bool> stop{false};
    std::thread attacker([&] {
        const fs::path link = m_root / "n/.planted";
        while (!stop) {
            // The link is ready before the record appears: one rename swaps it in.
            ::symlink(victim.c_str(), link.c_str());
            struct stat info {};
            if (::lstat(record.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
                ::rename(link.c_str(), record.c_str());
            }
        }
    });
    int changed = 0;
    for (int run = 0; run < 400 && changed == 0; ++run) {
        ::unlink(record.c_str());
        try {
            writeAuditRecord(m_root / "n", content);
        } catch (const InputError&) {
            // the link was there first: refused, which is right too
        }
        struct stat info {};
        QCOMPARE(::stat(victim.c_str(), &info), 0);
        changed += (info.st_mode & 07777) != 0600;
    }
    stop = true;
    attacker.join();
    QCOMPARE(changed, 0);
}

QTEST_APPLESS_MAIN(TestFamilySnapshot)
#include "tst_family_snapshot.moc"
