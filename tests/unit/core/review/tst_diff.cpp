// SPDX-License-Identifier: Apache-2.0
// Semantic diff: one row per widening/narrowing/neutral rule, on config files and on effective
// configurations (where a parent's change reaches its children).
#include "redpak/review/diff.h"
#include "review_fixtures.h"

#include <QtTest>

using namespace redpak;
using namespace redpak::test;

Q_DECLARE_METATYPE(redpak::Direction)
Q_DECLARE_METATYPE(redpak::ChangeKind)

class TestDiff : public QObject {
    Q_OBJECT

private slots:
    void configRules_data();
    void configRules();
    void effectiveRules_data();
    void effectiveRules();
    void identicalConfigsHaveNoChange();
    void itemsAreMatchedByIdentityNotPosition();
    void summaryAndOrder();
    void parentChangeWidensChild();
    void jsonCarriesEveryChange();
};

void TestDiff::configRules_data() {
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("item");
    QTest::addColumn<redpak::ChangeKind>("kind");
    QTest::addColumn<redpak::Direction>("direction");

    const auto cfg = [](const char* lines) { return QString("config:\n") + lines; };
    const auto exp = [](const char* mode, const char* mount, const char* path) {
        return QString("exports:\n  - mode: %1\n    mount: %2\n    path: %3\n")
            .arg(mode, mount, path);
    };
    const auto capa = [](const char* cap, int add) {
        return QString("config:\n  capabilities:\n    - cap: %1\n      add: %2\n")
            .arg(cap)
            .arg(add);
    };
    const auto cg = [](const char* controller, const char* key, const char* value) {
        return QString("config:\n  cgroups:\n    %1:\n      %2: '%3'\n")
            .arg(controller, key, value);
    };
    const auto env = [](const char* mode, const char* value) {
        return QString("environ:\n  - key: V\n    mode: %1\n%2")
            .arg(mode, value ? QString("    value: '%1'\n").arg(value) : QString());
    };
    using D = redpak::Direction;
    using K = redpak::ChangeKind;

    QTest::newRow("share_net added enabled")
        << "" << cfg("  share_net: enabled\n") << "share_net" << K::Added << D::Widening;
    QTest::newRow("share_net enabled->disabled")
        << cfg("  share_net: enabled\n") << cfg("  share_net: disabled\n") << "share_net"
        << K::Modified << D::Narrowing;
    QTest::newRow("share_pid disabled->unset")
        << cfg("  share_pid: disabled\n") << cfg("  share_pid: unset\n") << "share_pid"
        << K::Modified << D::Widening;
    QTest::newRow("share_all disabled removed") << cfg("  share_all: disabled\n") << ""
                                                << "share_all" << K::Removed << D::Widening;
    QTest::newRow("share_net join another ns")
        << cfg("  share_net: enabled\n") << cfg("  share_net: /proc/1/ns/net\n") << "share_net"
        << K::Modified << D::Widening;
    QTest::newRow("capability added")
        << "" << capa("cap_net_admin", 1) << "capability cap_net_admin" << K::Added << D::Widening;
    QTest::newRow("capability drop added")
        << "" << capa("cap_net_admin", 0) << "capability cap_net_admin" << K::Added << D::Narrowing;
    QTest::newRow("capability add->drop")
        << capa("cap_sys_admin", 1) << capa("cap_sys_admin", 0) << "capability cap_sys_admin"
        << K::Modified << D::Narrowing;
    QTest::newRow("capability drop removed")
        << capa("cap_sys_admin", 0) << ""
        << "capability cap_sys_admin" << K::Removed << D::Widening;
    QTest::newRow("Restricted->Public")
        << exp("Restricted", "/srv", "/srv") << exp("Public", "/srv", "/srv") << "export /srv"
        << K::Modified << D::Widening;
    QTest::newRow("Public->Restricted")
        << exp("Public", "/srv", "/srv") << exp("Restricted", "/srv", "/srv") << "export /srv"
        << K::Modified << D::Narrowing;
    QTest::newRow("new writable mount")
        << "" << exp("Public", "/data", "/var/data") << "export /data" << K::Added << D::Widening;
    QTest::newRow("new read-only mount")
        << "" << exp("Restricted", "/usr", "/usr") << "export /usr" << K::Added << D::Widening;
    QTest::newRow("writable mount removed") << exp("Public", "/data", "/var/data") << ""
                                            << "export /data" << K::Removed << D::Narrowing;
    QTest::newRow("new tmpfs") << "" << QString("exports:\n  - mode: Tmpfs\n    mount: /tmp\n")
                               << "export /tmp" << K::Added << D::Neutral;
    QTest::newRow("procfs added") << "" << QString("exports:\n  - mode: Procfs\n    mount: /proc\n")
                                  << "export /proc" << K::Added << D::Widening;
    QTest::newRow("Tmpfs->Procfs") << QString("exports:\n  - mode: Tmpfs\n    mount: /proc\n")
                                   << QString("exports:\n  - mode: Procfs\n    mount: /proc\n")
                                   << "export /proc" << K::Modified << D::Widening;
    QTest::newRow("source narrowed")
        << exp("Restricted", "/x", "/usr") << exp("Restricted", "/x", "/usr/lib") << "export /x"
        << K::Modified << D::Narrowing;
    QTest::newRow("source elsewhere")
        << exp("Restricted", "/x", "/usr") << exp("Restricted", "/x", "/etc") << "export /x"
        << K::Modified << D::Widening;
    QTest::newRow("source widened")
        << exp("Restricted", "/x", "/usr/lib") << exp("Restricted", "/x", "/usr") << "export /x"
        << K::Modified << D::Widening;
    QTest::newRow("unsafe true") << "" << cfg("  unsafe: true\n") << "unsafe" << K::Added
                                 << D::Widening;
    QTest::newRow("unsafe true->false") << cfg("  unsafe: true\n") << cfg("  unsafe: false\n")
                                        << "unsafe" << K::Modified << D::Narrowing;
    QTest::newRow("inherit-env true")
        << cfg("  inherit-env: false\n") << cfg("  inherit-env: true\n") << "inherit-env"
        << K::Modified << D::Widening;
    QTest::newRow("gpgcheck off") << cfg("  gpgcheck: true\n") << cfg("  gpgcheck: false\n")
                                  << "gpgcheck" << K::Modified << D::Widening;
    QTest::newRow("map-root-user on")
        << "" << cfg("  map-root-user: 1\n") << "map-root-user" << K::Added << D::Widening;
    QTest::newRow("set-user added")
        << "" << cfg("  set-user: app\n") << "set-user" << K::Added << D::Widening;
    QTest::newRow("set-user app->root") << cfg("  set-user: app\n") << cfg("  set-user: root\n")
                                        << "set-user" << K::Modified << D::Widening;
    QTest::newRow("set-user removed") << cfg("  set-user: app\n") << ""
                                      << "set-user" << K::Removed << D::Narrowing;
    QTest::newRow("smack removed") << cfg("  smack: App\n") << ""
                                   << "smack" << K::Removed << D::Widening;
    QTest::newRow("smack label changed")
        << cfg("  smack: App\n") << cfg("  smack: Other\n") << "smack" << K::Modified << D::Neutral;
    QTest::newRow("die-with-parent off")
        << cfg("  die-with-parent: enabled\n") << cfg("  die-with-parent: disabled\n")
        << "die-with-parent" << K::Modified << D::Widening;
    QTest::newRow("new-session on")
        << "" << cfg("  new-session: enabled\n") << "new-session" << K::Added << D::Narrowing;
    QTest::newRow("hostname removed") << cfg("  hostname: box\n") << ""
                                      << "hostname" << K::Removed << D::Widening;
    QTest::newRow("hostname renamed") << cfg("  hostname: box\n") << cfg("  hostname: other\n")
                                      << "hostname" << K::Modified << D::Neutral;
    QTest::newRow("hostname tag typo") << cfg("  hostname: box\n") << cfg("  hostname: $NOPE_X\n")
                                       << "hostname" << K::Modified << D::Widening;
    QTest::newRow("hostname escaped dollar")
        << cfg("  hostname: box\n") << cfg("  hostname: \\$NOPE_X\n") << "hostname" << K::Modified
        << D::Neutral;
    QTest::newRow("umask 027->022") << cfg("  umask: '027'\n") << cfg("  umask: '022'\n") << "umask"
                                    << K::Modified << D::Widening;
    QTest::newRow("umask 022->077") << cfg("  umask: '022'\n") << cfg("  umask: '077'\n") << "umask"
                                    << K::Modified << D::Narrowing;
    QTest::newRow("chdir changed")
        << cfg("  chdir: /a\n") << cfg("  chdir: /b\n") << "chdir" << K::Modified << D::Neutral;
    QTest::newRow("path changed") << cfg("  path: /bin\n") << cfg("  path: /usr/bin:/bin\n")
                                  << "path" << K::Modified << D::Neutral;
    QTest::newRow("pids limit added")
        << "" << cg("pids", "max", "100") << "cgroup pids.max" << K::Added << D::Narrowing;
    QTest::newRow("pids limit removed") << cg("pids", "max", "100") << ""
                                        << "cgroup pids.max" << K::Removed << D::Widening;
    QTest::newRow("pids limit raised") << cg("pids", "max", "100") << cg("pids", "max", "200")
                                       << "cgroup pids.max" << K::Modified << D::Widening;
    QTest::newRow("pids limit to max") << cg("pids", "max", "100") << cg("pids", "max", "max")
                                       << "cgroup pids.max" << K::Modified << D::Widening;
    QTest::newRow("memory lowered with units") << cg("mem", "max", "1G") << cg("mem", "max", "512M")
                                               << "cgroup mem.max" << K::Modified << D::Narrowing;
    QTest::newRow("cpu quota raised")
        << cg("cpu", "max", "50000 100000") << cg("cpu", "max", "200000 100000") << "cgroup cpu.max"
        << K::Modified << D::Widening;
    QTest::newRow("cpuset fewer cpus") << cg("cpuset", "cpus", "0-3") << cg("cpuset", "cpus", "0,2")
                                       << "cgroup cpuset.cpus" << K::Modified << D::Narrowing;
    QTest::newRow("inert key removed") << cg("mem", "low", "1M") << ""
                                       << "cgroup mem.low" << K::Removed << D::Neutral;
    QTest::newRow("environ inherit added")
        << "" << env("Inherit", nullptr) << "environ V" << K::Added << D::Widening;
    QTest::newRow("environ execfd added")
        << "" << env("Execfd", "date") << "environ V" << K::Added << D::Widening;
    QTest::newRow("environ command in value") << env("Default", "x") << env("Default", "$(id)")
                                              << "environ V" << K::Modified << D::Widening;
    QTest::newRow("environ value changed")
        << env("Default", "a") << env("Default", "b") << "environ V" << K::Modified << D::Neutral;
    QTest::newRow("environ inherit removed") << env("Inherit", nullptr) << ""
                                             << "environ V" << K::Removed << D::Narrowing;
    QTest::newRow("header info") << QString("") << QString("") << "" << K::Modified << D::Neutral;
}

