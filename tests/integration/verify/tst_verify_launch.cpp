// SPDX-License-Identifier: Apache-2.0
// `redconf verify` on real launches: nodes made with `redconf create` from every template pass
// every check, as root and as a test user; a stand-in bwrap that silently drops one argument
// of the plan (`--unshare-net`, or a read-only bind turned writable) fails exactly that check;
// one that turns `--share-net` into `--unshare-net` marks the finding that says the node shares
// the network as contradicted by runtime.
// The probe must be visible inside the node like any command: a copy of build/bin/redpak-probe
// is placed below /usr/local/libexec (every template exports /usr) for the run.
#include "integration_support.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <unistd.h>

namespace {

using namespace redpak::test;

// The stand-ins: each rewrites its arguments, then runs the system's bwrap.
const QByteArray kDropUnshareNet = R"(#!/bin/sh
for a in "$@"; do shift; [ "$a" = --unshare-net ] || set -- "$@" "$a"; done
exec /usr/bin/bwrap "$@"
)";
const QByteArray kFirstReadOnlyBindWritable = R"(#!/bin/sh
done=
for a in "$@"; do
    shift
    if [ -z "$done" ] && [ "$a" = --ro-bind-fd ]; then a=--bind-fd; done=1; fi
    set -- "$@" "$a"
done
exec /usr/bin/bwrap "$@"
)";

// The plan shares the network with `--share-net` (it cancels an earlier --unshare-net).
const QByteArray kShareNetUnshared = R"(#!/bin/sh
for a in "$@"; do shift; [ "$a" = --share-net ] && a=--unshare-net; set -- "$@" "$a"; done
exec /usr/bin/bwrap "$@"
)";

struct Report {
    int exitCode = -1;
    QJsonArray checks;
    QJsonArray findings;
    QString text; // stdout and stderr, for messages
};

// "group subject" of the checks with `outcome`.
QStringList checksWith(const QJsonArray& checks, const QString& outcome) {
    QStringList out;
    for (const QJsonValue& check : checks) {
        if (check["outcome"].toString() == outcome) {
            out << check["group"].toString() + " " + check["subject"].toString();
        }
    }
    return out;
}

} // namespace

class TestVerifyLaunch : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_probe;
    std::unique_ptr<TestUser> m_user;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    bool create(const QString& dir, const QString& templateName) {
        const Run made = runProgram(kBin + "/redconf", {"create", "--template", templateName, dir});
        return made.exitCode == 0;
    }

    Report verify(const QString& node, std::optional<Identity> as,
                  const QStringList& extra = {}) const {
        const Run run = runProgram(
            kBin + "/redconf",
            QStringList{"verify", "--json", "--force", "--probe", m_probe, "--redpath", node} +
                extra,
            as);
        const QJsonDocument json = QJsonDocument::fromJson(run.out.toUtf8());
        return Report{run.exitCode, json["checks"].toArray(), json["findings"].toArray(),
                      run.out + run.err};
    }

