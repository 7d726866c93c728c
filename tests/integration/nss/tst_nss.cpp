// SPDX-License-Identifier: Apache-2.0
// NSS lookups never crash (issue 13): statically linked against glibc, redwrap and redconf died
// of SIGSEGV inside the nss-systemd module (loaded from the host's glibc) when a user or uid was
// missing from /etc/passwd. Each row runs a real program on a real node, with the machine's
// /etc/nsswitch.conf (which lists `systemd`), and requires a normal exit: 0, or 1 with a
// message, never a signal.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <pwd.h>
#include <unistd.h>

namespace {

constexpr const char* kUnknownUid = "54321";
constexpr const char* kUnknownUser = "redpak-no-such-user";

struct Result {
    bool crashed = false;
    int exitCode = -1;
    QString out;
    QString err;
};

// `program args` as root, or through setpriv as the unknown uid when `asUnknownUid`.
Result run(const QString& program, const QStringList& args, bool asUnknownUid) {
    QProcess process;
    if (asUnknownUid) {
        QStringList all{"--reuid=" + QString(kUnknownUid), "--regid=" + QString(kUnknownUid),
                        "--clear-groups", program};
        process.start("setpriv", all + args);
    } else {
        process.start(program, args);
    }
    process.waitForFinished(30000);
    return Result{process.exitStatus() == QProcess::CrashExit, process.exitCode(),
                  QString::fromUtf8(process.readAllStandardOutput()),
                  QString::fromUtf8(process.readAllStandardError())};
}

bool writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// A node everyone may read (and the unknown uid may write below `dir`).
bool makeNode(const QString& dir, const QByteArray& config) {
    return QDir().mkpath(dir + "/etc") && writeFile(dir + "/.rednode.yaml", "state: Enable\n") &&
           writeFile(dir + "/etc/redpak.yaml", "headers:\n  alias: nss\n" + config);
}

bool passwdUsesSystemd() {
    QFile file("/etc/nsswitch.conf");
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.trimmed().startsWith("passwd:") && line.contains("systemd")) {
            return true;
        }
    }
    return false;
}

} // namespace

class TestNss : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (geteuid() != 0) {
            QSKIP("needs root (setpriv to an unknown uid, set-user)");
        }
        if (!passwdUsesSystemd()) {
            QSKIP("/etc/nsswitch.conf does not list systemd for passwd: the crash needs it");
        }
        QVERIFY(getpwuid(54321) == nullptr);
        QVERIFY(getpwnam(kUnknownUser) == nullptr);
        QVERIFY(m_tmp.isValid());
        QVERIFY(QFile::setPermissions(
            m_tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                              QFileDevice::ReadOther | QFileDevice::ExeOther));
        m_work = m_tmp.path() + "/work";
        QVERIFY(QDir().mkpath(m_work));
        QVERIFY(::chown(m_work.toLocal8Bit().constData(), 54321, 54321) == 0);
    }

    void lookupsNeverCrash_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<bool>("asUnknownUid");
        QTest::addColumn<QString>("expectedMessage"); // empty: exit 0 expected
        const QString redwrap = REDPAK_BIN_DIR "/redwrap";
        const QString redconf = REDPAK_BIN_DIR "/redconf";
        // "created by USER the DATE": the creator's name for a uid missing from passwd.
        QTest::newRow("redconf create, unknown uid")
            << redconf << QStringList{"create", "@WORK@/created"} << QByteArray() << true
            << QString();
        // $LOGNAME is the name of the launching uid.
        QTest::newRow("redwrap dump, $LOGNAME of an unknown uid")
            << redwrap << QStringList{"--dump-only", "--redpath", "@NODE@"}
            << QByteArray("environ:\n  - key: WHO\n    value: $LOGNAME\n") << true << QString();
        QTest::newRow("redconf mergeconfig --expand, unknown uid")
            << redconf << QStringList{"mergeconfig", "--expand", "@NODE@"}
            << QByteArray("environ:\n  - key: WHO\n    value: $LOGNAME\n") << true << QString();
        QTest::newRow("redconf lint, unknown uid")
            << redconf << QStringList{"lint", "--redpath", "@NODE@", "--fail-on", "error"}
            << QByteArray("config:\n  set-user: " + QByteArray(kUnknownUser) + "\n") << true
            << QString();
        // set-user of a name that does not exist: refused with a message.
        QTest::newRow("redwrap launch, set-user unknown name")
            << redwrap << QStringList{"--redpath", "@NODE@", "--", "/bin/true"}
            << QByteArray("config:\n  set-user: " + QByteArray(kUnknownUser) + "\n") << false
            << QString(kUnknownUser);
        QTest::newRow("redwrap launch, set-group unknown name")
            << redwrap << QStringList{"--redpath", "@NODE@", "--", "/bin/true"}
            << QByteArray("config:\n  set-group: " + QByteArray(kUnknownUser) + "\n") << false
            << QString(kUnknownUser);
        // A numeric uid missing from passwd: no name to look up groups with.
        QTest::newRow("redwrap launch, set-user unknown uid")
            << redwrap << QStringList{"--redpath", "@NODE@", "--", "/bin/true"}
            << QByteArray("config:\n  set-user: '54321'\n") << false << QString("*");
    }

    void lookupsNeverCrash() {
        QFETCH(QString, program);
        QFETCH(QStringList, args);
        QFETCH(QByteArray, config);
        QFETCH(bool, asUnknownUid);
        QFETCH(QString, expectedMessage);
        const QString node = m_tmp.path() + "/" + QTest::currentDataTag();
        QVERIFY(makeNode(node, config));
        args.replaceInStrings("@NODE@", node);
        args.replaceInStrings("@WORK@", m_work);
        const Result result = run(program, args, asUnknownUid);
        QVERIFY2(!result.crashed, qPrintable("killed by a signal: " + result.err));
        QVERIFY2(result.exitCode == 0 || result.exitCode == 1,
                 qPrintable(QString::number(result.exitCode) + ": " + result.err));
        if (expectedMessage.isEmpty()) {
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        } else if (expectedMessage != "*") {
            QCOMPARE(result.exitCode, 1);
            QVERIFY2(result.err.contains(expectedMessage), qPrintable(result.err));
        } else if (result.exitCode != 0) {
            QVERIFY2(!result.err.isEmpty(), "exit 1 without a message");
        }
    }

private:
    QTemporaryDir m_tmp;
    QString m_work;
};

QTEST_GUILESS_MAIN(TestNss)
#include "tst_nss.moc"
