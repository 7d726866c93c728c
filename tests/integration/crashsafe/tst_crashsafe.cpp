// SPDX-License-Identifier: Apache-2.0
// Crash-safety of config writes: the writer is killed (SIGKILL) at every one of its system
// calls, and after each kill every file of the node must hold either its old or its new
// complete content, and the node must still be readable.
//
// How: the write runs once under `strace -f` to list its system calls in order; then, for
// each position i, it runs again under `strace -e inject=NAME:signal=KILL:when=K`, where
// NAME is the i-th call and K its rank among the calls of that name, so the process dies on
// entering exactly that call (the calls before it have completed). The tree is restored to
// the old state before every run. Writers covered:
// * user-owned path: `redconf create --update` (core's atomic write, temp + fsync + rename);
// * helper path: the helper's NodeStore::writeConfig (SafeDir, through directory fds),
//   driven by crashsafe_helper_write (root only: the helper works on root-owned trees).
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <unistd.h>

namespace {

using Tree = QMap<QString, QByteArray>; // relative path -> content

Tree snapshot(const QString& dir) {
    Tree tree;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        tree.insert(QDir(dir).relativeFilePath(path),
                    file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>"));
    }
    return tree;
}

bool restore(const QString& dir, const Tree& tree) {
    QDir(dir).removeRecursively();
    for (auto it = tree.begin(); it != tree.end(); ++it) {
        const QString path = dir + QLatin1Char('/') + it.key();
        if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
            return false;
        }
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(it.value()) != it.value().size()) {
            return false;
        }
    }
    return true;
}

struct Run {
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QByteArray err;
};

Run run(const QString& program, const QStringList& args) {
    QProcess process;
    process.start(program, args);
    Run result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitCode();
    result.status = process.exitStatus();
    result.err = process.readAllStandardError();
    return result;
}

// One way of writing a config: how to build the old tree and the command that rewrites it.
struct Writer {
    QString name;
    std::function<bool(const QString& node)> createOld;
    std::function<QStringList(const QString& node)> command;
    QString target; // the config file the write replaces, relative to the node
};

} // namespace

class CrashSafetyTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void userOwnedWrite();
    void helperWrite();

private:
    QString program(const char* name) const {
        return QStringLiteral(REDPAK_BIN_DIR "/") + QLatin1String(name);
    }
    void killAtEveryStep(const Writer& writer);

    QTemporaryDir m_tmp;
    QString m_strace;
};

void CrashSafetyTest::initTestCase() {
    QVERIFY(m_tmp.isValid());
    m_strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
    QVERIFY2(!m_strace.isEmpty(), "strace is needed (scripts/deps.txt)");
    const Run probe = run(
        m_strace, {QStringLiteral("-o"), QStringLiteral("/dev/null"), QStringLiteral("/bin/true")});
    if (probe.exitCode != 0) {
        QSKIP(qPrintable(QStringLiteral("ptrace is not permitted here: ") +
                         QString::fromLocal8Bit(probe.err)));
    }
    QVERIFY(QFileInfo(program("redconf")).isExecutable());
}

