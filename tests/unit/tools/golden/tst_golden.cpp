// SPDX-License-Identifier: Apache-2.0
// Golden outputs (tests/data/golden/README.md). Each tree of tests/data/golden/ is built in a
// temporary directory, the real redconf and redwrap of the build run on it, and each output is
// compared with its golden file as parsed JSON, parsed YAML or lines: a change of output is a
// change of a golden file, reviewed like code. With REDPAK_UPDATE_GOLDEN=1 the golden files
// that differ (or are missing, or no longer produced) are rewritten from the current output.
#include "golden_compare.h"
#include "redpak/launch/plan.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;
using golden::Format;

namespace {

// One output: its golden file name ("admin-" in front in admin mode), the program and its
// arguments; `--admin` and `--redpath LEAF` follow them.
struct OutputKind {
    QString file;
    QString program;
    QStringList arguments;
    Format format;
};

const std::vector<OutputKind>& outputKinds() {
    static const std::vector<OutputKind> kinds{
        {"mergeconfig.yaml", "redconf", {"mergeconfig"}, Format::Yaml},
        {"mergeconfig-expand.json", "redconf", {"mergeconfig", "--expand", "--json"}, Format::Json},
        {"plan.json", "redwrap", {"--dump-only", "--dump-format", "json"}, Format::Json},
        {"dump.txt", "redwrap", {"--dump-only"}, Format::Text},
    };
    return kinds;
}

const QString kGoldenDir = QStringLiteral(REDPAK_GOLDEN_DIR);
const QString kManifest = QStringLiteral("tree.json");
const QString kNodes = QStringLiteral("nodes");
const QString kTreePlaceholder = QStringLiteral("@TREE@");

bool updating() {
    return qEnvironmentVariableIntValue("REDPAK_UPDATE_GOLDEN") == 1;
}

// A tree's manifest: the node launched and the merge modes its outputs are made in.
struct Manifest {
    QString leaf;
    QList<bool> adminModes;
};

Manifest readManifest(const QString& tree) {
    QFile file(kGoldenDir + QLatin1Char('/') + tree + QLatin1Char('/') + kManifest);
    Manifest manifest;
    if (!file.open(QIODevice::ReadOnly)) {
        return manifest;
    }
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    manifest.leaf = object.value(QStringLiteral("leaf")).toString();
    for (const QJsonValue& mode : object.value(QStringLiteral("modes")).toArray()) {
        if (mode.toString() == QStringLiteral("normal") ||
            mode.toString() == QStringLiteral("admin")) {
            manifest.adminModes << (mode.toString() == QStringLiteral("admin"));
        }
    }
    return manifest;
}

QStringList treeNames() {
    QStringList trees;
    const QDir dir(kGoldenDir);
    for (const QString& name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (QFile::exists(dir.filePath(name + QLatin1Char('/') + kManifest))) {
            trees << name;
        }
    }
    return trees;
}

QString goldenName(const OutputKind& kind, bool admin) {
    return (admin ? QStringLiteral("admin-") : QString()) + kind.file;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Copies the tree's nodes/ into `into` with @TREE@ replaced by `into` in every file. Modes are
// set to 0755 / 0644 whatever the umask: a privileged redwrap refuses family files that group
// or others may write. Returns the nodes (directories with a status file), relative.
QStringList buildTree(const QString& tree, const fs::path& into) {
    const fs::path source =
        (kGoldenDir + QLatin1Char('/') + tree + QLatin1Char('/') + kNodes).toStdString();
    const QByteArray root = QByteArray::fromStdString(into.string());
    QStringList nodes;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(source)) {
        const fs::path relative = entry.path().lexically_relative(source);
        const fs::path target = into / relative;
        if (entry.is_directory()) {
            fs::create_directories(target);
            fs::permissions(target, fs::perms(0755));
            continue;
        }
        QByteArray content = readAll(QString::fromStdString(entry.path().string()));
        content.replace(kTreePlaceholder.toUtf8(), root);
        QFile out(QString::fromStdString(target.string()));
        if (!out.open(QIODevice::WriteOnly) || out.write(content) != content.size()) {
            QTest::qFail(qPrintable("cannot write " + out.fileName()), __FILE__, __LINE__);
            return {};
        }
        out.close();
        fs::permissions(target, fs::perms(0644));
        if (relative.filename() == ".rednode.yaml") {
            nodes << QString::fromStdString(relative.parent_path().string());
        }
    }
    nodes.sort();
    return nodes;
}

// What depends on where the tree was built is replaced by placeholders: the hash of each
// node's path in its cgroup name by @HASH(NODE)@, then the tree's directory by @TREE@.
QByteArray normalise(QByteArray output, const fs::path& root, const QStringList& nodes) {
    for (const QString& node : nodes) {
        // The hash part of the node's cgroup name: the name with an empty alias, without "-".
        const std::string hash =
            redpak::nodeCgroupName("", (root / node.toStdString()).string()).substr(1);
        output.replace(QByteArray::fromStdString(hash), "@HASH(" + node.toUtf8() + ")@");
    }
    return output.replace(QByteArray::fromStdString(root.string()), kTreePlaceholder.toUtf8());
}

struct Result {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The programs run with a fixed environment: an unknown $TAG reads it, and the outputs must not
// depend on who runs the test. The sanitizer settings of a sanitizer build are kept.
Result run(const QString& program, const QStringList& arguments, const QString& workDir) {
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/sbin:/usr/bin:/sbin:/bin"));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
        if (system.contains(QLatin1String(name))) {
            environment.insert(QLatin1String(name), system.value(QLatin1String(name)));
        }
    }
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(workDir);
    process.start(QStringLiteral(REDPAK_BIN_DIR "/") + program, arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
    }
    return Result{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                  process.readAllStandardOutput(), process.readAllStandardError()};
}

bool writeGolden(const QString& path, const QByteArray& content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

} // namespace

class TestGolden : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void outputMatchesGolden_data();
    void outputMatchesGolden();
    void everyGoldenFileIsProduced_data();
    void everyGoldenFileIsProduced();
    void comparisonNamesTheDifference_data();
    void comparisonNamesTheDifference();
};

