// SPDX-License-Identifier: Apache-2.0
// Every file of the hostile corpus (tests/data/hostile, README.md there) is refused cleanly by
// every entry point that reads configurations: `redconf config`, `redconf mergeconfig`,
// `redwrap --dump-only` (normal and admin) and the helper's write path.
//
// "Refused cleanly" means, for each run in a child process: a normal exit with a non-zero
// status (no signal, no sanitizer abort), nothing on stdout, a message on stderr naming the
// offending file (or the directory that was swapped), at most 1 s of CPU time and at most
// 256 MiB of resident memory (getrusage of the child; the address space is also capped at
// 256 MiB with RLIMIT_AS except in sanitizer builds, which reserve terabytes of shadow).
// CPU time rather than wall time keeps the guard meaningful on a loaded CI machine; a child
// still running after 10 s of wall time is killed and fails the test.
#include "redpak/config/writer.h"
#include "redpak/tree/node.h"

#ifdef REDPAK_HOSTILE_HELPER
#include "helperconfig.h"
#include "helpererror.h"
#include "journal.h"
#include "nodename.h"
#include "nodestore.h"
#endif

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <grp.h>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define REDPAK_HOSTILE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REDPAK_HOSTILE_SANITIZED 1
#endif
#endif

namespace {

constexpr long kMaxRssKiB = 256L * 1024;
constexpr rlim_t kAddressSpaceBytes = 256UL * 1024 * 1024;
constexpr double kMaxCpuSeconds = 1.0;
constexpr double kHangGuardSeconds = 10.0;
constexpr uid_t kNobody = 65534;

// Exit statuses a child uses for its own setup failures: never a valid "refusal".
constexpr int kChildSetupFailed = 125;
constexpr int kExecFailed = 127;

enum class EntryPoint { Config, MergeConfig, Dump, DumpAdmin, HelperWrite };

const char* entryName(EntryPoint entry) {
    switch (entry) {
    case EntryPoint::Config:
        return "redconf-config";
    case EntryPoint::MergeConfig:
        return "redconf-mergeconfig";
    case EntryPoint::Dump:
        return "redwrap-dump";
    case EntryPoint::DumpAdmin:
        return "redwrap-admin-dump";
    case EntryPoint::HelperWrite:
        return "helper-write";
    }
    return "";
}

// Where a hostile content is put in a two-node tree ROOT/LEAF.
enum class Placement { LeafNormal, LeafAdmin, RootNormal };

struct Outcome {
    bool exited = false;
    int exitCode = -1;
    int signal = 0;
    bool hung = false;
    double cpuSeconds = 0;
    double wallSeconds = 0;
    long maxRssKiB = 0;
    QByteArray out;
    QByteArray err;
};

double seconds(const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

double monotonicNow() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Runs `body` in a child process (its return value is the exit status) with stdout/stderr
// captured in files of `workDir`, optionally as user nobody, and measures it.
Outcome runBounded(const std::function<int()>& body, const QString& workDir, bool asNobody,
                   bool capAddressSpace) {
    const QByteArray outPath = QFile::encodeName(workDir + QStringLiteral("/stdout"));
    const QByteArray errPath = QFile::encodeName(workDir + QStringLiteral("/stderr"));
    const int outFd = ::open(outPath.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const int errFd = ::open(errPath.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    Outcome outcome;
    if (outFd < 0 || errFd < 0) {
        return outcome;
    }
    const double start = monotonicNow();
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (::dup2(outFd, STDOUT_FILENO) < 0 || ::dup2(errFd, STDERR_FILENO) < 0) {
            ::_exit(kChildSetupFailed);
        }
        if (capAddressSpace) {
            const rlimit limit{kAddressSpaceBytes, kAddressSpaceBytes};
            ::setrlimit(RLIMIT_AS, &limit);
        }
        if (asNobody &&
            (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)) {
            ::_exit(kChildSetupFailed);
        }
        ::_exit(body());
    }
    ::close(outFd);
    ::close(errFd);
    if (pid < 0) {
        return outcome;
    }
    int status = 0;
    rusage usage{};
    for (;;) {
        const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
        if (done == pid) {
            break;
        }
        if (monotonicNow() - start > kHangGuardSeconds) {
            outcome.hung = true;
            ::kill(pid, SIGKILL);
            ::wait4(pid, &status, 0, &usage);
            break;
        }
        ::usleep(2000);
    }
    outcome.wallSeconds = monotonicNow() - start;
    outcome.exited = WIFEXITED(status);
    outcome.exitCode = outcome.exited ? WEXITSTATUS(status) : -1;
    outcome.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    outcome.cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    outcome.maxRssKiB = usage.ru_maxrss;
    outcome.out = readAll(workDir + QStringLiteral("/stdout"));
    outcome.err = readAll(workDir + QStringLiteral("/stderr"));
    return outcome;
}

// execv() of a program; the child's exit status when it cannot start is kExecFailed.
std::function<int()> execProgram(const QStringList& argv) {
    return [argv]() {
        std::vector<QByteArray> storage;
        for (const QString& arg : argv) {
            storage.push_back(QFile::encodeName(arg));
        }
        std::vector<char*> raw;
        for (QByteArray& arg : storage) {
            raw.push_back(arg.data());
        }
        raw.push_back(nullptr);
        ::execv(raw[0], raw.data());
        return kExecFailed;
    };
}

bool writeBytes(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

QByteArray validConfig(const char* alias) {
    return QByteArray("headers:\n  alias: ") + alias + "\n";
}

QByteArray statusFor(const QString& realpath) {
    redpak::NodeStatus status;
    status.realpath = realpath.toStdString();
    status.timestamp = 1700000000000;
    status.info = "hostile-input test";
    return QByteArray::fromStdString(redpak::writeStatus(status));
}

// A valid two-node tree DIR/root and DIR/root/leaf, both with a normal and an admin config.
bool makeTree(const QString& dir) {
    const QString root = dir + QStringLiteral("/root");
    const QString leaf = root + QStringLiteral("/leaf");
    return QDir().mkpath(root + QStringLiteral("/etc")) &&
           QDir().mkpath(leaf + QStringLiteral("/etc")) &&
           writeBytes(root + QStringLiteral("/.rednode.yaml"), statusFor(root)) &&
           writeBytes(root + QStringLiteral("/etc/redpak.yaml"), validConfig("ROOT")) &&
           writeBytes(root + QStringLiteral("/etc/redpak-admin.yaml"), validConfig("ROOT")) &&
           writeBytes(leaf + QStringLiteral("/.rednode.yaml"), statusFor(leaf)) &&
           writeBytes(leaf + QStringLiteral("/etc/redpak.yaml"), validConfig("LEAF")) &&
           writeBytes(leaf + QStringLiteral("/etc/redpak-admin.yaml"), validConfig("LEAF"));
}

#ifdef REDPAK_HOSTILE_HELPER
// The helper's write path (NodeStore::writeConfig: validation by the core parser, digest
// check, SafeDir atomic write) on the node "hostile/leaf" of a helper root `root`, with the
// journal in `stateDir`. Refuses with the helper's message on stderr and status 1.
std::function<int()> helperWrite(const QString& root, const QString& stateDir,
                                 const QString& contentFile) {
    return [root, stateDir, contentFile]() {
        QFile file(contentFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return kChildSetupFailed;
        }
        const QByteArray bytes = file.readAll();
        using namespace redpak::helper;
        try {
            HelperConfig config;
            config.roots = {{"hostile", root.toStdString()}};
            config.stateDir = stateDir.toStdString();
            Journal journal(config.stateDir);
            NodeStore store(config, journal);
            const NodeName name = NodeName::parse("hostile/leaf");
            const ConfigFileContent current = store.readConfig(name, FileKind::Normal);
            store.writeConfig(
                name, FileKind::Normal,
                std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                current.digest, 0);
        } catch (const HelperError& error) {
            const std::string message = std::string(error.what()) + "\n";
            return ::write(STDERR_FILENO, message.data(), message.size()) < 0 ? 2 : 1;
        }
        return 0;
    };
}
#endif

} // namespace

class HostileInputTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void contentIsRefused_data();
    void contentIsRefused();
    void filesystemIsRefused_data();
    void filesystemIsRefused();

private:
    QString program(const char* name) const {
        return QStringLiteral(REDPAK_BIN_DIR "/") + QLatin1String(name);
    }
    QStringList commandFor(EntryPoint entry, const QString& leafDir) const;
    void verifyRefused(const Outcome& outcome, const QString& expectedName);

    QTemporaryDir m_tmp;
    QString m_generated;
    bool m_sanitized = false;
};

void HostileInputTest::initTestCase() {
#ifdef REDPAK_HOSTILE_SANITIZED
    m_sanitized = true;
#endif
    QVERIFY(m_tmp.isValid());
    // The tree must be reachable by nobody for the unreadable-file case.
    QVERIFY(QFile::setPermissions(
        m_tmp.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther |
                          QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup));
    for (const char* name : {"redconf", "redwrap"}) {
        QVERIFY2(QFileInfo(program(name)).isExecutable(), qPrintable(program(name)));
    }
    m_generated = m_tmp.path() + QStringLiteral("/generated");
    QProcess generator;
    generator.start(
        QStringLiteral("python3"),
        {QStringLiteral(REDPAK_SOURCE_DIR "/tests/data/hostile/generate.py"), m_generated});
    QVERIFY(generator.waitForFinished(60000));
    QVERIFY2(generator.exitCode() == 0, generator.readAllStandardError().constData());
}

QStringList HostileInputTest::commandFor(EntryPoint entry, const QString& leafDir) const {
    switch (entry) {
    case EntryPoint::Config:
        return {program("redconf"), QStringLiteral("config"), leafDir};
    case EntryPoint::MergeConfig:
        return {program("redconf"), QStringLiteral("mergeconfig"), leafDir};
    case EntryPoint::Dump:
        return {program("redwrap"), QStringLiteral("--dump-only"), QStringLiteral("--redpath"),
                leafDir};
    case EntryPoint::DumpAdmin:
        return {program("redwrap"), QStringLiteral("--admin"), QStringLiteral("--dump-only"),
                QStringLiteral("--redpath"), leafDir};
    case EntryPoint::HelperWrite:
        break;
    }
    return {};
}

void HostileInputTest::verifyRefused(const Outcome& outcome, const QString& expectedName) {
    const QString report = QStringLiteral("exit %1 signal %2 cpu %3s wall %4s rss %5 KiB\n"
                                          "stdout: %6\nstderr: %7")
                               .arg(outcome.exitCode)
                               .arg(outcome.signal)
                               .arg(outcome.cpuSeconds)
                               .arg(outcome.wallSeconds)
                               .arg(outcome.maxRssKiB)
                               .arg(QString::fromUtf8(outcome.out.left(300)),
                                    QString::fromUtf8(outcome.err.left(600)));
    QVERIFY2(!outcome.hung, qPrintable(QStringLiteral("still running after 10 s\n") + report));
    QVERIFY2(outcome.exited, qPrintable(QStringLiteral("killed by a signal\n") + report));
    QVERIFY2(outcome.exitCode != kChildSetupFailed && outcome.exitCode != kExecFailed,
             qPrintable(QStringLiteral("the child could not start\n") + report));
    QVERIFY2(outcome.exitCode != 0, qPrintable(QStringLiteral("accepted\n") + report));
    QVERIFY2(outcome.out.isEmpty(), qPrintable(QStringLiteral("output on stdout\n") + report));
    QVERIFY2(outcome.err.contains(QFile::encodeName(expectedName)),
             qPrintable(QStringLiteral("message does not name ") + expectedName + "\n" + report));
    QVERIFY2(outcome.cpuSeconds <= kMaxCpuSeconds,
             qPrintable(QStringLiteral("over 1 s of CPU\n") + report));
    QVERIFY2(outcome.maxRssKiB <= kMaxRssKiB,
             qPrintable(QStringLiteral("over 256 MiB\n") + report));
}

void HostileInputTest::contentIsRefused_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("entry");
    QTest::addColumn<int>("placement");

    QStringList files;
    const QDir committed(QStringLiteral(REDPAK_SOURCE_DIR "/tests/data/hostile"));
    for (const QString& name :
         committed.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name)) {
        files << committed.filePath(name);
    }
    const QDir generated(m_generated);
    for (const QString& name : generated.entryList(QDir::Files, QDir::Name)) {
        files << generated.filePath(name);
    }
    struct Use {
        EntryPoint entry;
        Placement placement;
        const char* where;
    };
    const Use uses[] = {
        {EntryPoint::Config, Placement::LeafNormal, "leaf"},
        {EntryPoint::MergeConfig, Placement::LeafNormal, "leaf"},
        {EntryPoint::MergeConfig, Placement::RootNormal, "root"},
        {EntryPoint::Dump, Placement::LeafNormal, "leaf"},
        {EntryPoint::Dump, Placement::RootNormal, "root"},
        {EntryPoint::DumpAdmin, Placement::LeafAdmin, "leaf-admin"},
        {EntryPoint::HelperWrite, Placement::LeafNormal, "leaf"},
    };
    for (const QString& file : files) {
        for (const Use& use : uses) {
            const QString row = QStringLiteral("%1/%2/%3")
                                    .arg(QLatin1String(entryName(use.entry)),
                                         QLatin1String(use.where), QFileInfo(file).fileName());
            QTest::newRow(qPrintable(row))
                << file << static_cast<int>(use.entry) << static_cast<int>(use.placement);
        }
    }
}