void TestDiff::configRules() {
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, item);
    QFETCH(redpak::ChangeKind, kind);
    QFETCH(redpak::Direction, direction);
    if (item.isEmpty()) {
        // Header texts: the info line changes, the sandbox does not.
        Config a = parseBody("n", "");
        Config b = parseBody("n", "");
        b.headers.info = Setting<std::string>{"now documented", {}};
        const Diff diff = diffConfigs(a, b);
        QCOMPARE(diff.changes.size(), std::size_t(1));
        QCOMPARE(name(diff.changes.front().direction), name(Direction::Neutral));
        return;
    }
    const Diff diff =
        diffConfigs(parseBody("n", before.toStdString()), parseBody("n", after.toStdString()));
    const Change* change = changeOf(diff, item.toStdString());
    QVERIFY2(change, qPrintable("no change on " + item +
                                "; got: " + QString::fromStdString(formatDiffText(diff))));
    QCOMPARE(name(change->kind), name(kind));
    QVERIFY2(change->direction == direction,
             qPrintable(QString::fromStdString(formatDiffText(diff))));
    QVERIFY(!change->reason.empty());
}

void TestDiff::effectiveRules_data() {
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("item");
    QTest::addColumn<redpak::Direction>("direction");
    using D = redpak::Direction;
    QTest::newRow("net shared") << ""
                                << "config:\n  share_net: enabled\n"
                                << "namespace net" << D::Widening;
    QTest::newRow("share_all shares pid") << ""
                                          << "config:\n  share_all: enabled\n"
                                          << "namespace pid" << D::Widening;
    QTest::newRow("share_all shares user") << ""
                                           << "config:\n  share_all: enabled\n"
                                           << "namespace user" << D::Widening;
    QTest::newRow("ipc unshared again") << "config:\n  share_ipc: enabled\n"
                                        << "config:\n  share_ipc: disabled\n"
                                        << "namespace ipc" << D::Narrowing;
    QTest::newRow("time namespace created") << ""
                                            << "config:\n  share_time: disabled\n"
                                            << "namespace time" << D::Narrowing;
    QTest::newRow("join a namespace") << ""
                                      << "config:\n  share_net: /proc/1/ns/net\n"
                                      << "namespace net" << D::Widening;
    QTest::newRow("privileged launch") << ""
                                       << "config:\n  set-user: app\n"
                                       << "privileged launch" << D::Widening;
    QTest::newRow("unprivileged again") << "config:\n  smack: App\n"
                                        << ""
                                        << "privileged launch" << D::Narrowing;
    // A change that brings in an unknown tag (a typo: "" at launch) is never neutral.
    QTest::newRow("hostname tag typo") << "config:\n  hostname: $LEAF_ALIAS\n"
                                       << "config:\n  hostname: $LEAF_ALIASx\n"
                                       << "hostname" << D::Widening;
    QTest::newRow("hostname other predefined tag") << "config:\n  hostname: $LEAF_ALIAS\n"
                                                   << "config:\n  hostname: $NODE_ALIAS-x\n"
                                                   << "hostname" << D::Neutral;
    // Expansion turns `\$NOPE` into a literal `$NOPE`: still not a tag.
    QTest::newRow("hostname escaped dollar") << "config:\n  hostname: a\n"
                                             << "config:\n  hostname: a\\$NOPE\n"
                                             << "hostname" << D::Neutral;
    QTest::newRow("hostname command kept") << "config:\n  hostname: a\n"
                                           << "config:\n  hostname: $(echo $NOPE)\n"
                                           << "hostname" << D::Neutral;
}