private slots:
    void initTestCase() {
        if (geteuid() != 0) {
            QSKIP("needs root: the probe is placed below /usr/local/libexec");
        }
        if (!QFile::exists("/usr/bin/bwrap")) {
            QSKIP("needs /usr/bin/bwrap");
        }
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) |
                                                        QFile::ReadOther | QFile::ExeOther));
        QVERIFY(QDir().mkpath("/usr/local/libexec"));
        m_probe = "/usr/local/libexec/redpak-probe-test-" + QString::number(getpid());
        QVERIFY(QFile::copy(kBin + "/redpak-probe", m_probe));
        QVERIFY(create(path("root"), "root"));
        QVERIFY(create(path("root/leaf"), "leaf"));
        QVERIFY(create(path("full"), "full"));
        QVERIFY(create(path("root/shared-net"), "leaf"));
        QVERIFY(writeFile(path("root/shared-net/etc/redpak.yaml"),
                          "headers:\n  alias: shared-net\nconfig:\n  share_net: enabled\n"));
        for (const auto& [name, script] :
             {std::pair{"share-net-unshared", kShareNetUnshared},
              std::pair{"drop-unshare-net", kDropUnshareNet},
              std::pair{"ro-bind-writable", kFirstReadOnlyBindWritable}}) {
            QVERIFY(writeFile(path(name), script));
            QVERIFY(QFile::setPermissions(path(name), QFile::ReadOwner | QFile::WriteOwner |
                                                          QFile::ExeOwner | QFile::ReadOther |
                                                          QFile::ExeOther));
        }
        m_user = std::make_unique<TestUser>("redpak-verify", TestUser::IfExists::Reuse);
    }

    void cleanupTestCase() {
        if (!m_probe.isEmpty()) {
            QFile::remove(m_probe);
        }
    }

    void everyTemplatePasses_data() {
        QTest::addColumn<QString>("node");
        QTest::addColumn<bool>("asTestUser");
        for (const char* node : {"root", "root/leaf", "full"}) {
            QTest::newRow(qPrintable(QString(node) + ", root")) << QString(node) << false;
            QTest::newRow(qPrintable(QString(node) + ", test user")) << QString(node) << true;
        }
    }

    void everyTemplatePasses() {
        QFETCH(QString, node);
        QFETCH(bool, asTestUser);
        if (asTestUser && !m_user->isValid()) {
            QSKIP(qPrintable("no test user: " + m_user->error()));
        }
        const Report report =
            verify(path(node), asTestUser ? std::optional(m_user->identity()) : std::nullopt);
        QVERIFY2(!report.checks.isEmpty(), qPrintable(report.text));
        QCOMPARE(checksWith(report.checks, "fail"), QStringList());
        QCOMPARE(checksWith(report.checks, "unknown"), QStringList());
        QCOMPARE(report.exitCode, 0);
        QVERIFY(checksWith(report.checks, "pass").contains("namespace net"));
        // The walk for family files finished within its bounds and found none.
        QCOMPARE(checksWith(report.checks, "pass").filter(QRegularExpression("^family ")).size(),
                 1);
    }

    void standInBwrapFailsExactlyItsCheck_data() {
        QTest::addColumn<QString>("bwrap");
        QTest::addColumn<QString>("failing"); // "group subject", or "group" for any subject
        QTest::addColumn<QString>("observed");
        QTest::newRow("--unshare-net dropped") << "drop-unshare-net"
                                               << "namespace net"
                                               << "shared";
        QTest::newRow("--ro-bind turned into --bind") << "ro-bind-writable"
                                                      << "mount"
                                                      << "rw";
    }

    void standInBwrapFailsExactlyItsCheck() {
        QFETCH(QString, bwrap);
        QFETCH(QString, failing);
        QFETCH(QString, observed);
        const Report report = verify(path("root/leaf"), std::nullopt, {"--bwrap", path(bwrap)});
        const QStringList failed = checksWith(report.checks, "fail");
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.front() == failing || failed.front().startsWith(failing + " "),
                 qPrintable(failed.front()));
        for (const QJsonValue& check : report.checks) {
            if (check["outcome"].toString() == "fail") {
                QCOMPARE(check["observed"].toString(), observed);
                QVERIFY2(check["provenance"].toString().contains("redpak.yaml:"),
                         qPrintable(check["provenance"].toString()));
            }
        }
        QCOMPARE(report.exitCode, 1);
    }

    void findingContradictedByRuntime() {
        const Report report =
            verify(path("root/shared-net"), std::nullopt, {"--bwrap", path("share-net-unshared")});
        QCOMPARE(checksWith(report.checks, "fail"), QStringList{"namespace net"});
        QStringList contradicted;
        for (const QJsonValue& finding : report.findings) {
            const QJsonValue by = finding["contradicted_by_runtime"];
            if (by.isObject()) {
                contradicted << finding["id"].toString() + " " + finding["item"].toString() + ": " +
                                    by["claimed"].toString() + ", " + by["group"].toString() + " " +
                                    by["subject"].toString() + " saw " + by["observed"].toString();
            }
        }
        QCOMPARE(contradicted, QStringList{"ns.shared namespace net (shared with the host): "
                                           "shared, namespace net saw unshared"});
        // The same launch without the stand-in: the finding holds.
        const Report faithful = verify(path("root/shared-net"), std::nullopt);
        QCOMPARE(checksWith(faithful.checks, "fail"), QStringList());
        for (const QJsonValue& finding : faithful.findings) {
            QVERIFY(finding["contradicted_by_runtime"].isNull());
        }
    }
};

QTEST_GUILESS_MAIN(TestVerifyLaunch)
#include "tst_verify_launch.moc"
