// SPDX-License-Identifier: Apache-2.0
// Replays fuzz inputs through the fuzz targets in the normal build (label unit): the seed
// corpus, the templates, the small hostile files, and every crash the fuzzers found
// (tests/data/fuzz-regressions/<target>/<crash file>), so that a fixed crash stays fixed.
// A target aborts on a violated property: each input runs in a child process, so that one
// crash fails its own row and the others still run.
#include "fuzz_targets.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <csignal>
#include <cstdint>
#include <functional>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using Target = std::function<int(const std::uint8_t*, std::size_t)>;

const std::map<QString, Target>& targets() {
    static const std::map<QString, Target> table = {
        {QStringLiteral("fuzz_parser"), redpak::fuzz::fuzzParser},
        {QStringLiteral("fuzz_merge"), redpak::fuzz::fuzzMerge},
        {QStringLiteral("fuzz_expand"), redpak::fuzz::fuzzExpand},
        {QStringLiteral("fuzz_diff"), redpak::fuzz::fuzzDiff},
        {QStringLiteral("fuzz_yaml_subset"), redpak::fuzz::fuzzYamlSubset},
    };
    return table;
}

QString sourcePath(const QString& relative) {
    return QStringLiteral(REDPAK_SOURCE_DIR "/") + relative;
}

} // namespace

class FuzzReplayTest : public QObject {
    Q_OBJECT

private slots:
    void replay_data();
    void replay();
    void everyRegressionHasATarget();
};

void FuzzReplayTest::replay_data() {
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("file");

    auto addDirectory = [](const QString& target, const QString& relativeDir,
                           const QStringList& patterns = {}) {
        const QDir dir(sourcePath(relativeDir));
        for (const QFileInfo& info : dir.entryInfoList(patterns, QDir::Files, QDir::Name)) {
            const QString row =
                target + QLatin1Char(':') + relativeDir + QLatin1Char('/') + info.fileName();
            QTest::newRow(qPrintable(row)) << target << info.absoluteFilePath();
        }
    };
    addDirectory(QStringLiteral("fuzz_parser"), QStringLiteral("tests/fuzz/seeds/config"));
    addDirectory(QStringLiteral("fuzz_parser"), QStringLiteral("resources/templates"));
    addDirectory(QStringLiteral("fuzz_parser"), QStringLiteral("tests/data/hostile"),
                 {QStringLiteral("*.yaml")});
    addDirectory(QStringLiteral("fuzz_merge"), QStringLiteral("tests/fuzz/seeds/pair"));
    addDirectory(QStringLiteral("fuzz_expand"), QStringLiteral("tests/fuzz/seeds/config"));
    addDirectory(QStringLiteral("fuzz_diff"), QStringLiteral("tests/fuzz/seeds/pair"));
    addDirectory(QStringLiteral("fuzz_yaml_subset"), QStringLiteral("tests/fuzz/seeds/config"));
    addDirectory(QStringLiteral("fuzz_yaml_subset"), QStringLiteral("resources/templates"));
    for (const auto& [name, target] : targets()) {
        addDirectory(name, QStringLiteral("tests/data/fuzz-regressions/") + name);
    }
}

void FuzzReplayTest::replay() {
    QFETCH(QString, target);
    QFETCH(QString, file);
    QFile input(file);
    QVERIFY2(input.open(QIODevice::ReadOnly), qPrintable(file));
    const QByteArray bytes = input.readAll();
    const Target& run = targets().at(target);
    const pid_t pid = ::fork();
    QVERIFY(pid >= 0);
    if (pid == 0) {
        // QtTest's crash handler belongs to the parent: a crash here is reported by status.
        for (const int signal : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) {
            std::signal(signal, SIG_DFL);
        }
        ::_exit(run(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                    static_cast<std::size_t>(bytes.size())));
    }
    int status = 0;
    QCOMPARE(::waitpid(pid, &status, 0), pid);
    QVERIFY2(
        WIFEXITED(status) && WEXITSTATUS(status) == 0,
        qPrintable(QStringLiteral("the target failed on this input (wait status %1)").arg(status)));
}

// A regression directory named after no target would silently never be replayed.
void FuzzReplayTest::everyRegressionHasATarget() {
    const QDir dir(sourcePath(QStringLiteral("tests/data/fuzz-regressions")));
    for (const QString& name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QVERIFY2(targets().count(name) == 1, qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(FuzzReplayTest)
#include "tst_fuzz_replay.moc"
