// SPDX-License-Identifier: Apache-2.0
// What bwrap mounts is what the launcher checked (risk analysis recommendation 4), and nothing
// in a node types into the terminal it was launched from. Real launches with build/bin/redwrap
// and the system's bwrap: a symbolic link flipped during launches, hard links to family files,
// the audit record, Internal sources through links, and TIOCSTI/TIOCLINUX on a real pty that
// is the controlling terminal of the launch.
// Skipped only when the kernel refuses user namespaces.
#include "integration_support.h"

#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

namespace {

using namespace redpak::test;

QByteArray exportOf(const char* mode, const char* mount, const QString& path) {
    return QByteArray("  - mode: ") + mode + "\n    mount: " + mount +
           "\n    path: " + path.toUtf8() + "\n";
}

// Replaces `link` by a symbolic link to `a`, then to `b`, ... atomically (rename), until
// stopped: the race of an Execfd command or of an app writing in its data directory.
class LinkFlipper {
public:
    LinkFlipper(const QString& link, const QString& a, const QString& b)
        : m_link(link.toStdString()), m_targets{a.toStdString(), b.toStdString()},
          m_thread([this] { run(); }) {}
    ~LinkFlipper() {
        m_stop = true;
        m_thread.join();
    }

private:
    void run() {
        const std::string temporary = m_link + ".new";
        for (std::size_t i = 0; !m_stop; ++i) {
            ::unlink(temporary.c_str());
            if (::symlink(m_targets[i % 2].c_str(), temporary.c_str()) == 0) {
                ::rename(temporary.c_str(), m_link.c_str());
            }
        }
    }

    std::string m_link;
    std::string m_targets[2];
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

struct PtyRun {
    int status = -1;
    QByteArray output;
    int typedBytes = -1; // bytes waiting in the terminal's input queue afterwards
};

// Runs `args` (argv[0] a path) with a new pty as its controlling terminal and stdio (raw mode:
// every byte typed into the pty's input stays countable), reads the master side until the
// program has exited and counts what is left in the terminal's input queue.
PtyRun runOnPty(const QStringList& args) {
    PtyRun result;
    int master = -1;
    int slave = -1;
    if (openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) {
        return result;
    }
    termios raw{};
    tcgetattr(slave, &raw);
    cfmakeraw(&raw);
    tcsetattr(slave, TCSANOW, &raw);
    std::vector<std::string> strings;
    for (const QString& arg : args) {
        strings.push_back(arg.toStdString());
    }
    std::vector<char*> argv;
    for (std::string& s : strings) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);
    const pid_t child = fork();
    if (child == 0) {
        setsid();
        if (ioctl(slave, TIOCSCTTY, 0) != 0) {
            _exit(126);
        }
        dup2(slave, 0);
        dup2(slave, 1);
        dup2(slave, 2);
        close_range(3, ~0U, 0);
        execv(argv[0], argv.data());
        _exit(127);
    }
    QElapsedTimer timer;
    timer.start();
    bool exited = false;
    for (;;) {
        if (!exited && waitpid(child, &result.status, WNOHANG) == child) {
            exited = true;
        }
        pollfd fd{master, POLLIN, 0};
        if (poll(&fd, 1, 100) > 0 && (fd.revents & POLLIN)) {
            char buffer[4096];
            const ssize_t n = read(master, buffer, sizeof buffer);
            if (n > 0) {
                result.output.append(buffer, static_cast<int>(n));
                continue;
            }
        }
        if (exited) {
            break;
        }
        if (timer.elapsed() > 30000) {
            kill(child, SIGKILL);
        }
    }
    ioctl(slave, FIONREAD, &result.typedBytes);
    close(master);
    close(slave);
    return result;
}

} // namespace