void TestGolden::initTestCase() {
    QVERIFY2(treeNames().size() >= 4, qPrintable("no golden trees in " + kGoldenDir));
    if (updating()) {
        qInfo("REDPAK_UPDATE_GOLDEN=1: golden files that differ are rewritten");
    }
}

void TestGolden::outputMatchesGolden_data() {
    QTest::addColumn<QString>("tree");
    QTest::addColumn<bool>("admin");
    QTest::addColumn<int>("kind");
    for (const QString& tree : treeNames()) {
        for (const bool admin : readManifest(tree).adminModes) {
            for (std::size_t k = 0; k < outputKinds().size(); ++k) {
                QTest::addRow("%s/%s", qPrintable(tree),
                              qPrintable(goldenName(outputKinds()[k], admin)))
                    << tree << admin << static_cast<int>(k);
            }
        }
    }
}

void TestGolden::outputMatchesGolden() {
    QFETCH(QString, tree);
    QFETCH(bool, admin);
    QFETCH(int, kind);
    const OutputKind& output = outputKinds()[static_cast<std::size_t>(kind)];
    const Manifest manifest = readManifest(tree);
    QVERIFY2(!manifest.leaf.isEmpty(), qPrintable(tree + "/tree.json names no leaf"));
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path root = fs::canonical(tmp.path().toStdString());
    const QStringList nodes = buildTree(tree, root);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY2(nodes.contains(manifest.leaf), qPrintable(manifest.leaf + " is not a node"));

    QStringList arguments = output.arguments;
    if (admin) {
        arguments << QStringLiteral("--admin");
    }
    arguments << QStringLiteral("--redpath")
              << QString::fromStdString((root / manifest.leaf.toStdString()).string());
    const Result result = run(output.program, arguments, tmp.path());
    QVERIFY2(result.exitCode == 0,
             qPrintable(output.program + " " + arguments.join(' ') + " exited with " +
                        QString::number(result.exitCode) + ": " + QString::fromUtf8(result.err)));
    const QByteArray actual = normalise(result.out, root, nodes);

    const QString goldenPath = kGoldenDir + '/' + tree + '/' + goldenName(output, admin);
    if (updating() &&
        (!QFile::exists(goldenPath) ||
         !golden::differences(output.format, readAll(goldenPath), actual).isEmpty())) {
        QVERIFY2(writeGolden(goldenPath, actual), qPrintable("cannot write " + goldenPath));
        qInfo("rewrote %s", qPrintable(goldenPath));
    }
    QVERIFY2(QFile::exists(goldenPath),
             qPrintable("no golden file " + goldenPath + " (scripts/update-golden.sh makes it)"));
    const QStringList differences = golden::differences(output.format, readAll(goldenPath), actual);
    QVERIFY2(differences.isEmpty(),
             qPrintable(goldenPath + " differs from the output of " + output.program + " " +
                        arguments.join(' ') + ":\n  " + differences.join("\n  ") +
                        "\nIf the change is intended: scripts/update-golden.sh, then review "
                        "git diff tests/data/golden"));
}

