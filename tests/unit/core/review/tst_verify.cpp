// SPDX-License-Identifier: Apache-2.0
// `redconf verify` without a launch (review/verify.h): the expectations of a plan compared
// with hand-written probe reports. The report of a launch that does what the plan says passes
// every check; each kind of mismatch fails exactly its own check; the probe's JSON is read back.
#include "redpak/launch/plan.h"
#include "redpak/review/verify.h"
#include "review_fixtures.h"

#include <QtTest>
#include <functional>

using namespace redpak;
using namespace redpak::test;

namespace {

const std::string kNode = R"(config:
  share_net: disabled
  hostname: box
  chdir: /work
  umask: '027'
  capabilities:
    - cap: cap_net_raw
      add: 0
environ:
  - key: FOO
    value: bar
exports:
  - mode: Restricted
    mount: /usr
    path: /usr
  - mode: Public
    mount: /srv
    path: /srv
  - mode: Tmpfs
    mount: /tmp
)";

constexpr const char* kNamespaces[] = {"user", "cgroup", "net", "pid", "ipc", "uts", "mnt", "time"};

VerifyContext context() {
    VerifyContext out;
    out.uid = 1000;
    out.gid = 1001;
    out.launcherSession = 40;
    std::uint64_t inode = 1;
    for (const char* name : kNamespaces) {
        out.launcherNamespaces[name] = inode++;
    }
    return out;
}

// What a launch of kNode as uid 1000 shows when it does what the plan says.
ProbeObservation faithfulLaunch() {
    ProbeObservation seen;
    seen.uid = 1000;
    seen.gid = 1001;
    seen.noNewPrivs = "1";
    seen.seccomp = "2";
    seen.tiocsti = "refused";
    std::uint64_t inode = 11;
    for (const char* name : kNamespaces) {
        seen.namespaces[name] = inode++;
    }
    seen.namespaces["time"] = 8; // the time namespace stays the launcher's by default
    seen.mounts = {{"/", "tmpfs", "tmpfs", false},
                   {"/usr", "/dev/vda", "ext4", true},
                   {"/srv", "/dev/vda", "ext4", false},
                   {"/tmp", "tmpfs", "tmpfs", false}};
    seen.familyWalkComplete = true;
    seen.hostname = "box";
    seen.cwd = "/work";
    seen.umask = 027;
    seen.environment = {"FOO", "PWD"};
    seen.pid = 2;
    seen.session = 1;
    return seen;
}

std::vector<VerifyCheck> compared(const ProbeObservation& seen) {
    const EffectiveConfig config = memMerge({{"/r", kNode, {}}});
    std::vector<VerifyCheck> checks = verifyExpectations(config, buildPlan(config), context());
    compareWithObservation(checks, seen);
    return checks;
}

// "group subject" of each check with `outcome`, comma separated.
QString withOutcome(const std::vector<VerifyCheck>& checks, CheckOutcome outcome) {
    QStringList out;
    for (const VerifyCheck& check : checks) {
        if (check.outcome == outcome) {
            out << QString::fromStdString(check.group + " " + check.subject + " (expected " +
                                          check.expected + ", seen " +
                                          check.observed.value_or("-") + ")");
        }
    }
    return out.join(", ");
}

using ReportChange = std::function<void(ProbeObservation&)>;

void setCapability(ProbeObservation& seen, int bit) {
    for (const CapabilitySet set : {CapabilitySet::Effective, CapabilitySet::Permitted}) {
        seen.capabilities[static_cast<std::size_t>(set)] |= std::uint64_t{1} << bit;
    }
}

void setMountReadOnly(ProbeObservation& seen, const std::string& point, bool readOnly) {
    for (ProbeObservation::Mount& mount : seen.mounts) {
        if (mount.mount == point) {
            mount.readOnly = readOnly;
        }
    }
}

} // namespace

Q_DECLARE_METATYPE(ReportChange)

class TestVerify : public QObject {
    Q_OBJECT

private slots:
    void faithfulLaunchPassesEveryCheck() {
        const std::vector<VerifyCheck> checks = compared(faithfulLaunch());
        QCOMPARE(withOutcome(checks, CheckOutcome::Fail), QString());
        QCOMPARE(withOutcome(checks, CheckOutcome::Unknown), QString());
        QVERIFY(!highestFailure(checks));
        // Every expectation from the configuration names the line it comes from.
        for (const VerifyCheck& check : checks) {
            if (check.group == "process" || check.subject == "net" || check.subject == "/usr") {
                QVERIFY2(check.provenance.find("r.yaml:") != std::string::npos ||
                             check.provenance.find("redpak.yaml:") != std::string::npos,
                         check.provenance.c_str());
            }
        }
    }

