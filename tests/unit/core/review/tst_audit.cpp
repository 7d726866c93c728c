// SPDX-License-Identifier: Apache-2.0
// Audit records and drift on real trees: approval, every kind of change after it, damaged
// records, the text diff, and the launch policy that refuses drifted nodes.
#include "redpak/base/digest.h"
#include "redpak/launch/launch_policy.h"
#include "redpak/review/audit_status.h"
#include "redpak/review/text_diff.h"
#include "review_fixtures.h"

#include <QtTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace redpak;
using namespace redpak::test;

class TestAudit : public QObject {
    Q_OBJECT

private slots:
    void init();
    void approveWritesACompleteRecord();
    void recordRoundTrip();
    void approvedNodeHasNoDrift();
    void drift_data();
    void drift();
    void driftShowsWideningInTheEffectiveConfig();
    void notAuditedAndDamagedRecords();
    void editedEffectiveDigestIsInvalid();
    void approvalRefusesABrokenFamily();
    void hostileRecords_data();
    void hostileRecords();
    void unifiedDiff_data();
    void unifiedDiff();
    void launchPolicyFile();
    void enforcePolicy();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::filesystem::path m_root;
    std::filesystem::path m_leaf;
};

void TestAudit::init() {
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_root = std::filesystem::path(m_tmp->path().toStdString()) / "r";
    m_leaf = m_root / "app";
    writeNode(m_root, "config:\n  share_net: unset\n");
    writeNode(m_leaf, "config:\n  hostname: app\n", std::string("config:\n  chdir: /\n"));
}

void TestAudit::approveWritesACompleteRecord() {
    const AuditRecord record = approveNode(m_leaf, "reviewed before the release");
    struct stat info {};
    QCOMPARE(::stat(auditRecordPath(m_leaf).c_str(), &info), 0);
    QCOMPARE(info.st_mode & 07777, 0644u);
    // root: status + normal; app: status + normal + admin.
    QCOMPARE(record.files.size(), std::size_t(5));
    QCOMPARE(name(record.files[0].role), name(FileRole::Status));
    QCOMPARE(record.files[0].node, m_root.string());
    QCOMPARE(name(record.files[4].role), name(FileRole::Admin));
    QCOMPARE(record.files[1].content, readText(m_root / "etc/redpak.yaml"));
    QCOMPARE(record.files[1].digest, sha256Hex(record.files[1].content));
    QVERIFY(isSha256Hex(record.effectiveDigest));
    QVERIFY(record.effectiveDigest != record.effectiveAdminDigest); // chdir only in admin mode
    QCOMPARE(record.comment, std::string("reviewed before the release"));
    QCOMPARE(record.uid, static_cast<std::int64_t>(::getuid()));
    QVERIFY(!record.time.empty() && record.time.back() == 'Z');
}

void TestAudit::recordRoundTrip() {
    AuditRecord record =
        makeAuditRecord(m_leaf, Approver{"alice", 1000}, "quote \" and\nnewline é");
    record.files[1].content += std::string("\x01\t\\");
    record.files[1].digest = sha256Hex(record.files[1].content);
    const AuditRecord back = parseAuditRecord(formatAuditRecord(record), "record.json");
    QCOMPARE(back.comment, record.comment);
    QCOMPARE(back.files.size(), record.files.size());
    QCOMPARE(back.files[1].content, record.files[1].content);
    QCOMPARE(back.effectiveDigest, record.effectiveDigest);
    QCOMPARE(back.approvedBy, std::string("alice"));
    QCOMPARE(back.uid, std::int64_t(1000));
    QCOMPARE(back.score, record.score);
}

void TestAudit::approvedNodeHasNoDrift() {
    approveNode(m_leaf, "");
    const AuditStatus status = auditStatus(m_leaf);
    QCOMPARE(name(status.state), name(AuditState::Approved));
    QVERIFY(status.drift.empty());
    QCOMPARE(name(quickAuditState(m_leaf)), name(AuditState::Approved));
    QVERIFY(status.record);
}

void TestAudit::drift_data() {
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("file"); // relative to the root node
    QTest::newRow("normal config of the node") << "normal"
                                               << "modified"
                                               << "normal"
                                               << "app/etc/redpak.yaml";
    QTest::newRow("admin config of the node") << "admin"
                                              << "modified"
                                              << "admin"
                                              << "app/etc/redpak-admin.yaml";
    QTest::newRow("config of the parent") << "parent"
                                          << "modified"
                                          << "normal"
                                          << "etc/redpak.yaml";
    QTest::newRow("status file") << "status"
                                 << "modified"
                                 << "status"
                                 << "app/.rednode.yaml";
    QTest::newRow("new admin file appears") << "new-admin"
                                            << "added"
                                            << "admin"
                                            << "etc/redpak-admin.yaml";
    QTest::newRow("admin file removed") << "remove-admin"
                                        << "removed"
                                        << "admin"
                                        << "app/etc/redpak-admin.yaml";
}

