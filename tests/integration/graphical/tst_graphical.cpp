// SPDX-License-Identifier: Apache-2.0
// Graphical applications in real launches, as a test user: a node from the x11 template runs
// a host X11 client imported with `redconf app import` (`redwrap --app`) on a real Xvfb, and
// its window appears; inside such a node the user's home and the raw session bus are out of
// reach, the session bus is a filtering xdg-dbus-proxy that answers the allowed name only, and
// the Xauthority holds the one cookie of the display. The proxy stops with the application. A
// node from the wayland template runs a Wayland client on a headless weston.
#include "integration_support.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <functional>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using namespace redpak::test;

constexpr const char* kAllowed = "org.redpak.Test.Allowed";
constexpr const char* kHidden = "org.redpak.Test.Hidden";
constexpr const char* kWindowName = "redpak-graphical-test";

// Owns both names on the session bus; libdbus answers org.freedesktop.DBus.Peer.Ping itself.
constexpr const char* kBusService = R"(
import dbus, dbus.mainloop.glib
from gi.repository import GLib
dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
bus = dbus.SessionBus()
for n in ("org.redpak.Test.Allowed", "org.redpak.Test.Hidden"):
    bus.request_name(n)
GLib.MainLoop().run()
)";

// Waits up to 20 s for `done`; true when it happened.
bool waitFor(const std::function<bool()>& done) {
    for (int i = 0; i < 200; ++i) {
        if (done()) {
            return true;
        }
        QThread::msleep(100);
    }
    return done();
}

bool chown(const QString& path, const Identity& to) {
    return ::chown(path.toLocal8Bit().constData(), to.uid, to.gid) == 0;
}

} // namespace

class TestGraphical : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<TestUser> m_user;
    Identity m_id;
    QString m_home;    // the test user's HOME: her Xauthority, her bus, a secret
    QString m_display; // ":N"
    QString m_rawBus;  // the path of her session bus socket
    std::vector<std::unique_ptr<QProcess>> m_servers;

    // The test user's session: what a desktop gives the programs it starts.
    QProcessEnvironment session() const {
        QProcessEnvironment env;
        env.insert("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.insert("HOME", m_home);
        env.insert("DISPLAY", m_display);
        env.insert("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + m_rawBus);
        return env;
    }

    // Started as the test user with `env`; its error output goes to the test's unless
    // `channels` says otherwise.
    QProcess& startAsUser(const QString& program, const QStringList& args,
                          const QProcessEnvironment& env,
                          QProcess::ProcessChannelMode channels = QProcess::ForwardedErrorChannel) {
        QProcess& process = *m_servers.emplace_back(std::make_unique<QProcess>());
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(channels);
        process.start("setpriv", QStringList{"--reuid=" + QString::number(m_id.uid),
                                             "--regid=" + QString::number(m_id.gid),
                                             "--clear-groups", "--", program} +
                                     args);
        return process;
    }

    Run runAsUser(const QString& program, const QStringList& args, const QProcessEnvironment& env) {
        QProcess& process = startAsUser(program, args, env, QProcess::SeparateChannels);
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
        }
        return Run{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                   QString::fromUtf8(process.readAllStandardOutput()),
                   QString::fromUtf8(process.readAllStandardError())};
    }

    Run redconf(const QStringList& args) { return runAsUser(kBin + "/redconf", args, session()); }

    // What root sees of the display (the windows of every client).
    Run onDisplay(const QString& program, const QStringList& args) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("DISPLAY", m_display);
        env.insert("XAUTHORITY", m_home + "/.Xauthority");
        process.setProcessEnvironment(env);
        process.start(program, args);
        process.waitForFinished(30000);
        return Run{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                   QString::fromUtf8(process.readAllStandardError())};
    }

    bool userRuns(const QString& program) {
        return runProgram("pgrep", {"-u", QString::number(m_id.uid), "-x", program}).exitCode == 0;
    }

    static void requirePrograms(const QStringList& programs) {
        for (const QString& program : programs) {
            if (QStandardPaths::findExecutable(program).isEmpty()) {
                QSKIP(qPrintable("needs " + program + " (scripts/deps.txt)"));
            }
        }
    }

    QString freeDisplay() const {
        for (int n = 80; n < 200; ++n) {
            const QString number = QString::number(n);
            if (!QFile::exists("/tmp/.X11-unix/X" + number) &&
                !QFile::exists("/tmp/.X" + number + "-lock")) {
                return ":" + number;
            }
        }
        return {};
    }

    // Her Xauthority: the cookie of the test display and one of another display, which the
    // node must not get.
    void makeXauthority() {
        const QString file = m_home + "/.Xauthority";
        QCOMPARE(runProgram("xauth",
                            {"-f", file, "add", m_display, ".", "0123456789abcdef0123456789abcdef"})
                     .exitCode,
                 0);
        QCOMPARE(runProgram("xauth",
                            {"-f", file, "add", ":199", ".", "fedcba9876543210fedcba9876543210"})
                     .exitCode,
                 0);
        QVERIFY(chown(file, m_id));
    }

    void startXvfb() {
        QProcess& xvfb = *m_servers.emplace_back(std::make_unique<QProcess>());
        xvfb.start("Xvfb", {m_display, "-auth", m_home + "/.Xauthority", "-nolisten", "tcp"});
        QVERIFY2(waitFor([this] { return onDisplay("xdpyinfo", {}).exitCode == 0; }),
                 "Xvfb did not start");
    }

    void startSessionBus() {
        startAsUser("dbus-daemon", {"--session", "--nofork", "--address=unix:path=" + m_rawBus},
                    session());
        QVERIFY2(waitFor([this] { return QFile::exists(m_rawBus); }), "dbus-daemon did not start");
        startAsUser("/usr/bin/python3", {"-c", kBusService}, session());
        QVERIFY2(waitFor([this] {
                     return runAsUser("dbus-send",
                                      {"--session", "--print-reply", QString("--dest=") + kHidden,
                                       "/", "org.freedesktop.DBus.Peer.Ping"},
                                      session())
                                .exitCode == 0;
                 }),
                 "the test service did not take its names");
    }

    QString createNode(const QString& templateName) {
        const QString node = m_dir.path() + "/nodes/" + templateName;
        const Run created = redconf({"create", "--template", templateName, node});
        return created.exitCode == 0 ? node : QString();
    }