    void mismatchFailsExactlyItsCheck_data() {
        QTest::addColumn<ReportChange>("change");
        QTest::addColumn<QString>("failing"); // "group subject"
        const auto row = [](const char* tag, ReportChange change, const char* failing) {
            QTest::newRow(tag) << change << QString(failing);
        };
        row(
            "net shared", [](ProbeObservation& s) { s.namespaces["net"] = 3; }, "namespace net");
        row(
            "user shared", [](ProbeObservation& s) { s.namespaces["user"] = 1; }, "namespace user");
        row(
            "pid shared", [](ProbeObservation& s) { s.namespaces["pid"] = 4; }, "namespace pid");
        row(
            "uts shared", [](ProbeObservation& s) { s.namespaces["uts"] = 6; }, "namespace uts");
        row(
            "time unshared", [](ProbeObservation& s) { s.namespaces["time"] = 99; },
            "namespace time");
        row(
            "dropped capability kept", [](ProbeObservation& s) { setCapability(s, 13); },
            "capability cap_net_raw");
        row(
            "CAP_SYS_ADMIN kept", [](ProbeObservation& s) { setCapability(s, 21); },
            "capability cap_sys_admin");
        row(
            "another capability kept", [](ProbeObservation& s) { setCapability(s, 0); },
            "capability others");
        row(
            "ambient capability",
            [](ProbeObservation& s) {
                s.capabilities[static_cast<std::size_t>(CapabilitySet::Ambient)] = 1;
            },
            "capability others");
        row(
            "ro-bind writable", [](ProbeObservation& s) { setMountReadOnly(s, "/usr", false); },
            "mount /usr");
        row(
            "bind read-only", [](ProbeObservation& s) { setMountReadOnly(s, "/srv", true); },
            "mount /srv");
        row(
            "tmpfs missing", [](ProbeObservation& s) { s.mounts.pop_back(); }, "mount /tmp");
        row(
            "wrong fs type", [](ProbeObservation& s) { s.mounts.back().type = "ext4"; },
            "mount /tmp");
        row(
            "later mount hides a ro-bind",
            [](ProbeObservation& s) {
                s.mounts.push_back({"/usr", "/dev/vda", "ext4", false});
            },
            "mount /usr");
        row(
            "family file reachable",
            [](ProbeObservation& s) { s.familyFilesFound = {"/srv/r/etc/redpak.yaml"}; },
            "family 0 files and directories");
        row(
            "uid", [](ProbeObservation& s) { s.uid = 0; }, "identity uid");
        row(
            "gid", [](ProbeObservation& s) { s.gid = 0; }, "identity gid");
        row(
            "no_new_privs", [](ProbeObservation& s) { s.noNewPrivs = "0"; },
            "launcher no_new_privs");
        row(
            "no seccomp", [](ProbeObservation& s) { s.seccomp = "0"; }, "launcher seccomp");
        row(
            "TIOCSTI allowed", [](ProbeObservation& s) { s.tiocsti = "allowed"; },
            "launcher ioctl TIOCSTI");
        row(
            "launcher's session", [](ProbeObservation& s) { s.session = 0; }, "launcher session");
        row(
            "session of the launcher (shared pid namespace)",
            [](ProbeObservation& s) { s.session = 40; }, "launcher session");
        row(
            "controlling terminal", [](ProbeObservation& s) { s.tty = 34816; }, "launcher session");
        row(
            "hostname", [](ProbeObservation& s) { s.hostname = "host"; }, "process hostname");
        row(
            "cwd", [](ProbeObservation& s) { s.cwd = "/"; }, "process cwd");
        row(
            "umask", [](ProbeObservation& s) { s.umask = 022; }, "process umask");
        row(
            "variable missing", [](ProbeObservation& s) { s.environment = {"PWD"}; },
            "environment FOO");
        row(
            "variable leaked",
            [](ProbeObservation& s) { s.environment.push_back("SSH_AUTH_SOCK"); },
            "environment others");
    }

