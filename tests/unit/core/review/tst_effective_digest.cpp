// SPDX-License-Identifier: Apache-2.0
// Versioned effective digests of audit records: a record written before versioning still
// verifies, a new one verifies, every effective value takes part in the v1 digest, the v1 form
// is pinned (wording elsewhere cannot move it), unknown versions are refused.
#include "redpak/review/audit_status.h"
#include "redpak/review/effective_canonical.h"
#include "review_fixtures.h"

#include <QtTest>
#include <functional>

using namespace redpak;
using namespace redpak::test;

namespace {

using Mutation = std::function<void(EffectiveConfig&)>;

// A fixed configuration built in memory: no parser, merge or formatter involved.
EffectiveConfig sample() {
    EffectiveConfig c;
    c.family.push_back(FamilyNodeInfo{"/r", "root", "n", "i", "", "", "", {}});
    c.path.push_back(EffectivePathEntry{"/usr/bin", {}});
    c.path.push_back(EffectivePathEntry{"/bin", {}});
    c.ldpath.push_back(EffectivePathEntry{"/lib", {}});
    c.environ.push_back(
        EffectiveEnv{"HOME", EnvMode::Static, "/home/a", "", std::nullopt, std::nullopt, {}});
    c.exports.push_back(
        EffectiveExport{ExportMode::Restricted, "/usr", "/usr", std::nullopt, std::nullopt, {}});
    c.capabilities.push_back(EffectiveCapability{"cap_chown", false, {}});
    c.shares[static_cast<std::size_t>(Namespace::Net)] =
        EffectiveShare{ShareValue{Edu::Disabled, ""}, "share_net", {}};
    c.umask = Effective<std::uint32_t>{022, {}};
    c.hostname = Effective<std::string>{"box", {}};
    c.cgroups.push_back(
        NodeCgroup{"/r", "root", {EffectiveCgroupLimit{{CgroupController::Mem, "max", "1G"}, {}}}});
    return c;
}

std::string fixture() {
    return readText(std::filesystem::path(REDPAK_TEST_DATA) / "audit/legacy-record.json");
}

} // namespace

Q_DECLARE_METATYPE(Mutation)

class TestEffectiveDigest : public QObject {
    Q_OBJECT

private slots:
    void legacyRecordStillVerifies();
    void newRecordVerifies();
    void everyFieldChangesTheDigest_data();
    void everyFieldChangesTheDigest();
    void pinnedDigest_data();
    void pinnedDigest();
    void unknownFormatIsRefused_data();
    void unknownFormatIsRefused();
};

void TestEffectiveDigest::legacyRecordStillVerifies() {
    AuditRecord record = parseAuditRecord(fixture(), "legacy-record.json");
    QCOMPARE(record.effectiveDigestFormat, 0);
    verifyEffectiveDigests(record, "legacy-record.json");
    // The check can fail: the legacy digest is really recomputed.
    record.effectiveAdminDigest = record.effectiveDigest;
    QVERIFY_THROWS_EXCEPTION(InputError, verifyEffectiveDigests(record, "legacy-record.json"));
}

void TestEffectiveDigest::newRecordVerifies() {
    QTemporaryDir tmp;
    const std::filesystem::path root = std::filesystem::path(tmp.path().toStdString()) / "r";
    writeNode(root, "config:\n  share_net: unset\n");
    writeNode(root / "app", "config:\n  hostname: app\n", std::string("config:\n  chdir: /\n"));
    const AuditRecord made = makeAuditRecord(root / "app", Approver{"a", 1}, "");
    QCOMPARE(made.effectiveDigestFormat, kEffectiveDigestFormat);
    AuditRecord back = parseAuditRecord(formatAuditRecord(made), "r.json");
    QCOMPARE(back.effectiveDigestFormat, 1);
    verifyEffectiveDigests(back, "r.json");
    back.effectiveDigestFormat = 0; // the same files, digested with the other form
    QVERIFY_THROWS_EXCEPTION(InputError, verifyEffectiveDigests(back, "r.json"));
}

