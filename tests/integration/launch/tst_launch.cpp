// SPDX-License-Identifier: Apache-2.0
// Real launches with build/bin/redwrap and the system's bwrap: a node is created with
// build/bin/redconf in a temporary directory, then a shell inside the sandbox reports what it
// sees (mounts, environment, namespaces, capabilities) and exits with a chosen status. Every
// check runs as the current user and, when the tests run as root, as nobody (65534).
// Skipped only when the kernel refuses user namespaces.
#include "integration_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <unistd.h>

namespace {

using namespace redpak::test;

// Whom the unprivileged runs are made as, when the tests run as root.
std::optional<Identity> nobodyIf(bool asNobody) {
    return asNobody ? std::optional<Identity>(kNobody) : std::nullopt;
}

// "net:[4026531833]", as readlink(1) prints it inside the sandbox.
QString hostNamespace(const char* name) {
    char target[64] = {};
    const ssize_t n =
        readlink((std::string("/proc/self/ns/") + name).c_str(), target, sizeof target - 1);
    return n > 0 ? QString::fromLatin1(target, n) : QString();
}

// The base of every node: the shared base exports, /sbin and a /tmp.
const QByteArray kNodeExports = kBaseExports + R"(  - mode: Symlink
    mount: /sbin
    path: usr/sbin
  - mode: Tmpfs
    mount: /tmp
)";

} // namespace