    void mismatchFailsExactlyItsCheck() {
        QFETCH(ReportChange, change);
        QFETCH(QString, failing);
        ProbeObservation seen = faithfulLaunch();
        change(seen);
        const std::vector<VerifyCheck> checks = compared(seen);
        QStringList failed;
        for (const VerifyCheck& check : checks) {
            if (check.outcome == CheckOutcome::Fail) {
                failed << QString::fromStdString(check.group + " " + check.subject);
            }
        }
        QCOMPARE(failed, QStringList{failing});
        QVERIFY(highestFailure(checks).has_value());
    }

    void unobservableIsNeitherPassNorFail_data() {
        QTest::addColumn<ReportChange>("change");
        QTest::addColumn<QString>("unknown");
        QTest::newRow("no tty to try TIOCSTI on")
            << ReportChange([](ProbeObservation& s) { s.tiocsti = "untestable"; })
            << QString("launcher ioctl TIOCSTI");
        QTest::newRow("walk stopped by its bound")
            << ReportChange([](ProbeObservation& s) { s.familyWalkComplete = false; })
            << QString("family 0 files and directories");
        QTest::newRow("namespace unreadable")
            << ReportChange([](ProbeObservation& s) { s.namespaces.erase("ipc"); })
            << QString("namespace ipc");
    }

    void unobservableIsNeitherPassNorFail() {
        QFETCH(ReportChange, change);
        QFETCH(QString, unknown);
        ProbeObservation seen = faithfulLaunch();
        change(seen);
        const std::vector<VerifyCheck> checks = compared(seen);
        QCOMPARE(withOutcome(checks, CheckOutcome::Fail), QString());
        QVERIFY2(withOutcome(checks, CheckOutcome::Unknown).startsWith(unknown),
                 qPrintable(withOutcome(checks, CheckOutcome::Unknown)));
        QVERIFY(!highestFailure(checks));
    }

    void rootKeepsEveryCapabilityTheLauncherHas() {
        const EffectiveConfig config = memMerge({{"/r", kNode, {}}});
        VerifyContext root = context();
        root.uid = 0;
        root.launcherCapabilities = ~(std::uint64_t{1} << 24); // no CAP_SYS_RESOURCE to give
        std::vector<VerifyCheck> checks = verifyExpectations(config, buildPlan(config), root);
        ProbeObservation seen = faithfulLaunch();
        for (int bit = 0; bit <= 40; ++bit) {
            if (bit != 13 && bit != 21 && bit != 24) {
                setCapability(seen, bit);
            }
        }
        compareWithObservation(checks, seen);
        QStringList capabilityFailures;
        for (const VerifyCheck& check : checks) {
            if (check.group == "capability" && check.outcome != CheckOutcome::Pass) {
                capabilityFailures << QString::fromStdString(check.subject);
            }
        }
        QCOMPARE(capabilityFailures, QStringList());
    }

