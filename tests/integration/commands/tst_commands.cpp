// SPDX-License-Identifier: Apache-2.0
// Configuration commands (`$(...)`) through the real redwrap, issue 13 items 1, 2, 5 and 14:
// only the caller's own commands run (root's as nobody), confined: in their own session (a
// real pty is the caller's controlling terminal here), without the caller's descriptors or
// environment, without new privileges; and redwrap refuses to run installed setuid.
// Root only: creates two test users (removed at the end) and runs redwrap as them.
#include "integration_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <cerrno>
#include <fcntl.h>
#include <grp.h>
#include <memory>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

using redpak::test::kBin;
using redpak::test::runProgram;
using redpak::test::TestUser;
constexpr const char* kSafePath =
    "PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";
constexpr const char* kSecret = "root-only secret\n";

struct Account {
    QString name;
    uid_t uid = 0;
    gid_t gid = 0;
};

struct Run {
    int exitCode = -1;
    QString output; // stdout and stderr: both are the pty
};

bool writeFile(const QString& path, const QByteArray& content, mode_t mode = 0644) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size() && (file.close(), true) &&
           chmod(path.toLocal8Bit().constData(), mode) == 0;
}

// The child side of runOnPty: the pty becomes the controlling terminal and stdio, the secret
// sits on fd 5, then the identity changes and redwrap starts. System calls only.
[[noreturn]] void becomeCaller(int slave, int secret, const Account* as, char** argv, char** envp) {
    if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) != 0 || dup2(slave, 0) < 0 ||
        dup2(slave, 1) < 0 || dup2(slave, 2) < 0 || dup2(secret, 5) < 0) {
        _exit(120);
    }
    if (as && (setgroups(0, nullptr) != 0 || setresgid(as->gid, as->gid, as->gid) != 0 ||
               setresuid(as->uid, as->uid, as->uid) != 0)) {
        _exit(121);
    }
    execve(argv[0], argv, envp);
    _exit(122);
}

// Reads the pty until every copy of its slave is closed (or 60 s passed).
QString readUntilClosed(int master, pid_t pid) {
    QByteArray output;
    pollfd fd{master, POLLIN, 0};
    for (int waited = 0; waited < 600; ++waited) {
        if (poll(&fd, 1, 100) > 0) {
            char buffer[4096];
            const ssize_t n = read(master, buffer, sizeof buffer);
            if (n <= 0) {
                break; // EIO: the last slave descriptor was closed
            }
            output.append(buffer, n);
        } else {
            siginfo_t info{};
            if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
                info.si_pid == pid) {
                break;
            }
        }
    }
    return QString::fromUtf8(output);
}

} // namespace

class TestCommands : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_reports; // writable by everyone: where probes write what they saw
    QString m_probe;
    QString m_secret;
    Account m_alice;
    Account m_bob;
    std::vector<std::unique_ptr<TestUser>> m_users; // removed at the end when made here

    // The user `name`, made for the run unless it exists already.
    Account account(const QString& name) {
        const TestUser& user = *m_users.emplace_back(std::make_unique<TestUser>(
            name, TestUser::IfExists::Reuse, QStringList{"--user-group"}));
        return user.isValid() ? Account{name, user.identity().uid, user.identity().gid} : Account{};
    }

    // redwrap on a pty that is the controlling terminal of the caller (root, or `as`), with a
    // root-only file open on fd 5 and a secret in the environment, as an attacker finds them.
    Run runOnPty(const QStringList& args, const Account* as = nullptr,
                 const QString& redwrap = kBin + "/redwrap") {
        int master = -1;
        int slave = -1;
        if (openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) {
            return {};
        }
        const int secret = open(m_secret.toLocal8Bit().constData(), O_RDONLY);
        std::vector<QByteArray> storage{redwrap.toLocal8Bit()};
        for (const QString& arg : args) {
            storage.push_back(arg.toLocal8Bit());
        }
        std::vector<char*> argv;
        for (QByteArray& arg : storage) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        QByteArray secretVariable = "REDPAK_CALLER_SECRET=visible";
        std::vector<char*> envp{secretVariable.data()};
        for (char** entry = environ; *entry; ++entry) {
            envp.push_back(*entry);
        }
        envp.push_back(nullptr);
        const pid_t pid = fork();
        if (pid == 0) {
            close(master);
            becomeCaller(slave, secret, as, argv.data(), envp.data());
        }
        close(slave);
        close(secret);
        Run run;
        run.output = readUntilClosed(master, pid);
        close(master);
        kill(pid, SIGKILL); // only if still running after the wait
        int status = 0;
        waitpid(pid, &status, 0);
        run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return run;
    }

    // A rednode below the test directory whose config sets the environ `body`; handed to
    // `owner` (every file and directory) unless root keeps it.
    QString createNode(const QString& name, const QByteArray& environ,
                       const Account* owner = nullptr, const QString& parent = {}) {
        const QString dir = (parent.isEmpty() ? m_dir.path() : parent) + "/" + name;
        const QString config = m_dir.path() + "/" + name + ".yaml";
        if (!writeFile(config, "headers:\n  alias: " + name.toUtf8() + "\nenviron:\n" + environ) ||
            runProgram(kBin + "/redconf", {"create", "--alias", name, "--config", config, dir})
                    .exitCode != 0) {
            return {};
        }
        chmod(dir.toLocal8Bit().constData(), 0755);
        if (owner &&
            runProgram("chown", {"-R", owner->name + ":" + owner->name, dir}).exitCode != 0) {
            return {};
        }
        return dir;
    }

    // `$(probe REPORT)` as an environ value: the probe writes what it saw to REPORT.
    QByteArray probeEntry(const QString& key, const QString& report) const {
        return "  - key: " + key.toUtf8() + "\n    value: '$(" + m_probe.toUtf8() + " " +
               report.toUtf8() + ")'\n";
    }

    QString reportPath(const QString& name) const { return m_reports + "/" + name; }

    QHash<QString, QString> readReport(const QString& name) const {
        QHash<QString, QString> seen;
        QFile file(reportPath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            return seen;
        }
        for (const QByteArray& line : file.readAll().split('\n')) {
            const int at = line.indexOf('=');
            if (at > 0) {
                seen.insert(QString::fromUtf8(line.left(at)), QString::fromUtf8(line.mid(at + 1)));
            }
        }
        return seen;
    }