void TestGolden::everyGoldenFileIsProduced_data() {
    QTest::addColumn<QString>("tree");
    for (const QString& tree : treeNames()) {
        QTest::newRow(qPrintable(tree)) << tree;
    }
}

// A golden file no row compares (a mode removed from tree.json, a kind renamed) would pass
// unnoticed forever: only the manifest, the nodes and the produced outputs may be there.
void TestGolden::everyGoldenFileIsProduced() {
    QFETCH(QString, tree);
    QSet<QString> expected{kManifest, kNodes};
    for (const bool admin : readManifest(tree).adminModes) {
        for (const OutputKind& kind : outputKinds()) {
            expected << goldenName(kind, admin);
        }
    }
    QDir dir(kGoldenDir + QLatin1Char('/') + tree);
    for (const QString& name :
         dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        if (expected.contains(name)) {
            continue;
        }
        if (updating()) {
            QVERIFY2(dir.remove(name), qPrintable("cannot remove " + dir.filePath(name)));
            qInfo("removed %s", qPrintable(dir.filePath(name)));
        } else {
            QFAIL(qPrintable(dir.filePath(name) + " is no golden file of this tree (" + kManifest +
                             " modes, output kinds); scripts/update-golden.sh "
                             "removes it"));
        }
    }
}

void TestGolden::comparisonNamesTheDifference_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("golden");
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("expected"); // empty: no difference
    const int json = static_cast<int>(Format::Json);
    const int yaml = static_cast<int>(Format::Yaml);
    const int text = static_cast<int>(Format::Text);
    QTest::newRow("json layout and key order")
        << json << QByteArray("{\"a\": 1, \"b\": [1, 2]}")
        << QByteArray("{\n  \"b\": [1,2],\n  \"a\": 1\n}\n") << QString();
    QTest::newRow("json value") << json << QByteArray("{\"a\": {\"b\": [\"x\", \"y\"]}}")
                                << QByteArray("{\"a\": {\"b\": [\"x\", \"z\"]}}")
                                << QStringLiteral("a.b[1]: golden \"y\", output \"z\"");
    QTest::newRow("json key missing")
        << json << QByteArray("{\"a\": 1, \"gone\": true}") << QByteArray("{\"a\": 1}")
        << QStringLiteral("gone: only in the golden file: true");
    QTest::newRow("json element inserted")
        << json << QByteArray("[\"a\", \"c\"]") << QByteArray("[\"a\", \"b\", \"c\"]")
        << QStringLiteral("[1] of the output: only in the output: \"b\"");
    QTest::newRow("json type") << json << QByteArray("{\"a\": \"1\"}") << QByteArray("{\"a\": 1}")
                               << QStringLiteral("a: golden \"1\", output 1");
    QTest::newRow("json invalid output") << json << QByteArray("{}") << QByteArray("{\"a\":")
                                         << QStringLiteral("the output is not valid JSON");
    QTest::newRow("yaml quoting and order") << yaml << QByteArray("a: \"x\"\nb:\n  - 1\n")
                                            << QByteArray("b:\n- '1'\na: x\n") << QString();
    QTest::newRow("yaml value") << yaml << QByteArray("a:\n  - k: v\n")
                                << QByteArray("a:\n  - k: w\n")
                                << QStringLiteral("a[0].k: golden \"v\", output \"w\"");
    QTest::newRow("yaml invalid golden") << yaml << QByteArray("a: [") << QByteArray("a: 1\n")
                                         << QStringLiteral("the golden file is not valid YAML");
    QTest::newRow("text trailing whitespace") << text << QByteArray("DUMP: x\n  --a b \n")
                                              << QByteArray("DUMP: x  \n  --a b\n\n") << QString();
    QTest::newRow("text line") << text << QByteArray("DUMP: x\n  --a\n  --b\n")
                               << QByteArray("DUMP: x\n  --c\n  --b\n")
                               << QStringLiteral("golden line 2, not in the output:   --a");
    QTest::newRow("text indentation") << text << QByteArray("  --a\n") << QByteArray("--a\n")
                                      << QStringLiteral("output line 1, not in the golden file");
}

void TestGolden::comparisonNamesTheDifference() {
    QFETCH(int, format);
    QFETCH(QByteArray, golden);
    QFETCH(QByteArray, output);
    QFETCH(QString, expected);
    const QStringList differences =
        golden::differences(static_cast<Format>(format), golden, output);
    if (expected.isEmpty()) {
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join('\n')));
    } else {
        QVERIFY2(differences.join('\n').contains(expected), qPrintable(differences.join('\n')));
    }
}

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