void TestDiff::effectiveRules() {
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, item);
    QFETCH(redpak::Direction, direction);
    const Diff diff = diffEffective(memMerge({{"/r", before.toStdString(), {}}}),
                                    memMerge({{"/r", after.toStdString(), {}}}));
    const Change* change = changeOf(diff, item.toStdString());
    QVERIFY2(change, qPrintable(QString::fromStdString(formatDiffText(diff))));
    QCOMPARE(name(change->direction), name(direction));
}

void TestDiff::identicalConfigsHaveNoChange() {
    const std::string body =
        "config:\n  share_net: enabled\n  capabilities:\n    - cap: cap_chown\n      add: 1\n";
    const Diff diff = diffConfigs(parseBody("n", body), parseBody("n", body));
    QVERIFY(diff.empty());
    QCOMPARE(diff.summary(), std::string("no change"));
    QVERIFY(diffEffective(memMerge({{"/r", body, {}}}), memMerge({{"/r", body, {}}})).empty());
}

void TestDiff::itemsAreMatchedByIdentityNotPosition() {
    // Same exports and environment in another order, with comments and other spellings.
    const Diff diff = diffConfigs(
        parseBody(
            "n",
            "environ:\n  - key: A\n    value: '1'\n  - key: B\n    value: '2'\n"
            "exports:\n  - mode: Tmpfs\n    mount: /tmp\n  - mode: Restricted\n    mount: /usr/\n"),
        parseBody("n", "# reordered\nexports:\n  - mode: restricted\n    mount: /usr\n  - mode: "
                       "TMPFS\n    mount: /tmp\n"
                       "environ:\n  - key: B\n    value: '2'\n  - key: A\n    value: '1'\n"));
    QVERIFY2(diff.empty(), formatDiffText(diff).c_str());
}