private slots:
    void initTestCase() {
        if (geteuid() != 0) {
            QSKIP("creates test users and runs redwrap as them and as root: needs root");
        }
        QVERIFY(m_dir.isValid());
        QVERIFY(chmod(m_dir.path().toLocal8Bit().constData(), 0755) == 0);
        m_alice = account("redpak-cmd-alice");
        m_bob = account("redpak-cmd-bob");
        QVERIFY2(m_alice.uid != 0 && m_bob.uid != 0, "cannot create the test users");
        m_reports = m_dir.path() + "/reports";
        QVERIFY(QDir().mkpath(m_reports));
        QVERIFY(chmod(m_reports.toLocal8Bit().constData(), 0777) == 0);
        m_probe = m_dir.path() + "/probe";
        QVERIFY(QFile::copy(REDPAK_PROBE, m_probe));
        QVERIFY(chmod(m_probe.toLocal8Bit().constData(), 0755) == 0);
        m_secret = m_dir.path() + "/secret";
        QVERIFY(writeFile(m_secret, kSecret, 0600));
    }

    void cleanupTestCase() { m_users.clear(); }

    // Items 1 and 14: a command of someone else's file never runs, not even for a dump.
    void othersCommandsAreRefused_data() {
        QTest::addColumn<QString>("nodeOwner");
        QTest::addColumn<QString>("caller");
        QTest::newRow("root dumps a user's node") << "alice"
                                                  << "root";
        QTest::newRow("root launches a user's node") << "alice"
                                                     << "root launch";
        QTest::newRow("a user dumps another user's node") << "alice"
                                                          << "bob";
        QTest::newRow("a user dumps a root-owned node") << "root"
                                                        << "bob";
    }
    void othersCommandsAreRefused() {
        QFETCH(QString, nodeOwner);
        QFETCH(QString, caller);
        const QString tag = QString::fromLatin1(QTest::currentDataTag())
                                .replace(QRegularExpression("[^a-z]+"), "-");
        const Account* owner = nodeOwner == "alice" ? &m_alice : nullptr;
        const QString node =
            createNode("refused-" + tag, probeEntry("PROBE", reportPath(tag)), owner);
        QVERIFY(!node.isEmpty());
        const QStringList mode = caller == "root launch" ? QStringList{"--bwrap", "/bin/false"}
                                                         : QStringList{"--dump-only"};
        const Run run = runOnPty(mode + QStringList{"--redpath", node, "--", "/bin/true"},
                                 caller == "bob" ? &m_bob : nullptr);
        QVERIFY2(run.exitCode == 1, qPrintable(run.output));
        QVERIFY2(!QFileInfo::exists(reportPath(tag)), "the command of another's file ran");
        // Root is refused at the family's owner, before any command (privileged means
        // root-owned); a user at the command, naming its file.
        const QString named = caller == "bob" ? node + "/etc/redpak.yaml" : node;
        QVERIFY2(run.output.contains(named), qPrintable(run.output));
    }

    // Items 1 and 14: the caller's own command runs (root's as nobody) in its own session, on
    // no terminal, with only its stdio, PATH and its display session in its environment, no new
    // privileges.
    void ownCommandsRunConfined_data() {
        QTest::addColumn<QString>("caller");
        QTest::newRow("root's own node, as nobody") << "root";
        QTest::newRow("a user's own node, as her") << "alice";
    }
    void ownCommandsRunConfined() {
        QFETCH(QString, caller);
        const Account* as = caller == "alice" ? &m_alice : nullptr;
        const QString report = "own-" + caller;
        const QString node = createNode(report, probeEntry("PROBE", reportPath(report)), as);
        QVERIFY(!node.isEmpty());
        const Run run = runOnPty({"--dump-only", "--redpath", node}, as);
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY2(run.output.contains("PROBE probed"), qPrintable(run.output));
        const QHash<QString, QString> seen = readReport(report);
        QCOMPARE(seen.value("uid"), QString::number(as ? as->uid : 65534));
        QCOMPARE(seen.value("gid"), QString::number(as ? as->gid : 65534));
        QCOMPARE(seen.value("ctty"), QString("0"));
        QVERIFY2(seen.value("devtty") != "open", "the command has a controlling terminal");
        for (const char* fd : {"tiocsti_devtty", "tiocsti_0", "tiocsti_1", "tiocsti_2"}) {
            QVERIFY2(seen.value(fd) != "ok", fd);
        }
        QCOMPARE(seen.value("fds"), QString("0,1,2"));
        QCOMPARE(seen.value("fd5"), QString(std::strerror(EBADF)));
        // PATH, and where the caller's display session is: nothing else of the caller's.
        QStringList expected{kSafePath};
        for (const char* name :
             {"HOME", "XAUTHORITY", "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR"}) {
            if (qEnvironmentVariableIsSet(name)) {
                expected << QString(name) + "=" + qEnvironmentVariable(name);
            }
        }
        QStringList env = seen.value("env").split(';');
        env.sort();
        expected.sort();
        QCOMPARE(env, expected);
        QCOMPARE(seen.value("nnp"), QString("1"));
        QCOMPARE(seen.value("capeff"), QString("0000000000000000"));
        if (!as) {
            QCOMPARE(seen.value("capbnd"), QString("0000000000000000"));
        }
    }

    // Item 5: a first command (root's own, run as nobody) swaps the next config file for a
    // link to a user's file; the next command keeps the identity of the file as it was
    // opened (root's: nobody), it never runs as that user.
    void swappedFileKeepsTheOpenedIdentity() {
        const QString parent =
            createNode("swap-parent", "  - key: SWAP\n    value: '$(ln -sf " + m_secret.toUtf8() +
                                          "-bob " + m_dir.path().toUtf8() +
                                          "/swap-parent/swap-leaf/etc/"
                                          "redpak.yaml)'\n");
        QVERIFY(!parent.isEmpty());
        const QString leaf =
            createNode("swap-leaf", probeEntry("PROBE", reportPath("swap")), nullptr, parent);
        QVERIFY(!leaf.isEmpty());
        QVERIFY(writeFile(m_secret + "-bob", "bob's\n"));
        QVERIFY(chown((m_secret + "-bob").toLocal8Bit().constData(), m_bob.uid, m_bob.gid) == 0);
        // Nobody (the first command) may replace the leaf's files.
        QVERIFY(chmod((leaf + "/etc").toLocal8Bit().constData(), 0777) == 0);
        const Run run = runOnPty({"--dump-only", "--redpath", leaf});
        const QHash<QString, QString> seen = readReport("swap");
        QVERIFY2(seen.value("uid") != QString::number(m_bob.uid),
                 "the command ran as the owner of the swapped-in file");
        if (QFileInfo(leaf + "/etc/redpak.yaml").isSymLink()) {
            QCOMPARE(seen.value("uid"), QString("65534"));
            QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        } else {
            QVERIFY2(run.exitCode != 0, qPrintable(run.output)); // refused before the swap
        }
    }

    // Item 2: installed setuid root, redwrap refuses to run for anyone, before reading
    // anything: no launch, no dump, not even the help.
    void setuidInstallIsRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("launch") << QStringList{"--bwrap", "FAKE", "--redpath", "NODE"};
        QTest::newRow("dump") << QStringList{"--dump-only", "--redpath", "NODE"};
        QTest::newRow("help") << QStringList{"--help"};
    }
    void setuidInstallIsRefused() {
        QFETCH(QStringList, args);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        const QString installed = m_dir.path() + "/installed-" + tag;
        QVERIFY(QDir().mkpath(installed));
        QVERIFY(chmod(installed.toLocal8Bit().constData(), 0755) == 0);
        const QString redwrap = installed + "/redwrap";
        QVERIFY(QFile::copy(kBin + "/redwrap", redwrap));
        QVERIFY(chown(redwrap.toLocal8Bit().constData(), 0, 0) == 0);
        QVERIFY(chmod(redwrap.toLocal8Bit().constData(), 04755) == 0);
        const QString marker = reportPath("setuid-" + tag);
        const QString fakeBwrap = installed + "/bwrap";
        QVERIFY(writeFile(fakeBwrap, "#!/bin/sh\ntouch " + marker.toUtf8() + "\n", 0755));
        // Her own node, choosing root for what it runs.
        const QString node = createNode(
            "setuid-" + tag,
            probeEntry("PROBE", marker + "-command") + "config:\n  set-user: '0'\n", &m_alice);
        QVERIFY(!node.isEmpty());
        args.replaceInStrings("FAKE", fakeBwrap).replaceInStrings("NODE", node);
        const Run run = runOnPty(args, &m_alice, redwrap);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains("setuid") && run.output.contains("redpak-helper"),
                 qPrintable(run.output));
        QVERIFY2(!run.output.contains("usage"), qPrintable(run.output));
        QVERIFY(!QFileInfo::exists(marker));
        QVERIFY(!QFileInfo::exists(marker + "-command"));
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