private slots:
    void initTestCase() {
        if (geteuid() != 0) {
            QSKIP("runs the applications as a test user it creates: needs root");
        }
        requirePrograms({"Xvfb", "xauth", "xdpyinfo", "xwininfo", "xmessage", "xdg-dbus-proxy",
                         "dbus-daemon", "dbus-send", "setpriv", "pgrep"});
        const Run probe = runProgram("bwrap", {"--unshare-user", "--ro-bind", "/", "/", "true"});
        if (probe.exitCode != 0) {
            QSKIP(qPrintable("bwrap cannot create a user namespace here: " + probe.err));
        }
        if (runProgram("/usr/bin/python3", {"-c", "import dbus, gi"}).exitCode != 0) {
            QSKIP(
                "needs Debian's python3 with python3-dbus and python3-gi (the test's bus service)");
        }
        m_user = std::make_unique<TestUser>("redpak-gfx", TestUser::IfExists::Reuse);
        QVERIFY2(m_user->isValid(), qPrintable(m_user->error()));
        m_id = m_user->identity();
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                        QFile::ExeOwner | QFile::ReadOther |
                                                        QFile::ExeOther));
        m_home = m_dir.path() + "/home";
        m_rawBus = m_home + "/bus";
        QVERIFY(QDir().mkpath(m_home) && QDir().mkpath(m_dir.path() + "/nodes"));
        QVERIFY(chown(m_home, m_id) && chown(m_dir.path() + "/nodes", m_id));
        QVERIFY(writeFile(m_home + "/secret", "her data\n") && chown(m_home + "/secret", m_id));
        m_display = freeDisplay();
        QVERIFY(!m_display.isEmpty());
        makeXauthority();
        startXvfb();
        startSessionBus();
    }

    void cleanupTestCase() {
        for (auto it = m_servers.rbegin(); it != m_servers.rend(); ++it) {
            (*it)->terminate();
            if (!(*it)->waitForFinished(5000)) {
                (*it)->kill();
                (*it)->waitForFinished();
            }
        }
    }

    // A host X11 client, imported as it is, launched by its desktop entry: its window appears
    // on the display; its session bus is the proxy of its entry's allow-list, which stops
    // with it.
    void importedX11ApplicationShowsItsWindow() {
        const QString node = createNode("x11");
        QVERIFY(!node.isEmpty());
        const QString host = m_dir.path() + "/org.example.Message.desktop";
        QVERIFY(writeFile(host, QByteArray("[Desktop Entry]\nType=Application\nName=Message\n"
                                           "Exec=xmessage -name ") +
                                    kWindowName + " sandboxed\nX-RedPak-Session-Bus=" + kAllowed +
                                    ";\n"));
        const Run imported = redconf({"app", "import", "--redpath", node, host});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QProcess& app = startAsUser(kBin + "/redwrap",
                                    {"--redpath", node, "--app", "org.example.Message"}, session());
        const auto windowShown = [this] {
            return onDisplay("xwininfo", {"-root", "-tree"}).out.contains(kWindowName);
        };
        QVERIFY2(waitFor(windowShown), "no window of the sandboxed application");
        const Run proxy =
            runProgram("pgrep", {"-a", "-u", QString::number(m_id.uid), "-x", "xdg-dbus-proxy"});
        QVERIFY2(proxy.out.contains(QString("--talk=") + kAllowed), qPrintable(proxy.out));
        app.terminate(); // bwrap: the node dies with it (die-with-parent), then the proxy
        QVERIFY(app.waitForFinished(20000));
        QVERIFY2(waitFor([&] { return !windowShown() && !userRuns("xdg-dbus-proxy"); }),
                 "the application or its session bus proxy outlived the launch");
        const QStringList left = QDir("/tmp").entryList({"redwrap-bus-*"}, QDir::Dirs);
        for (const QString& dir : left) {
            QVERIFY2(QFileInfo("/tmp/" + dir).ownerId() != m_id.uid, qPrintable(dir));
        }
    }

    // What the application finds in an x11 node given the session bus of kAllowed.
    void insideTheX11Node_data() {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("expected");
        QTest::newRow("her home is not there")
            << "cat " + m_home + "/secret 2>/dev/null || echo unreadable"
            << "unreadable";
        QTest::newRow("her session bus socket is not there")
            << "test -e " + m_rawBus + " && echo reachable || echo absent"
            << "absent";
        QTest::newRow("the session bus is the proxy in the node's runtime directory")
            << "echo $DBUS_SESSION_BUS_ADDRESS; test -S /run/user/$(id -u)/bus && echo socket"
            << "unix:path=/run/user/" + QString::number(m_id.uid) + "/bus\nsocket";
        QTest::newRow("the allowed name answers")
            << QString("dbus-send --session --print-reply --dest=") + kAllowed +
                   " / org.freedesktop.DBus.Peer.Ping >/dev/null && echo answered"
            << "answered";
        QTest::newRow("another name is refused")
            << QString("dbus-send --session --print-reply --dest=") + kHidden +
                   " / org.freedesktop.DBus.Peer.Ping >/dev/null 2>&1 || echo refused"
            << "refused";
        QTest::newRow("the Xauthority holds one cookie, of any host")
            << "xauth nlist | wc -l; xauth nlist | cut -c1-4"
            << "1\nffff";
        QTest::newRow("the display answers with that cookie") << "xdpyinfo >/dev/null && echo drawn"
                                                              << "drawn";
        QTest::newRow("no network but loopback")
            << "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '"
            << "lo";
    }
    void insideTheX11Node() {
        QFETCH(QString, script);
        QFETCH(QString, expected);
        const QString node = m_dir.path() + "/nodes/x11";
        const Run run =
            runAsUser(kBin + "/redwrap",
                      {"--session-bus", kAllowed, "--redpath", node, "--", "/bin/sh", "-c", script},
                      session());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out.trimmed(), expected);
    }

    // The allow-list is part of the audited application file.
    void sessionBusListIsAudited() {
        const QString node = m_dir.path() + "/nodes/x11";
        QVERIFY(redconf({"audit", "approve", "--redpath", node}).exitCode == 0);
        const QStringList launch{"--require-audit", "--dump-only",        "--redpath", node,
                                 "--app",           "org.example.Message"};
        const Run approved = runAsUser(kBin + "/redwrap", launch, session());
        QVERIFY2(approved.exitCode == 0, qPrintable(approved.err));
        QVERIFY2(approved.out.contains(QString("--talk=") + kAllowed), qPrintable(approved.out));
        const QString file = node + "/applications/org.example.Message.desktop";
        QVERIFY(writeFile(file, QByteArray("[Desktop Entry]\nType=Application\nName=Message\n"
                                           "Exec=xmessage x\nX-RedPak-Session-Bus=") +
                                    kAllowed + ";" + kHidden + ";\n"));
        const Run refused = runAsUser(kBin + "/redwrap", launch, session());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("drifted") && refused.err.contains(file),
                 qPrintable(refused.err));
    }

    // A Wayland client in a wayland node, on a headless compositor of the user's.
    void waylandClientRuns() {
        requirePrograms({"weston", "wayland-info"});
        const QString runtime = m_home + "/runtime";
        QVERIFY(QDir().mkpath(runtime) && chown(runtime, m_id));
        QVERIFY(
            QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QProcessEnvironment env = session();
        env.remove("DISPLAY");
        env.insert("XDG_RUNTIME_DIR", runtime);
        QProcess& weston = startAsUser(
            "weston", {"--backend=headless-backend.so", "--socket=wayland-redpak", "--idle-time=0"},
            env);
        if (!waitFor([&] { return QFile::exists(runtime + "/wayland-redpak"); })) {
            QSKIP(qPrintable("weston cannot run here (headless backend): " +
                             QString::fromUtf8(weston.readAllStandardOutput())));
        }
        env.insert("WAYLAND_DISPLAY", "wayland-redpak");
        const QString node = createNode("wayland");
        QVERIFY(!node.isEmpty());
        const Run run = runAsUser(
            kBin + "/redwrap",
            {"--redpath", node, "--", "/bin/sh", "-c",
             "wayland-info | grep -c \"'wl_compositor'\"; test -e /tmp/.X11-unix || echo no-x11; "
             "cat " +
                 m_home + "/secret 2>/dev/null || echo unreadable"},
            env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out.trimmed(), QString("1\nno-x11\nunreadable"));
    }
};

QTEST_GUILESS_MAIN(TestGraphical)
#include "tst_graphical.moc"