void TestAudit::drift() {
    QFETCH(QString, change);
    QFETCH(QString, kind);
    QFETCH(QString, role);
    QFETCH(QString, file);
    approveNode(m_leaf, "");
    const std::string added = "# changed after the approval\n";
    const std::filesystem::path target = m_root / file.toStdString();
    if (change == "new-admin") {
        writeText(target, configText("r", "config:\n  share_ipc: enabled\n"));
    } else if (change == "remove-admin") {
        std::filesystem::remove(target);
    } else {
        writeText(target, readText(target) + added);
    }
    const AuditStatus status = auditStatus(m_leaf);
    QCOMPARE(name(status.state), name(AuditState::Drifted));
    QCOMPARE(status.drift.size(), std::size_t(1));
    QCOMPARE(name(quickAuditState(m_leaf)), name(AuditState::Drifted));
    const FileDrift& drift = status.drift.front();
    QCOMPARE(QString::fromStdString(std::string(toString(drift.kind))), kind);
    QCOMPARE(QString::fromStdString(std::string(toString(drift.role))), role);
    QCOMPARE(drift.path, target.string());
    if (change == "remove-admin") {
        QVERIFY(drift.currentDigest.empty());
        QVERIFY(drift.textDiff.find("-  chdir: /") != std::string::npos);
    } else if (change == "new-admin") {
        QVERIFY(drift.auditedDigest.empty());
        QVERIFY(drift.textDiff.find("+  share_ipc: enabled") != std::string::npos);
    } else {
        QVERIFY2(drift.textDiff.find("+" + added) != std::string::npos, drift.textDiff.c_str());
        QVERIFY(drift.auditedDigest != drift.currentDigest);
    }
}

void TestAudit::driftShowsWideningInTheEffectiveConfig() {
    approveNode(m_leaf, "");
    writeText(m_root / "etc/redpak.yaml", configText("r", "config:\n  share_net: enabled\n"));
    const AuditStatus status = auditStatus(m_leaf);
    QVERIFY(status.semantic);
    const Change* net = changeOf(*status.semantic, "namespace net");
    QVERIFY(net);
    QCOMPARE(name(net->direction), name(Direction::Widening));
    QVERIFY(status.scoreNow && *status.scoreNow > status.record->score);
    const std::string text = formatAuditStatusText({status}, true);
    QVERIFY(text.find("-  share_net: unset") != std::string::npos);
    QVERIFY(text.find("+  share_net: enabled") != std::string::npos);
    QVERIFY(text.find("widening namespace net") != std::string::npos);
}

void TestAudit::notAuditedAndDamagedRecords() {
    QCOMPARE(name(auditStatus(m_leaf).state), name(AuditState::NotAudited));
    QCOMPARE(name(quickAuditState(m_leaf)), name(AuditState::NotAudited));
    approveNode(m_leaf, "");
    std::string json = readText(auditRecordPath(m_leaf));
    const std::size_t at = json.find("share_net: unset");
    QVERIFY(at != std::string::npos);
    json.replace(at, 16, "share_net: enabl");
    writeText(auditRecordPath(m_leaf), json); // content no longer matches its digest
    AuditStatus status = auditStatus(m_leaf);
    QCOMPARE(name(status.state), name(AuditState::Invalid));
    QVERIFY(status.problem.find("does not match its digest") != std::string::npos);
    QCOMPARE(name(quickAuditState(m_leaf)), name(AuditState::Invalid));
    writeText(auditRecordPath(m_leaf), "{\"format\": 1,}");
    QCOMPARE(name(auditStatus(m_leaf).state), name(AuditState::Invalid));
    QVERIFY_THROWS_EXCEPTION(InputError, auditStatus(m_root / "etc"));
}

void TestAudit::editedEffectiveDigestIsInvalid() {
    const AuditRecord record = approveNode(m_leaf, "");
    std::string json = readText(auditRecordPath(m_leaf));
    const std::size_t at = json.find(record.effectiveDigest);
    QVERIFY(at != std::string::npos);
    json.replace(at, record.effectiveDigest.size(),
                 std::string(record.effectiveDigest.size(), '0'));
    writeText(auditRecordPath(m_leaf), json); // the files still match, their merge does not
    const AuditStatus status = auditStatus(m_leaf);
    QCOMPARE(name(status.state), name(AuditState::Invalid));
    QVERIFY(status.problem.find("effective digest does not match") != std::string::npos);
    // The badges' cheap state says the same.
    QCOMPARE(name(quickAuditState(m_leaf)), name(AuditState::Invalid));
}

void TestAudit::approvalRefusesABrokenFamily() {
    writeNode(m_root, "config:\n  share_net: disabled\n");
    writeNode(m_leaf, "config:\n  share_net: enabled\n");
    QVERIFY_THROWS_EXCEPTION(InputError, approveNode(m_leaf, ""));
    QVERIFY(!std::filesystem::exists(auditRecordPath(m_leaf)));
}