class TestLaunch : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_node;
    // The same node owned by nobody: a configuration's commands run only for its owner.
    QString m_nobodysNode;
    QString m_data;

    Run redwrap(const QStringList& args, bool asNobody) {
        return runProgram(kBin + "/redwrap", args, nobodyIf(asNobody));
    }

    // Creates the rednode `name` (below m_dir) with the given normal config body.
    QString createNode(const QString& name, const QByteArray& body, const QString& parent = {}) {
        const QString dir = (parent.isEmpty() ? m_dir.path() : parent) + "/" + name;
        const QString config = m_dir.path() + "/" + name + ".yaml";
        if (!writeFile(config, "headers:\n  alias: " + name.toUtf8() + "\n" + body)) {
            return {};
        }
        const Run created =
            runProgram(kBin + "/redconf", {"create", "--alias", name, "--config", config, dir});
        if (created.exitCode != 0) {
            qWarning() << "redconf create failed:" << created.err;
            return {};
        }
        QFile::setPermissions(dir, QFile::permissions(dir) | QFile::ReadOther | QFile::ExeOther);
        return dir;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // The tree must be readable by nobody for the unprivileged runs.
        QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) | QFile::ReadOther |
                                                QFile::ExeOther);
        const QStringList probeArgs{"--unshare-user", "--ro-bind", "/", "/", "true"};
        const Run probe = runProgram("bwrap", probeArgs);
        if (probe.exitCode != 0) {
            QSKIP(qPrintable("bwrap cannot create a user namespace here: " + probe.err));
        }
        if (geteuid() == 0) {
            const Run unprivileged = runProgram("bwrap", probeArgs, kNobody);
            if (unprivileged.exitCode != 0) {
                QSKIP(qPrintable("user namespaces are unavailable to unprivileged users: " +
                                 unprivileged.err));
            }
        }
        m_data = m_dir.path() + "/data";
        QVERIFY(QDir().mkpath(m_data + "/ro"));
        QVERIFY(writeFile(m_data + "/ro/hello", "hello from the host\n"));
        QVERIFY(writeFile(m_data + "/internal.txt", "internal content\n"));
        QVERIFY(writeFile(m_data + "/public.txt", "public\n"));
        QFile::setPermissions(m_data + "/public.txt", QFileDevice::Permissions(0x6666));
        for (const QString& d : {m_data, m_data + "/ro"}) {
            QFile::setPermissions(d, QFile::permissions(d) | QFile::ReadOther | QFile::ExeOther);
        }
        const QByteArray body = "environ:\n"
                                "  - key: GREETING\n"
                                "    value: 'hi $NODE_ALIAS'\n"
                                "  - key: RAW\n"
                                "    mode: Static\n"
                                "    value: '$NOT_EXPANDED'\n"
                                "  - key: FROM_CMD\n"
                                "    mode: Execfd\n"
                                "    value: 'echo computed'\n"
                                "exports:" +
                                kNodeExports +
                                "  - mode: Restricted\n"
                                "    mount: /data/ro\n"
                                "    path: " +
                                m_data.toUtf8() +
                                "/ro\n"
                                "  - mode: PublicFile\n"
                                "    mount: /data/public.txt\n"
                                "    path: " +
                                m_data.toUtf8() +
                                "/public.txt\n"
                                "  - mode: Execfd\n"
                                "    mount: /etc/generated\n"
                                "    path: 'echo generated by $NODE_ALIAS'\n"
                                "  - mode: Internal\n"
                                "    mount: /etc/internal\n"
                                "    path: " +
                                m_data.toUtf8() +
                                "/internal.txt\n"
                                "config:\n"
                                "  path: /usr/bin:/bin\n"
                                "  hostname: $LEAF_ALIAS-host\n";
        m_node = createNode("demo", body);
        QVERIFY(!m_node.isEmpty());
        if (geteuid() == 0) {
            const QString nobodys = m_dir.path() + "/nobody";
            QVERIFY(QDir().mkpath(nobodys));
            m_nobodysNode = createNode("demo", body, nobodys);
            QVERIFY(!m_nobodysNode.isEmpty());
            QCOMPARE(QProcess::execute("chown", {"-R", "65534:65534", nobodys}), 0);
        }
    }

    void insideTheSandbox_data() {
        QTest::addColumn<bool>("asNobody");
        QTest::newRow("current user") << false;
        if (geteuid() == 0) {
            QTest::newRow("nobody (unprivileged)") << true;
        }
    }
    void insideTheSandbox() {
        QFETCH(bool, asNobody);
        const QString script =
            "echo env:$(env | grep -v -e '^PWD=' -e '^SHLVL=' -e '^_=' | sort | tr '\\n' ' ');"
            "echo host:$(hostname);"
            "echo ro:$(cat /data/ro/hello);"
            "if touch /data/ro/new 2>/dev/null; then echo rowrite:yes; else echo rowrite:no; fi;"
            "echo gen:$(cat /etc/generated);"
            "echo internal:$(cat /etc/internal);"
            "echo pub:$(cat /data/public.txt);"
            "echo home:$(ls /home 2>&1 >/dev/null | wc -l);"
            "for ns in net pid ipc cgroup user uts; do echo ns-$ns:$(readlink /proc/self/ns/$ns); "
            "done;"
            "echo capeff:$(grep CapEff /proc/self/status | cut -f2);"
            "echo capbnd:$(grep CapBnd /proc/self/status | cut -f2);"
            "exit 42";
        const Run run =
            redwrap({"--redpath", asNobody ? m_nobodysNode : m_node, "--", "/bin/sh", "-c", script},
                    asNobody);
        QVERIFY2(run.exitCode == 42, qPrintable(run.err + run.out));
        const QStringList lines = run.out.split('\n', Qt::SkipEmptyParts);
        QHash<QString, QString> seen;
        for (const QString& line : lines) {
            seen.insert(line.section(':', 0, 0), line.section(':', 1));
        }
        // Only the configured variables (bwrap runs with an empty environment).
        QCOMPARE(seen["env"].trimmed(), QString("FROM_CMD=computed GREETING=hi demo "
                                                "PATH=/usr/bin:/bin RAW=$NOT_EXPANDED"));
        QCOMPARE(seen["host"], QString("demo-host"));
        QCOMPARE(seen["ro"], QString("hello from the host"));
        QCOMPARE(seen["rowrite"], QString("no"));
        QCOMPARE(seen["gen"], QString("generated by demo"));
        QCOMPARE(seen["internal"], QString("internal content"));
        QCOMPARE(seen["pub"], QString("public"));
        QCOMPARE(seen["home"], QString("1")); // /home is not mounted
        for (const char* ns : {"net", "pid", "ipc", "cgroup", "user", "uts"}) {
            const QString inside = seen[QString("ns-") + ns];
            QVERIFY2(!inside.isEmpty(), ns);
            QVERIFY2(inside != hostNamespace(ns), ns);
        }
        // CAP_SYS_ADMIN (bit 21) is neither effective nor in the bounding set.
        const quint64 capEff = seen["capeff"].toULongLong(nullptr, 16);
        const quint64 capBnd = seen["capbnd"].toULongLong(nullptr, 16);
        QVERIFY2((capEff & (1ULL << 21)) == 0, qPrintable(seen["capeff"]));
        QVERIFY2((capBnd & (1ULL << 21)) == 0, qPrintable(seen["capbnd"]));
    }

    void exitStatus_data() {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("status");
        QTest::newRow("success") << "exit 0" << 0;
        QTest::newRow("failure") << "exit 3" << 3;
        QTest::newRow("killed by SIGTERM") << "kill -TERM $$" << 128 + 15;
        QTest::newRow("command not found") << "exec /nonexistent" << 127;
    }
    void exitStatus() {
        QFETCH(QString, script);
        QFETCH(int, status);
        const bool asNobody = geteuid() == 0;
        const Run run =
            redwrap({"--redpath", asNobody ? m_nobodysNode : m_node, "--", "/bin/sh", "-c", script},
                    asNobody);
        QCOMPARE(run.exitCode, status);
    }

    // share_time: disabled — the launcher creates the user and time namespaces itself.
    void timeNamespace() {
        const QString node =
            createNode("timeless", "exports:" + kNodeExports + "config:\n  share_time: disabled\n");
        QVERIFY(!node.isEmpty());
        const Run dump = redwrap({"--dump-only", "--redpath", node}, false);
        QVERIFY(!dump.out.contains("--unshare-user"));
        const Run run = redwrap(
            {"--redpath", node, "--", "/bin/sh", "-c", "readlink /proc/self/ns/time; id -u"},
            geteuid() == 0);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0] != hostNamespace("time"));
        // No root mapping without map-root-user.
        QCOMPARE(lines[1], QString::number(geteuid() == 0 ? 65534 : getuid()));
    }

    // Nothing is started on a merge error: non-zero exit, nothing on stdout.
    void mergeErrorLaunchesNothing() {
        const QString root = createNode("strict", "config:\n  share_net: disabled\n");
        QVERIFY(!root.isEmpty());
        const QString marker = m_dir.path() + "/started";
        const QString child = createNode(
            "loose", "exports:" + kNodeExports + "config:\n  share_net: enabled\n", root);
        QVERIFY(!child.isEmpty());
        const Run run = redwrap({"--redpath", child, "--", "/bin/touch", marker}, false);
        QVERIFY(run.exitCode != 0);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains("cannot share net in " + child + ": forbidden by " + root),
                 qPrintable(run.err));
        QVERIFY(!QFile::exists(marker));
    }

    // Cgroup limits either apply or the launch fails with a clear message; --force overrides.
    void cgroupLimitsAreNotSilentlyDropped() {
        const QString node = createNode("limited", "exports:" + kNodeExports +
                                                       "config:\n  cgroups:\n    pids:\n"
                                                       "      max: '64'\n");
        QVERIFY(!node.isEmpty());
        const Run run =
            redwrap({"--redpath", node, "--", "/bin/sh", "-c", "cat /proc/self/cgroup"}, false);
        if (run.exitCode != 0) {
            QVERIFY2(run.err.contains("cgroup limits cannot be applied") &&
                         run.err.contains("--force"),
                     qPrintable(run.err));
            QVERIFY(run.out.isEmpty());
            const Run forced = redwrap({"--force", "--redpath", node, "--", "/bin/true"}, false);
            QCOMPARE(forced.exitCode, 0);
            QVERIFY(forced.err.contains("WITHOUT cgroup limits"));
        } else {
            QVERIFY2(run.out.contains("limited"), qPrintable(run.out));
        }
    }

    // umask, set-user/set-group (root only: needs CAP_SETUID) and a namespace to join.
    void launcherSettings_data() {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("needsRoot");
        QTest::newRow("umask") << QByteArray("  umask: '027'\n") << "umask"
                               << "0027" << false;
        QTest::newRow("set-user and set-group")
            << QByteArray("  set-user: nobody\n  set-group: nogroup\n") << "echo $(id -u):$(id -g)"
            << "65534:65534" << true;
        QTest::newRow("join the host network namespace")
            << "  share_net: /proc/" + QByteArray::number(getpid()) + "/ns/net\n"
            << "readlink /proc/self/ns/net" << hostNamespace("net") << true;
    }
    void launcherSettings() {
        QFETCH(QByteArray, config);
        QFETCH(QString, script);
        QFETCH(QString, expected);
        QFETCH(bool, needsRoot);
        if (needsRoot && geteuid() != 0) {
            QSKIP("needs root (CAP_SETUID / CAP_SYS_ADMIN), the tests run unprivileged");
        }
        // Aliases allow letters, digits and "+-_@:" only: derive one from the row name.
        const QString name =
            "settings-" + QString(QTest::currentDataTag()).section(' ', 0, 0).remove('-');
        const QString node = createNode(name, "exports:" + kNodeExports + "config:\n" + config);
        QVERIFY(!node.isEmpty());
        const Run run = redwrap({"--redpath", node, "--", "/bin/sh", "-c", script}, false);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out.trimmed(), expected);
    }

    // What bwrap itself is given after set-user/set-group (root only): the new identity with no
    // supplementary group and no capability in any set, bounding and ambient included, so that
    // nothing privileged is left to the sandbox's setup. A stand-in for bwrap (--bwrap) reports
    // its own process status.
    void identityGivenToBwrap_data() {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("ids");
        QTest::newRow("user and group by name")
            << QByteArray("  set-user: nobody\n  set-group: nogroup\n") << "65534 65534";
        QTest::newRow("numeric user and group")
            << QByteArray("  set-user: '4242'\n  set-group: '4343'\n") << "4242 4343";
        QTest::newRow("group only") << QByteArray("  set-group: '4343'\n") << "0 4343";
    }
    void identityGivenToBwrap() {
        QFETCH(QByteArray, config);
        QFETCH(QString, ids);
        if (geteuid() != 0) {
            QSKIP("needs root (CAP_SETUID, CAP_SETGID, CAP_SETPCAP), the tests run unprivileged");
        }
        const QString reporter = m_dir.path() + "/report-identity";
        QVERIFY(writeFile(reporter, "#!/bin/sh\n"
                                    "echo ids $(id -u) $(id -g)\n"
                                    "echo groups $(id -G)\n"
                                    "grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb):' /proc/self/status\n"));
        QVERIFY(QFile::setPermissions(reporter, QFile::permissions(reporter) | QFile::ExeUser |
                                                    QFile::ExeGroup | QFile::ExeOther));
        const QString name =
            "identity-" + QString(QTest::currentDataTag()).section(' ', 0, 0).remove('-');
        const QString node = createNode(name, "exports:" + kNodeExports + "config:\n" + config);
        QVERIFY(!node.isEmpty());
        const Run run = redwrap({"--bwrap", reporter, "--redpath", node, "--", "/bin/true"}, false);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("ids " + ids + "\n"), qPrintable(run.out));
        const QString group = ids.section(' ', 1);
        QVERIFY2(run.out.contains("groups " + group + "\n"), qPrintable(run.out));
        for (const char* set : {"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"}) {
            QVERIFY2(run.out.contains(QString(set) + ":\t0000000000000000"), qPrintable(run.out));
        }
    }

    // The dump in JSON carries the same options, with the provenance of each.
    void jsonDumpHasProvenance() {
        const Run text = redwrap({"--dump-only", "--redpath", m_node}, false);
        const Run json =
            redwrap({"--dump-only", "--dump-format", "json", "--redpath", m_node}, false);
        QCOMPARE(json.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const QJsonArray options = root["options"].toArray();
        QCOMPARE(options.size(), text.out.count("\n  --"));
        bool sawGreeting = false;
        for (const QJsonValue& option : options) {
            const QJsonObject o = option.toObject();
            if (o["option"] == "--setenv" && o["values"].toArray().first() == "GREETING") {
                sawGreeting = true;
                const QJsonObject from = o["provenance"].toObject()["from"].toObject();
                QCOMPARE(from["node"].toString(), m_node);
                QCOMPARE(from["kind"].toString(), QString("normal"));
                QVERIFY(from["line"].toInt() > 0);
            }
        }
        QVERIFY(sawGreeting);
    }

    // redconf mergeconfig: provenance of each item, the warning of an override, exit 1 and
    // the error on a merge conflict.
    void mergeconfigExplainsTheMerge() {
        const QString root = createNode("explained", "environ:\n  - key: V\n    value: root\n"
                                                     "    warn: do not touch\n"
                                                     "config:\n  share_pid: disabled\n");
        QVERIFY(!root.isEmpty());
        const QString child =
            createNode("explainer", "environ:\n  - key: V\n    value: child\n", root);
        QVERIFY(!child.isEmpty());
        const Run ok = runProgram(kBin + "/redconf", {"mergeconfig", "--json", child});
        QCOMPARE(ok.exitCode, 0);
        const QJsonObject effective = QJsonDocument::fromJson(ok.out.toUtf8()).object();
        const QJsonObject env = effective["environ"].toArray().first().toObject();
        QCOMPARE(env["value"].toString(), QString("child"));
        const QJsonObject provenance = env["provenance"].toObject();
        QCOMPARE(provenance["from"].toObject()["node"].toString(), child);
        QCOMPARE(provenance["overrode"].toObject()["from"].toObject()["node"].toString(), root);
        QVERIFY(provenance["warning"].toString().endsWith("do not touch"));
        QVERIFY(ok.err.contains("warning"));
        const Run yaml = runProgram(kBin + "/redconf", {"mergeconfig", "--expand", child});
        QCOMPARE(yaml.exitCode, 0);
        QVERIFY(yaml.out.contains("share_pid:"));

        const QString bad = createNode("rebel", "config:\n  share_pid: enabled\n", root);
        QVERIFY(!bad.isEmpty());
        const Run refused = runProgram(kBin + "/redconf", {"mergeconfig", bad});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("cannot share pid in " + bad + ": forbidden by " + root),
                 qPrintable(refused.err));
    }

    // Risk analysis rec. 4 through a symbolic link: the written path looks harmless, the
    // resolved one holds the node's config, so the launch is refused.
    void configFilesNeverReachTheNode() {
        const QString node = createNode("peeker", "exports:" + kNodeExports +
                                                      "  - mode: Restricted\n"
                                                      "    mount: /peek\n"
                                                      "    path: " +
                                                      m_data.toUtf8() + "/peek-link\n");
        QVERIFY(!node.isEmpty());
        QVERIFY(QFile::link(node + "/etc", m_data + "/peek-link"));
        const QString marker = m_dir.path() + "/peeked";
        const Run run = redwrap({"--redpath", node, "--", "/bin/touch", marker}, false);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("recommendation 4"), qPrintable(run.err));
        QVERIFY(!QFile::exists(marker));
    }

    // A missing file source fails the launch (the original tool inverted this test).
    void missingFileSourceFails() {
        const QString node = createNode("missing", "exports:" + kNodeExports +
                                                       "  - mode: RestrictedFile\n"
                                                       "    mount: /etc/x\n"
                                                       "    path: /nonexistent/file\n");
        QVERIFY(!node.isEmpty());
        const Run run = redwrap({"--redpath", node, "--", "/bin/true"}, false);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("/nonexistent/file does not exist"), qPrintable(run.err));
        const Run dump = redwrap({"--dump-only", "--redpath", node}, false);
        QCOMPARE(dump.exitCode, 0);
        QVERIFY(dump.out.contains("--ro-bind /nonexistent/file /etc/x"));
    }

    // A `$TAG` typo expands to "" as in REDPAK, but redwrap (dump and launch) and
    // `redconf config` say so on stderr with the file, line and tag; the launch still proceeds.
    void unknownTagIsWarned_data() {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("warning"); // "" for none
        QTest::newRow("typo") << QByteArray("$LEAF_ALIASx") << "unknown tag $LEAF_ALIASx";
        QTest::newRow("predefined") << QByteArray("$leaf_alias") << "";
        QTest::newRow("environment") << QByteArray("$HOME") << "";
        QTest::newRow("escaped") << QByteArray("'\\$NOPE'") << "";
        QTest::newRow("command") << QByteArray("'$(echo $NOPE)'") << "";
    }
    void unknownTagIsWarned() {
        QFETCH(QByteArray, value);
        QFETCH(QString, warning);
        const QString name = QString("tag%1").arg(QTest::currentDataTag()).remove(' ');
        const QString node = createNode(
            name, "exports:" + kNodeExports + "environ:\n  - key: V\n    value: " + value + "\n");
        QVERIFY(!node.isEmpty());
        // The line is checked by tst_expand; here: the file, a position, the tag.
        const QRegularExpression where(QRegularExpression::escape(node + "/etc/redpak.yaml:") +
                                       "\\d+:\\d+: ");
        const Run dump = redwrap({"--dump-only", "--redpath", node}, false);
        QCOMPARE(dump.exitCode, 0);
        const Run config = runProgram(kBin + "/redconf", {"config", node});
        QCOMPARE(config.exitCode, 0);
        if (warning.isEmpty()) {
            QVERIFY2(!dump.err.contains("unknown tag"), qPrintable(dump.err));
            QVERIFY2(!config.err.contains("unknown tag"), qPrintable(config.err));
            return;
        }
        QVERIFY2(dump.err.contains(QRegularExpression("redwrap: warning: " + where.pattern())) &&
                     dump.err.contains(warning),
                 qPrintable(dump.err));
        QVERIFY2(config.err.contains(QRegularExpression("redconf: warning: " + where.pattern())) &&
                     config.err.contains(warning),
                 qPrintable(config.err));
        QVERIFY2(dump.out.contains("--setenv V \n"), qPrintable(dump.out)); // still ""
        const Run run = redwrap({"--redpath", node, "--", "/bin/true"}, geteuid() == 0);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains(warning), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestLaunch)
#include "tst_launch.moc"