void HostileInputTest::contentIsRefused() {
    QFETCH(QString, file);
    QFETCH(int, entry);
    QFETCH(int, placement);
    QTemporaryDir work(m_tmp.path() + QStringLiteral("/case-XXXXXX"));
    QVERIFY(work.isValid());
    QVERIFY(makeTree(work.path()));
    const QString root = work.path() + QStringLiteral("/root");
    const QString leaf = root + QStringLiteral("/leaf");
    QString target;
    switch (static_cast<Placement>(placement)) {
    case Placement::LeafNormal:
        target = leaf + QStringLiteral("/etc/redpak.yaml");
        break;
    case Placement::LeafAdmin:
        target = leaf + QStringLiteral("/etc/redpak-admin.yaml");
        break;
    case Placement::RootNormal:
        target = root + QStringLiteral("/etc/redpak.yaml");
        break;
    }
    const auto entryPoint = static_cast<EntryPoint>(entry);
    if (entryPoint != EntryPoint::HelperWrite) {
        QVERIFY(QFile::remove(target));
        QVERIFY(QFile::copy(file, target));
        const QStringList argv = commandFor(entryPoint, leaf);
        verifyRefused(runBounded(execProgram(argv), work.path(), false, !m_sanitized), target);
        return;
    }
#ifdef REDPAK_HOSTILE_HELPER
    // The helper serves root-owned trees only (SafeDir::openTrusted).
    if (::geteuid() != 0) {
        QSKIP("the helper's write path needs a root-owned tree: run as root (CI does)");
    }
    const QString state = work.path() + QStringLiteral("/state");
    verifyRefused(runBounded(helperWrite(root, state, file), work.path(), false, false),
                  QStringLiteral("hostile/leaf/etc/redpak.yaml"));
    if (QTest::currentTestFailed()) {
        return;
    }
    QCOMPARE(readAll(target), validConfig("LEAF")); // nothing written
#else
    QSKIP("built without the helper (REDPAK_BUILD_HELPER=OFF)");
#endif
}