void TestAudit::hostileRecords_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not an object") << QByteArray("[]");
    QTest::newRow("truncated") << QByteArray("{\"format\": 1");
    QTest::newRow("trailing comma") << QByteArray("{\"format\": 1,}");
    QTest::newRow("duplicate member") << QByteArray("{\"format\": 1, \"format\": 1}");
    QTest::newRow("bad escape") << QByteArray("{\"node\": \"\\q\"}");
    QTest::newRow("lone surrogate") << QByteArray("{\"node\": \"\\ud800\"}");
    QTest::newRow("control character") << QByteArray("{\"node\": \"a\tb\"}");
    QTest::newRow("deep nesting") << QByteArray(200, '[');
    QTest::newRow("text after the value") << QByteArray("{} {}");
    QTest::newRow("future format") << QByteArray("{\"format\": 2}");
    QTest::newRow("missing files")
        << QByteArray("{\"format\": 1, \"node\": \"/r\", \"alias\": \"r\", \"approvedBy\": "
                      "\"a\", \"uid\": 0, \"time\": \"t\", \"comment\": \"\", \"score\": 0, "
                      "\"effectiveDigest\": \"\", \"effectiveAdminDigest\": \"\", \"files\": []}");
}

void TestAudit::hostileRecords() {
    QFETCH(QByteArray, json);
    QVERIFY_THROWS_EXCEPTION(InputError, parseAuditRecord(json.toStdString(), "record.json"));
}

void TestAudit::unifiedDiff_data() {
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("expected");
    QTest::newRow("equal") << "a\nb\n"
                           << "a\nb\n"
                           << "";
    QTest::newRow("one line changed") << "a\nb\nc\n"
                                      << "a\nB\nc\n"
                                      << "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n";
    QTest::newRow("appended") << "a\n"
                              << "a\nb\n"
                              << "--- x\n+++ y\n@@ -1,1 +1,2 @@\n a\n+b\n";
    QTest::newRow("from nothing") << ""
                                  << "a\n"
                                  << "--- x\n+++ y\n@@ -0,0 +1,1 @@\n+a\n";
    QTest::newRow("two hunks") << "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"
                               << "X\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\nY\n"
                               << "--- x\n+++ y\n@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n 4\n"
                                  "@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+Y\n";
}

void TestAudit::unifiedDiff() {
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(
                 redpak::unifiedDiff(before.toStdString(), after.toStdString(), "x", "y")),
             expected);
}

void TestAudit::launchPolicyFile() {
    const std::filesystem::path file =
        std::filesystem::path(m_tmp->path().toStdString()) / "launch-policy";
    QVERIFY(!loadLaunchPolicy(file).requireAudit); // absent: defaults
    writeText(file, "# site policy\naudit: required   # every node\n");
    ::chmod(file.c_str(), 0644);
    if (::geteuid() != 0) {
        QVERIFY_THROWS_EXCEPTION(InputError, loadLaunchPolicy(file)); // not root-owned
        QSKIP("a root-owned policy file needs root to be created");
    }
    QVERIFY(loadLaunchPolicy(file).requireAudit);
    writeText(file, "audit: optional\n");
    QVERIFY(!loadLaunchPolicy(file).requireAudit);
    writeText(file, "audit: sometimes\n");
    QVERIFY_THROWS_EXCEPTION(InputError, loadLaunchPolicy(file));
    writeText(file, "audit: required\n");
    ::chmod(file.c_str(), 0664);
    QVERIFY_THROWS_EXCEPTION(InputError, loadLaunchPolicy(file)); // group could switch it off
}

void TestAudit::enforcePolicy() {
    const LaunchPolicy required{true};
    enforceAuditPolicy(m_leaf, LaunchPolicy{false}); // no policy: nothing checked
    QVERIFY_THROWS_EXCEPTION(InputError, enforceAuditPolicy(m_leaf, required)); // never approved
    approveNode(m_leaf, "");
    enforceAuditPolicy(m_leaf, required);
    ::chmod(auditRecordPath(m_leaf).c_str(), 0666);
    QVERIFY_THROWS_EXCEPTION(InputError, enforceAuditPolicy(m_leaf, required)); // untrusted record
    ::chmod(auditRecordPath(m_leaf).c_str(), 0644);
    writeText(m_root / "etc/redpak.yaml", readText(m_root / "etc/redpak.yaml") + "# drift\n");
    try {
        enforceAuditPolicy(m_leaf, required);
        QFAIL("a drifted family was accepted");
    } catch (const InputError& error) {
        QVERIFY(error.diagnostic().message.find("drifted") != std::string::npos);
        QVERIFY(error.diagnostic().message.find((m_root / "etc/redpak.yaml").string()) !=
                std::string::npos);
    }
}

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