void TestEffectiveDigest::everyFieldChangesTheDigest_data() {
    QTest::addColumn<Mutation>("mutate");
    QTest::newRow("mode") << Mutation([](EffectiveConfig& c) { c.mode = MergeMode::Admin; });
    QTest::newRow("family alias") << Mutation([](EffectiveConfig& c) { c.family[0].alias = "x"; });
    QTest::newRow("path order") << Mutation(
        [](EffectiveConfig& c) { std::swap(c.path[0], c.path[1]); });
    QTest::newRow("ldpath") << Mutation([](EffectiveConfig& c) { c.ldpath[0].dir = "/lib64"; });
    QTest::newRow("environ mode") << Mutation(
        [](EffectiveConfig& c) { c.environ[0].mode = EnvMode::Default; });
    QTest::newRow("environ value")
        << Mutation([](EffectiveConfig& c) { c.environ[0].value = "/home/b"; });
    QTest::newRow("environ unset value")
        << Mutation([](EffectiveConfig& c) { c.environ[0].value = std::nullopt; });
    QTest::newRow("export mode") << Mutation(
        [](EffectiveConfig& c) { c.exports[0].mode = ExportMode::Public; });
    QTest::newRow("export source")
        << Mutation([](EffectiveConfig& c) { c.exports[0].source = "/"; });
    QTest::newRow("capability add")
        << Mutation([](EffectiveConfig& c) { c.capabilities[0].add = true; });
    QTest::newRow("share state") << Mutation([](EffectiveConfig& c) {
        c.shares[static_cast<std::size_t>(Namespace::Net)]->value.state = Edu::Enabled;
    });
    QTest::newRow("share join") << Mutation([](EffectiveConfig& c) {
        c.shares[static_cast<std::size_t>(Namespace::Net)]->value.joinPath = "/proc/1/ns/net";
    });
    QTest::newRow("umask") << Mutation([](EffectiveConfig& c) { c.umask->value = 077; });
    QTest::newRow("hostname removed") << Mutation([](EffectiveConfig& c) { c.hostname.reset(); });
    QTest::newRow("chdir added") << Mutation([](EffectiveConfig& c) {
        c.chdir = Effective<std::string>{"/", {}};
    });
    QTest::newRow("cgroup value") << Mutation(
        [](EffectiveConfig& c) { c.cgroups[0].limits[0].limit.value = "2G"; });
    QTest::newRow("merge error") << Mutation([](EffectiveConfig& c) {
        c.errors.push_back(MergeError{"/r/a", "/r", "share net", {}});
    });
}

void TestEffectiveDigest::everyFieldChangesTheDigest() {
    QFETCH(Mutation, mutate);
    EffectiveConfig changed = sample();
    mutate(changed);
    QVERIFY(*effectiveDigestOf(changed, 1) != *effectiveDigestOf(sample(), 1));
}

void TestEffectiveDigest::pinnedDigest_data() {
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("digest");
    // Provenance is not a value: where an item was written does not move the digest.
    QTest::newRow("sample") << Mutation([](EffectiveConfig&) {
    }) << QStringLiteral("d3cc094a8e786849c6c3801e2900ace7ea32dd7d0e2f6759d466b4eaf5b8e7ce");
    QTest::newRow("provenance only") << Mutation([](EffectiveConfig& c) {
        c.hostname->provenance.origin.file = "/elsewhere.yaml";
        c.environ[0].provenance.warning = "overrides a parent";
    }) << QStringLiteral("d3cc094a8e786849c6c3801e2900ace7ea32dd7d0e2f6759d466b4eaf5b8e7ce");
}

void TestEffectiveDigest::pinnedDigest() {
    QFETCH(Mutation, mutate);
    QFETCH(QString, digest);
    EffectiveConfig config = sample();
    mutate(config);
    QCOMPARE(QString::fromStdString(*effectiveDigestOf(config, 1)), digest);
}

void TestEffectiveDigest::unknownFormatIsRefused_data() {
    QTest::addColumn<QString>("format");
    QTest::newRow("newer") << QStringLiteral("2");
    QTest::newRow("negative") << QStringLiteral("-1");
    QTest::newRow("fraction") << QStringLiteral("0.5");
}

void TestEffectiveDigest::unknownFormatIsRefused() {
    QFETCH(QString, format);
    std::string json = fixture();
    const std::size_t at = json.find("\"effectiveDigest\"");
    QVERIFY(at != std::string::npos);
    json.insert(at, "\"effectiveDigestFormat\": " + format.toStdString() + ", ");
    try {
        parseAuditRecord(json, "r.json");
        QFAIL("accepted");
    } catch (const InputError& error) {
        QVERIFY(error.diagnostic().message.find("unknown effective digest format") !=
                std::string::npos);
    }
}

QTEST_GUILESS_MAIN(TestEffectiveDigest)
#include "tst_effective_digest.moc"