class TestMounts : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_data;
    int m_nodes = 0;

    Run redwrap(const QStringList& args) { return runProgram(kBin + "/redwrap", args); }

    // Path of the rednode `name` below m_dir, known before it is created (exports name it).
    QString nodePath(const QString& name) const { return m_dir.path() + "/" + name; }

    QString createNode(const QString& name, const QByteArray& exports,
                       const QByteArray& config = {}) {
        const QString file = m_dir.path() + "/" + name + ".yaml";
        if (!writeFile(file, "headers:\n  alias: " + name.toUtf8() + "\nexports:" + kBaseExports +
                                 exports + config)) {
            return {};
        }
        const Run created = runProgram(
            kBin + "/redconf", {"create", "--alias", name, "--config", file, nodePath(name)});
        if (created.exitCode != 0) {
            qWarning() << "redconf create failed:" << created.err;
            return {};
        }
        return nodePath(name);
    }

    // A new node name for each row (aliases allow letters, digits and "+-_@:" only).
    QString newNodeName(const char* prefix) { return prefix + QString::number(++m_nodes); }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const Run probe = runProgram("bwrap", {"--unshare-user", "--ro-bind", "/", "/", "true"});
        if (probe.exitCode != 0) {
            QSKIP(qPrintable("bwrap cannot create a user namespace here: " + probe.err));
        }
        m_data = m_dir.path() + "/data";
        QVERIFY(QDir().mkpath(m_data + "/harmless"));
        QVERIFY(writeFile(m_data + "/harmless/harmless", "nothing secret\n"));
        QVERIFY(QDir().mkpath(m_data + "/real"));
        QVERIFY(writeFile(m_data + "/real/internal.txt", "internal content\n"));
    }

    // Issue 9: the export's directory is a link flipped between a harmless directory and the
    // node's own etc/ while the node is launched again and again. Before, the check resolved
    // the path, then bwrap resolved it again (49 of 60 launches mounted etc/). Now bwrap
    // mounts the descriptor that was checked: each launch either mounts the harmless
    // directory or is refused, never the config.
    void flippedLinkNeverMountsTheFamily() {
        const QString link = m_data + "/flipped";
        QVERIFY(QFile::link(m_data + "/harmless", link));
        const QString node = createNode("racer", exportOf("Restricted", "/mnt", link));
        QVERIFY(!node.isEmpty());
        const QStringList command{"--redpath",
                                  node,
                                  "--",
                                  "/bin/sh",
                                  "-c",
                                  "test -e /mnt/redpak.yaml && echo LEAK;"
                                  "test -e /mnt/harmless && echo RAN; true"};
        // The landed launcher leaked in 4 to 49 of 60 such launches: 100 make a false pass of
        // it unlikely (below 0.1 % at its lowest rate).
        constexpr int kLaunches = 100;
        int leaks = 0;
        int ran = 0;
        int refused = 0;
        {
            LinkFlipper flipper(link, m_data + "/harmless", node + "/etc");
            for (int i = 0; i < kLaunches; ++i) {
                const Run run = redwrap(command);
                leaks += run.out.contains("LEAK") ? 1 : 0;
                ran += run.out.contains("RAN") ? 1 : 0;
                if (run.exitCode != 0) {
                    QVERIFY2(run.err.contains("recommendation 4"), qPrintable(run.err));
                    ++refused;
                }
            }
        }
        qInfo("%d launches: %d ran, %d refused, %d leaked", kLaunches, ran, refused, leaks);
        QCOMPARE(leaks, 0);
        QCOMPARE(ran + refused, kLaunches);
        // How many launches win the race depends on the machine's load (0 of 100 was seen):
        // that a link to the harmless directory launches is checked once it holds still.
        QVERIFY(QFile::remove(link));
        QVERIFY(QFile::link(m_data + "/harmless", link));
        const Run still = redwrap(command);
        QCOMPARE(still.exitCode, 0);
        QVERIFY2(still.out.contains("RAN") && !still.out.contains("LEAK"), qPrintable(still.err));
    }

    // A hard link to a family config is the config under another name: found by device and
    // inode as a file source, and refused in a directory source (a link count above 1 means
    // another name may lie anywhere). The discovery does not refuse the link here.
    void hardLinksToFamilyFiles_data() {
        QTest::addColumn<bool>("asFile");
        QTest::newRow("directory holding the link") << false;
        QTest::newRow("the link as a file source") << true;
    }
    void hardLinksToFamilyFiles() {
        QFETCH(bool, asFile);
        const QString name = newNodeName("linker");
        const QString dir = m_data + "/" + name;
        QVERIFY(QDir().mkpath(dir));
        const QByteArray exports = asFile
                                       ? exportOf("RestrictedFile", "/mnt/config", dir + "/config")
                                       : exportOf("Restricted", "/mnt", dir);
        const QString node = createNode(name, exports);
        QVERIFY(!node.isEmpty());
        QCOMPARE(::link(QFile::encodeName(node + "/etc/redpak.yaml").constData(),
                        QFile::encodeName(dir + "/config").constData()),
                 0);
        const Run run = redwrap(
            {"--redpath", node, "--", "/bin/sh", "-c", "cat /mnt/config 2>/dev/null; echo RAN"});
        QVERIFY2(run.exitCode != 0, qPrintable(run.out));
        QVERIFY2(!run.out.contains("RAN"), qPrintable(run.out));
        QVERIFY2(run.err.contains("recommendation 4"), qPrintable(run.err));
        QVERIFY2(run.err.contains(node + "/etc/redpak.yaml"), qPrintable(run.err));
    }

    // Issue 12: the audit record is a family file; it was not compared before.
    void auditRecordNeverReachesTheNode_data() {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("source"); // relative to the node, or "link"
        QTest::newRow("the record as a file") << "RestrictedFile"
                                              << ".rednode-audit.json";
        QTest::newRow("a link to the record") << "RestrictedFile"
                                              << "link";
        QTest::newRow("the node base holding it") << "Restricted"
                                                  << ".";
    }
    void auditRecordNeverReachesTheNode() {
        QFETCH(QString, mode);
        QFETCH(QString, source);
        const QString name = newNodeName("audited");
        const QString record = nodePath(name) + "/.rednode-audit.json";
        const QString path =
            source == "link" ? m_data + "/" + name + "-link" : nodePath(name) + "/" + source;
        const QString node =
            createNode(name, exportOf(mode.toUtf8().constData(), "/mnt/audit", path));
        QVERIFY(!node.isEmpty());
        const Run approved = runProgram(kBin + "/redconf", {"audit", "approve", node});
        QVERIFY2(approved.exitCode == 0, qPrintable(approved.err));
        QVERIFY(QFile::exists(record));
        if (source == "link") {
            QVERIFY(QFile::link(record, path));
        }
        const Run run = redwrap({"--redpath", node, "--", "/bin/sh", "-c",
                                 "cat /mnt/audit /mnt/audit/.rednode-audit.json; echo RAN"});
        QVERIFY2(run.exitCode != 0, qPrintable(run.out));
        QVERIFY2(!run.out.contains("RAN"), qPrintable(run.out));
        QVERIFY2(run.err.contains("recommendation 4"), qPrintable(run.err));
    }

    // Internal sources are read without following any link (the helper reads them for other
    // users: a link swapped in would make it read what the link names).
    void internalSourcesFollowNoLink_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("link");   // created as a link...
        QTest::addColumn<QString>("target"); // ...to this
        QTest::newRow("the source is a link") << "/internal-link"
                                              << "/internal-link"
                                              << "/real/internal.txt";
        QTest::newRow("a directory on the way is a link") << "/dir-link/internal.txt"
                                                          << "/dir-link"
                                                          << "/real";
    }
    void internalSourcesFollowNoLink() {
        QFETCH(QString, source);
        QFETCH(QString, link);
        QFETCH(QString, target);
        QVERIFY(QFile::link(m_data + target, m_data + link));
        const QString node = createNode(newNodeName("internal"),
                                        exportOf("Internal", "/etc/internal", m_data + source));
        QVERIFY(!node.isEmpty());
        const Run run = redwrap({"--redpath", node, "--", "/bin/cat", "/etc/internal"});
        QVERIFY2(run.exitCode != 0, qPrintable(run.out));
        QVERIFY(!run.out.contains("internal content"));
        QVERIFY2(run.err.contains("symbolic link"), qPrintable(run.err));
    }

    // Issue 7: on a pty that is the controlling terminal of the launch, a node cannot push
    // input into it (TIOCSTI, also with high bits set in the request, which the kernel
    // ignores) nor use TIOCLINUX: EPERM from the seccomp program of every launch, with the
    // default configuration (--new-session too) and with `new-session: disabled`.
    void terminalInjectionIsRefused_data() {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<qulonglong>("request");
        const QByteArray disabled = "config:\n  new-session: disabled\n";
        const struct {
            const char* name;
            qulonglong request;
        } requests[] = {{"TIOCSTI", TIOCSTI},
                        {"TIOCSTI with high bits", (1ULL << 32) | TIOCSTI},
                        {"TIOCLINUX", TIOCLINUX}};
        for (const auto& r : requests) {
            QTest::addRow("default, %s", r.name) << QByteArray() << r.request;
            QTest::addRow("new-session disabled, %s", r.name) << disabled << r.request;
        }
    }
    void terminalInjectionIsRefused() {
        QFETCH(QByteArray, config);
        QFETCH(qulonglong, request);
        if (!QFile::exists("/usr/bin/python3")) {
            QSKIP("needs /usr/bin/python3 to call ioctl inside the node");
        }
        const QString node = createNode(newNodeName("tty"), {}, config);
        QVERIFY(!node.isEmpty());
        const QString script = "import errno, fcntl, os, sys\n"
                               "try:\n"
                               "    fcntl.ioctl(0, int(sys.argv[1]), b'Z')\n"
                               "    print('RESULT:done')\n"
                               "except OSError as e:\n"
                               "    print('RESULT:' + errno.errorcode[e.errno])\n";
        const PtyRun run = runOnPty({kBin + "/redwrap", "--redpath", node, "--", "/usr/bin/python3",
                                     "-c", script, QString::number(request)});
        QVERIFY2(WIFEXITED(run.status) && WEXITSTATUS(run.status) == 0, run.output.constData());
        QVERIFY2(run.output.contains("RESULT:EPERM"), run.output.constData());
        QCOMPARE(run.typedBytes, 0);
    }
};

QTEST_GUILESS_MAIN(TestMounts)
#include "tst_mounts.moc"