    void probeReportIsReadBack() {
        const std::string report = R"({
  "probe": 1, "uid": 7, "gid": 8, "groups": [8, 9],
  "capabilities": {"CapInh": "0000000000000000", "CapPrm": "0000000000002000",
                   "CapEff": "0000000000002000", "CapBnd": "000001ffffffffff", "CapAmb": "0"},
  "no_new_privs": "1", "seccomp": "2", "tiocsti": "refused",
  "namespaces": {"net": {"inode": 4026532180, "launcher": 4026531833}, "ipc": {"inode": null}},
  "mounts": [{"mount": "/usr", "source": "/dev/vda", "root": "/usr", "type": "ext4",
              "read_only": true}],
  "family_files": {"found": ["/srv/x"], "entries": 12, "complete": true},
  "hostname": "box", "cwd": "/work", "umask": "0027", "environment": ["FOO", "PWD"],
  "pid": 2, "session": 1, "tty": 0, "cgroup": "0::/"
})";
        const ProbeObservation seen = parseProbeOutput(report, "probe");
        QCOMPARE(seen.uid, 7u);
        QCOMPARE(seen.groups, (std::vector<std::uint32_t>{8, 9}));
        QCOMPARE(seen.capabilities[static_cast<std::size_t>(CapabilitySet::Effective)], 0x2000u);
        QCOMPARE(seen.capabilities[static_cast<std::size_t>(CapabilitySet::Bounding)],
                 0x1ffffffffffULL);
        QCOMPARE(seen.namespaces.at("net"), 4026532180ULL);
        QVERIFY(!seen.namespaces.count("ipc"));
        QCOMPARE(seen.mounts.size(), std::size_t{1});
        QVERIFY(seen.mounts.front().readOnly);
        QCOMPARE(seen.familyFilesFound, std::vector<std::string>{"/srv/x"});
        QVERIFY(seen.familyWalkComplete);
        QCOMPARE(seen.umask, 027u);
        QCOMPARE(seen.environment, (std::vector<std::string>{"FOO", "PWD"}));
        QCOMPARE(seen.session, std::int64_t{1});
        QVERIFY_THROWS_EXCEPTION(InputError, parseProbeOutput("{\"probe\": 2}", "probe"));
        QVERIFY_THROWS_EXCEPTION(InputError, parseProbeOutput("{\"probe\": 1}", "probe"));
        QVERIFY_THROWS_EXCEPTION(InputError, parseProbeOutput("not json", "probe"));
    }

    void probePathInsideTheNode_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("node"); // empty: not reachable
        QTest::newRow("below a ro-bind") << "/usr/libexec/redpak-probe"
                                         << "/usr/libexec/redpak-probe";
        QTest::newRow("below a bind") << "/srv/bin/probe"
                                      << "/srv/bin/probe";
        QTest::newRow("not exported") << "/opt/redpak-probe"
                                      << "";
        QTest::newRow("prefix is not a parent") << "/usrx/probe"
                                                << "";
    }

    void probePathInsideTheNode() {
        QFETCH(QString, host);
        QFETCH(QString, node);
        const EffectiveConfig config = memMerge({{"/r", kNode, {}}});
        const std::optional<std::string> inside = nodePathOf(buildPlan(config), host.toStdString());
        QCOMPARE(QString::fromStdString(inside.value_or("")), node);
    }

    // A finding claims something of the launch; the check that tests it may see otherwise.
    void findingContradictedByRuntime_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("item");
        QTest::addColumn<ReportChange>("change");
        QTest::addColumn<QString>("contradiction"); // "group subject: claimed/observed", or ""
        const auto row = [](const char* tag, const char* id, Severity severity, const char* item,
                            ReportChange change, const char* contradiction) {
            QTest::newRow(tag) << QString(id) << static_cast<int>(severity) << QString(item)
                               << change << QString(contradiction);
        };
        const ReportChange faithful = [](ProbeObservation&) {};
        const char* sharedNet = "namespace net (shared with the host)";
        row("shared network seen private", "ns.shared", Severity::Warning, sharedNet, faithful,
            "namespace net: shared/unshared");
        row(
            "shared network seen shared", "ns.shared", Severity::Warning, sharedNet,
            [](ProbeObservation& s) { s.namespaces["net"] = 3; }, "");
        row(
            "joined namespace seen shared", "ns.shared", Severity::Warning,
            "namespace net (joins /run/netns/x)",
            [](ProbeObservation& s) { s.namespaces["net"] = 3; }, "namespace net: joined/shared");
        row(
            "namespace the probe cannot read", "ns.shared", Severity::Warning, sharedNet,
            [](ProbeObservation& s) { s.namespaces.erase("net"); }, "");
        row("CAP_SYS_ADMIN claimed, absent", "cap.sys-admin", Severity::Warning,
            "capability cap_sys_admin", faithful, "capability cap_sys_admin: kept/absent");
        row(
            "own user namespace claimed, host's seen", "cap.sys-admin", Severity::Warning,
            "capability cap_sys_admin",
            [](ProbeObservation& s) {
                setCapability(s, 21);
                s.namespaces["user"] = 1;
            },
            "namespace user: unshared/shared");
        row(
            "host user namespace claimed, own seen", "cap.sys-admin", Severity::Error,
            "capability cap_sys_admin", [](ProbeObservation& s) { setCapability(s, 21); },
            "namespace user: shared/unshared");
        row(
            "CAP_SYS_ADMIN claimed and kept", "cap.sys-admin", Severity::Warning,
            "capability cap_sys_admin", [](ProbeObservation& s) { setCapability(s, 21); }, "");
        row(
            "capability the plan does not name", "cap.sys-admin-chroot", Severity::Error,
            "capabilities cap_sys_admin + cap_sys_chroot",
            [](ProbeObservation& s) { setCapability(s, 21); }, "capability others: kept/absent");
        row(
            "writable export seen read-only", "export.writable", Severity::Info,
            "export /srv (Public /srv)",
            [](ProbeObservation& s) { setMountReadOnly(s, "/srv", true); }, "mount /srv: rw/ro");
        row("writable export seen writable", "export.system-writable", Severity::Error,
            "export /srv (Public /srv)", faithful, "");
        row(
            "read-only claim seen writable", "export.family-file", Severity::Warning,
            "export /usr (Restricted /usr)",
            [](ProbeObservation& s) { setMountReadOnly(s, "/usr", false); }, "mount /usr: ro/rw");
        row("widened export as planned", "export.widened", Severity::Warning,
            "export /usr (Restricted /usr)", faithful, "");
        row(
            "widened export not as planned", "export.widened", Severity::Warning,
            "export /usr (Restricted /usr)",
            [](ProbeObservation& s) { setMountReadOnly(s, "/usr", false); }, "mount /usr: ro/rw");
        row(
            "claim no check tests", "limits.memory", Severity::Info, "cgroups mem.max",
            [](ProbeObservation& s) { s.mounts.clear(); }, "");
    }

    void findingContradictedByRuntime() {
        QFETCH(QString, id);
        QFETCH(int, severity);
        QFETCH(QString, item);
        QFETCH(ReportChange, change);
        QFETCH(QString, contradiction);
        ProbeObservation seen = faithfulLaunch();
        change(seen);
        Finding finding;
        finding.id = id.toStdString();
        finding.severity = static_cast<Severity>(severity);
        finding.item = item.toStdString();
        const std::vector<CheckedFinding> checked = checkFindings({finding}, compared(seen));
        QCOMPARE(checked.size(), std::size_t{1});
        const auto& c = checked.front().contradiction;
        QCOMPARE(c ? QString::fromStdString(c->checkGroup + " " + c->checkSubject + ": " +
                                            c->claimed + "/" + c->observed)
                   : QString(),
                 contradiction);
    }

    // The items findings.cpp writes are the ones read back: a real finding of the node.
    void realFindingIsMarkedInTheReports() {
        const EffectiveConfig config = memMerge({{"/r", kNode, {}}});
        ProbeObservation seen = faithfulLaunch();
        setMountReadOnly(seen, "/srv", true);
        const std::vector<VerifyCheck> checks = compared(seen);
        const std::vector<CheckedFinding> checked =
            checkFindings(analyzeNode(config).findings, checks);
        QStringList contradicted;
        for (const CheckedFinding& one : checked) {
            if (one.contradiction) {
                contradicted << QString::fromStdString(one.finding.id);
            }
        }
        QCOMPARE(contradicted, QStringList{"export.system-writable"});
        const std::string text = formatVerifyText("/r", checks, checked);
        QVERIFY2(text.find("CONTRADICTED BY RUNTIME  finding export.system-writable export /srv "
                           "(Public /srv): says rw, check mount /srv saw ro\n") !=
                     std::string::npos,
                 text.c_str());
        QVERIFY(text.find("1 failed, 0 not observable, 1 findings contradicted by runtime") !=
                std::string::npos);
        const QJsonDocument json = QJsonDocument::fromJson(
            QByteArray::fromStdString(formatVerifyJson("/r", checks, checked)));
        const QJsonArray findings = json["findings"].toArray();
        QCOMPARE(findings.size(), qsizetype(checked.size()));
        for (const QJsonValue finding : findings) {
            const bool writable = finding["id"].toString() == "export.system-writable";
            QCOMPARE(finding["contradicted_by_runtime"].isObject(), writable);
            if (writable) {
                QCOMPARE(finding["contradicted_by_runtime"]["observed"].toString(), QString("ro"));
                QCOMPARE(finding["contradicted_by_runtime"]["subject"].toString(), QString("/srv"));
            }
        }
    }

    void reportsNameEveryCheck() {
        const std::vector<VerifyCheck> checks = compared(faithfulLaunch());
        const std::string text = formatVerifyText("/r", checks);
        QVERIFY(text.find("PASS  namespace net: unshared") != std::string::npos);
        QVERIFY(text.find(std::to_string(checks.size()) + " checks, 0 failed") !=
                std::string::npos);
        const QJsonDocument json =
            QJsonDocument::fromJson(QByteArray::fromStdString(formatVerifyJson("/r", checks)));
        QCOMPARE(json["checks"].toArray().size(), qsizetype(checks.size()));
        QCOMPARE(json["checks"][0]["outcome"].toString(), QString("pass"));
    }
};

QTEST_APPLESS_MAIN(TestVerify)
#include "tst_verify.moc"