void CrashSafetyTest::killAtEveryStep(const Writer& writer) {
    const QString node = m_tmp.path() + QLatin1Char('/') + writer.name + QStringLiteral("/node");
    QVERIFY(writer.createOld(node));
    const Tree oldTree = snapshot(node);
    QVERIFY(oldTree.contains(writer.target));

    // The new state: one uninterrupted write.
    const QStringList command = writer.command(node);
    Run complete = run(command.first(), command.mid(1));
    QVERIFY2(complete.exitCode == 0, complete.err.constData());
    const Tree newTree = snapshot(node);
    QVERIFY2(newTree.value(writer.target) != oldTree.value(writer.target),
             "the write does not change the config: nothing would be tested");

    // The system calls of the write, in order.
    QVERIFY(restore(node, oldTree));
    const QString trace = m_tmp.path() + QLatin1Char('/') + writer.name + QStringLiteral(".trace");
    Run traced = run(m_strace, QStringList{QStringLiteral("-f"), QStringLiteral("-qq"),
                                           QStringLiteral("-o"), trace} +
                                   command);
    QVERIFY2(traced.exitCode == 0, traced.err.constData());
    QFile traceFile(trace);
    QVERIFY(traceFile.open(QIODevice::ReadOnly));
    const QRegularExpression callLine(QStringLiteral("^\\d+\\s+([a-z_][a-z0-9_]*)\\("));
    QStringList calls;
    for (const QByteArray& line : traceFile.readAll().split('\n')) {
        const auto match = callLine.match(QString::fromUtf8(line));
        if (match.hasMatch() && !line.contains("resumed>")) {
            calls << match.captured(1);
        }
    }
    QVERIFY(calls.size() > 10);

    QMap<QString, int> rank;
    int sawOld = 0;
    int sawNew = 0;
    int leftovers = 0;
    for (int i = 0; i < calls.size(); ++i) {
        const QString call = calls[i];
        const int when = ++rank[call];
        QVERIFY(restore(node, oldTree));
        const QString inject = QStringLiteral("inject=%1:signal=KILL:when=%2").arg(call).arg(when);
        run(m_strace,
            QStringList{QStringLiteral("-f"), QStringLiteral("-qq"), QStringLiteral("-o"),
                        QStringLiteral("/dev/null"), QStringLiteral("-e"),
                        QStringLiteral("trace=%1").arg(call), QStringLiteral("-e"), inject} +
                command);
        const Tree after = snapshot(node);
        const QString where =
            QStringLiteral("killed at call %1 (%2 #%3)").arg(i + 1).arg(call).arg(when);
        for (auto it = after.begin(); it != after.end(); ++it) {
            const bool known = oldTree.contains(it.key()) || newTree.contains(it.key());
            if (!known) {
                ++leftovers; // a temporary file the killed writer could not remove
                continue;
            }
            const bool isOld = oldTree.value(it.key()) == it.value();
            const bool isNew = newTree.value(it.key()) == it.value();
            QVERIFY2(isOld || isNew, qPrintable(where + QStringLiteral(": ") + it.key() +
                                                QStringLiteral(" is neither old nor new:\n") +
                                                QString::fromUtf8(it.value().left(400))));
        }
        for (auto it = oldTree.begin(); it != oldTree.end(); ++it) {
            QVERIFY2(
                after.contains(it.key()) || !newTree.contains(it.key()),
                qPrintable(where + QStringLiteral(": ") + it.key() + QStringLiteral(" vanished")));
        }
        const QByteArray target = after.value(writer.target);
        sawOld += target == oldTree.value(writer.target) ? 1 : 0;
        sawNew += target == newTree.value(writer.target) ? 1 : 0;
        // Whatever the kill left, the node still reads.
        const Run check = run(program("redconf"), {QStringLiteral("config"), node});
        QVERIFY2(check.exitCode == 0,
                 qPrintable(where + QStringLiteral(": ") + QString::fromLocal8Bit(check.err)));
    }
    qInfo("%s: %lld kill points, target old after %d, new after %d, %d temporary files left",
          qPrintable(writer.name), static_cast<long long>(calls.size()), sawOld, sawNew, leftovers);
    QVERIFY2(sawOld > 0 && sawNew > 0, "the kills did not interrupt the write on both sides");
}

void CrashSafetyTest::userOwnedWrite() {
    const QString oldConfig = m_tmp.path() + QStringLiteral("/old.yaml");
    const QString newConfig = m_tmp.path() + QStringLiteral("/new.yaml");
    {
        QFile file(oldConfig);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("headers:\n  alias: node\n  info: old\nconfig:\n  hostname: old\n");
    }
    {
        // `info` given: the writer keeps it, so two complete writes give the same bytes.
        QFile file(newConfig);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray text("headers:\n  alias: node\n  info: new\nenviron:\n");
        for (int i = 0; i < 2000; ++i) {
            text += "  - key: VARIABLE_" + QByteArray::number(i) + "\n    value: value\n";
        }
        file.write(text);
    }
    const QString redconf = program("redconf");
    Writer writer;
    writer.name = QStringLiteral("redconf-update");
    writer.createOld = [=](const QString& node) {
        QDir(node).removeRecursively();
        QDir().mkpath(QFileInfo(node).absolutePath());
        return run(redconf, {QStringLiteral("create"), QStringLiteral("--alias"),
                             QStringLiteral("node"), QStringLiteral("--config"), oldConfig, node})
                   .exitCode == 0;
    };
    writer.command = [=](const QString& node) {
        return QStringList{redconf,
                           QStringLiteral("create"),
                           QStringLiteral("--update"),
                           QStringLiteral("--config"),
                           newConfig,
                           node};
    };
    writer.target = QStringLiteral("etc/redpak.yaml");
    killAtEveryStep(writer);
}

void CrashSafetyTest::helperWrite() {
    if (::geteuid() != 0) {
        QSKIP("the helper writes root-owned trees: run as root (CI does)");
    }
    const QString driver = QStringLiteral(REDPAK_CRASHSAFE_HELPER_DRIVER);
    if (driver.isEmpty()) {
        QSKIP("built without the helper (REDPAK_BUILD_HELPER=OFF)");
    }
    QVERIFY(QFileInfo(driver).isExecutable());
    Writer writer;
    writer.name = QStringLiteral("helper-write");
    writer.createOld = [=](const QString& node) {
        QDir(QFileInfo(node).absolutePath()).removeRecursively();
        return run(driver, {QStringLiteral("prepare"), node}).exitCode == 0;
    };
    writer.command = [=](const QString& node) {
        return QStringList{driver, QStringLiteral("write"), node};
    };
    writer.target = QStringLiteral("etc/redpak.yaml");
    killAtEveryStep(writer);
}

QTEST_GUILESS_MAIN(CrashSafetyTest)
#include "tst_crashsafe.moc"