void TestDiff::summaryAndOrder() {
    const Diff diff = diffConfigs(
        parseBody("n", "config:\n  share_net: enabled\n  chdir: /a\n  hostname: x\n"),
        parseBody("n",
                  "config:\n  share_net: disabled\n  chdir: /b\n  hostname: y\n  unsafe: true\n"
                  "  share_ipc: enabled\n  verbose: 2\n"));
    QCOMPARE(diff.summary(), std::string("2 widening, 1 narrowing, 3 neutral"));
    // Widening first, then narrowing, then neutral: what a reviewer must see first.
    QCOMPARE(name(diff.changes[0].direction), name(Direction::Widening));
    QCOMPARE(name(diff.changes[1].direction), name(Direction::Widening));
    QCOMPARE(name(diff.changes[2].direction), name(Direction::Narrowing));
    QCOMPARE(name(diff.changes[5].direction), name(Direction::Neutral));
    QVERIFY(formatDiffText(diff).find("2 widening, 1 narrowing, 3 neutral\n") != std::string::npos);
}

void TestDiff::parentChangeWidensChild() {
    const EffectiveConfig before = memMerge({{"/r", "", {}}, {"/r/c", "", {}}});
    const EffectiveConfig after = memMerge({{"/r",
                                             "config:\n  share_net: enabled\n  capabilities:\n    "
                                             "- cap: cap_sys_admin\n      add: 1\n",
                                             {}},
                                            {"/r/c", "", {}}});
    const Diff diff = diffEffective(before, after);
    const Change* net = changeOf(diff, "namespace net");
    QVERIFY(net);
    QCOMPARE(name(net->direction), name(Direction::Widening));
    QCOMPARE(*net->before, std::string("unshared"));
    QCOMPARE(*net->after, std::string("shared"));
    const Change* cap = changeOf(diff, "capability cap_sys_admin");
    QVERIFY(cap);
    QCOMPARE(name(cap->direction), name(Direction::Widening));
    // A parent's limit removed widens the child; limits are matched by level, not by alias.
    const std::string limited = "config:\n  cgroups:\n    pids:\n      max: '64'\n";
    const Diff unlimited = diffEffective(memMerge({{"/r", limited, {}}, {"/r/c", "", {}}}),
                                         memMerge({{"/r", "", {}}, {"/r/c", "", {}}}));
    const Change* pids = changeOf(unlimited, "cgroup parent pids.max");
    QVERIFY2(pids, formatDiffText(unlimited).c_str());
    QCOMPARE(name(pids->direction), name(Direction::Widening));
    QVERIFY(diffEffective(memMerge({{"/r", limited, {}}}), memMerge({{"/other", limited, {}}}))
                .empty());
    // A child that keeps its own network unshared is not widened by the parent.
    const Diff narrowChild =
        diffEffective(memMerge({{"/r", "", {}}, {"/r/c", "config:\n  share_net: disabled\n", {}}}),
                      memMerge({{"/r", "config:\n  share_net: enabled\n", {}},
                                {"/r/c", "config:\n  share_net: disabled\n", {}}}));
    QVERIFY(!changeOf(narrowChild, "namespace net"));
}

void TestDiff::jsonCarriesEveryChange() {
    const Diff diff = diffConfigs(parseBody("n", ""),
                                  parseBody("n", "config:\n  share_net: enabled\n  chdir: /x\n"));
    const QJsonObject json =
        QJsonDocument::fromJson(QByteArray::fromStdString(formatDiffJson(diff))).object();
    QCOMPARE(json["widening"].toInt(), 1);
    QCOMPARE(json["neutral"].toInt(), 1);
    const QJsonArray changes = json["changes"].toArray();
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes[0].toObject()["item"].toString(), QString("share_net"));
    QCOMPARE(changes[0].toObject()["direction"].toString(), QString("widening"));
    QCOMPARE(changes[0].toObject()["kind"].toString(), QString("added"));
    QVERIFY(changes[0].toObject()["before"].isNull());
}

QTEST_GUILESS_MAIN(TestDiff)
#include "tst_diff.moc"