// Hostile file system layouts, built in the two-node tree before each run.
void HostileInputTest::filesystemIsRefused_data() {
    QTest::addColumn<QString>("layout");
    QTest::addColumn<int>("entry");
    const char* layouts[] = {
        "config-symlink",    "config-symlink-dev-zero",
        "config-fifo",       "config-directory",
        "etc-symlink",       "root-etc-symlink",
        "unreadable-config", "status-realpath-elsewhere",
        "status-symlink",    "status-billion-laughs",
        "status-huge",       "status-not-a-map",
    };
    for (const char* layout : layouts) {
        for (const EntryPoint entry :
             {EntryPoint::Config, EntryPoint::MergeConfig, EntryPoint::Dump}) {
            // `redconf config` reads one node: a hostile parent is not its business.
            if (entry == EntryPoint::Config && QByteArray(layout).startsWith("root-")) {
                continue;
            }
            QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(QLatin1String(entryName(entry)),
                                                                 QLatin1String(layout))))
                << QString::fromLatin1(layout) << static_cast<int>(entry);
        }
    }
}

void HostileInputTest::filesystemIsRefused() {
    QFETCH(QString, layout);
    QFETCH(int, entry);
    QTemporaryDir work(m_tmp.path() + QStringLiteral("/case-XXXXXX"));
    QVERIFY(work.isValid());
    QVERIFY(QFile::setPermissions(work.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                   QFile::ExeOwner | QFile::ReadOther |
                                                   QFile::ExeOther));
    QVERIFY(makeTree(work.path()));
    const QString root = work.path() + QStringLiteral("/root");
    const QString leaf = root + QStringLiteral("/leaf");
    const QString leafConfig = leaf + QStringLiteral("/etc/redpak.yaml");
    const QString leafStatus = leaf + QStringLiteral("/.rednode.yaml");
    // A valid node elsewhere that symlinks point to: following them would "work".
    const QString outside = work.path() + QStringLiteral("/outside");
    QVERIFY(QDir().mkpath(outside + QStringLiteral("/etc")));
    QVERIFY(writeBytes(outside + QStringLiteral("/etc/redpak.yaml"), validConfig("OUTSIDE")));
    QVERIFY(writeBytes(outside + QStringLiteral("/etc/redpak-admin.yaml"), validConfig("OUTSIDE")));
    auto replaceBy = [](const QString& path, const std::function<int(const QByteArray&)>& make) {
        QDir(path).removeRecursively();
        QFile::remove(path);
        return make(QFile::encodeName(path)) == 0;
    };
    auto symlinkTo = [&](const QString& path, const QString& target) {
        return replaceBy(path, [&](const QByteArray& p) {
            return ::symlink(QFile::encodeName(target).constData(), p.constData());
        });
    };

    QString expectedName = leafConfig;
    bool asNobody = false;
    if (layout == QLatin1String("config-symlink")) {
        QVERIFY(symlinkTo(leafConfig, outside + QStringLiteral("/etc/redpak.yaml")));
    } else if (layout == QLatin1String("config-symlink-dev-zero")) {
        QVERIFY(symlinkTo(leafConfig, QStringLiteral("/dev/zero")));
    } else if (layout == QLatin1String("config-fifo")) {
        QVERIFY(replaceBy(leafConfig,
                          [](const QByteArray& p) { return ::mkfifo(p.constData(), 0644); }));
    } else if (layout == QLatin1String("config-directory")) {
        QVERIFY(replaceBy(leafConfig,
                          [](const QByteArray& p) { return ::mkdir(p.constData(), 0755); }));
    } else if (layout == QLatin1String("etc-symlink")) {
        QVERIFY(symlinkTo(leaf + QStringLiteral("/etc"), outside + QStringLiteral("/etc")));
        expectedName = leaf + QStringLiteral("/etc");
    } else if (layout == QLatin1String("root-etc-symlink")) {
        QVERIFY(symlinkTo(root + QStringLiteral("/etc"), outside + QStringLiteral("/etc")));
        expectedName = root + QStringLiteral("/etc");
    } else if (layout == QLatin1String("unreadable-config")) {
        QVERIFY(::chmod(QFile::encodeName(leafConfig).constData(), 0) == 0);
        // Root reads anything: run as nobody then (CI runs as root).
        asNobody = ::geteuid() == 0;
    } else if (layout == QLatin1String("status-realpath-elsewhere")) {
        QVERIFY(writeBytes(leafStatus, statusFor(outside)));
        expectedName = leafStatus;
    } else if (layout == QLatin1String("status-symlink")) {
        QVERIFY(symlinkTo(leafStatus, root + QStringLiteral("/.rednode.yaml")));
        expectedName = leafStatus;
    } else if (layout == QLatin1String("status-billion-laughs")) {
        QVERIFY(QFile::remove(leafStatus));
        QVERIFY(QFile::copy(m_generated + QStringLiteral("/billion-laughs.yaml"), leafStatus));
        expectedName = leafStatus;
    } else if (layout == QLatin1String("status-huge")) {
        QVERIFY(QFile::remove(leafStatus));
        QVERIFY(QFile::copy(m_generated + QStringLiteral("/huge-16-mib.yaml"), leafStatus));
        expectedName = leafStatus;
    } else if (layout == QLatin1String("status-not-a-map")) {
        QVERIFY(writeBytes(leafStatus, "- state: Enable\n"));
        expectedName = leafStatus;
    } else {
        QFAIL(qPrintable(QStringLiteral("unknown layout ") + layout));
    }
    const QStringList argv = commandFor(static_cast<EntryPoint>(entry), leaf);
    verifyRefused(runBounded(execProgram(argv), work.path(), asNobody, !m_sanitized), expectedName);
}

QTEST_GUILESS_MAIN(HostileInputTest)
#include "tst_hostile.moc"
