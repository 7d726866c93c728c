// SPDX-License-Identifier: Apache-2.0
// The block-subset YAML reader against yaml-cpp (core/src/yaml_tree.h). The subset reader is
// only an accelerator: for every text it accepts, it must build exactly yaml-cpp's tree
// (values, kinds, positions, styles); everything else must be left to yaml-cpp. Checked on a
// table of forms at the edge of the subset and on every YAML file the project ships or tests
// with (templates, test fixtures, hostile corpus, fuzz seeds, the shared reference cases).
#include "redpak/base/diagnostic.h"
#include "yaml_subset_check.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>
#include <string>

namespace {

// Fails the test when the subset reader accepts `text` and disagrees with yaml-cpp. Returns
// whether the subset reader accepted it.
bool checkEquivalent(const QByteArray& text) {
    const redpak::fuzz::SubsetComparison comparison =
        redpak::fuzz::compareSubsetWithYamlCpp(text.toStdString());
    if (!comparison.failure.empty()) {
        QTest::qFail(comparison.failure.c_str(), __FILE__, __LINE__);
    }
    return comparison.accepted;
}

// The configs of a shared reference case file ("== CONF1 name" then the YAML between rules).
QList<QByteArray> conformanceConfigs(const QByteArray& caseFile) {
    QList<QByteArray> configs;
    const QList<QByteArray> lines = caseFile.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!lines[i].startsWith("== CONF")) {
            continue;
        }
        QByteArray config;
        for (i += 2; i < lines.size() && !lines[i].startsWith("====="); ++i) {
            config += lines[i] + '\n';
        }
        configs << config;
    }
    return configs;
}

} // namespace

class TestYamlSubset : public QObject {
    Q_OBJECT

private slots:
    void forms_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("inSubset");

        // Read by the subset reader (and identical to yaml-cpp).
        QTest::newRow("map of scalars") << QByteArray("a: 1\nb: two words\n") << true;
        QTest::newRow("nested maps") << QByteArray("a:\n  b:\n    c: d\n  e: f\ng: h\n") << true;
        QTest::newRow("comments everywhere")
            << QByteArray("# head\na: 1 # tail\n  # indented comment\n\nb: x#y\n") << true;
        QTest::newRow("empty values") << QByteArray("a:\nb:   # nothing\nc: ~\nd: null\n") << true;
        QTest::newRow("block sequence")
            << QByteArray("a:\n  - x\n  -   y\n  - 'z'\nb: 1\n") << true;
        QTest::newRow("sequence at the key's indentation")
            << QByteArray("a:\n- x\n- y\nb: 1\n") << true;
        QTest::newRow("compact maps in a sequence")
            << QByteArray("caps:\n  - cap: cap_chown\n    add: 0\n  -   cap: x\n      add: 1\n")
            << true;
        QTest::newRow("compact sequences") << QByteArray("a:\n  - - p\n    - q\n  - r\n") << true;
        QTest::newRow("block under a dash") << QByteArray("a:\n  -\n    b: 1\n    c: 2\n") << true;
        QTest::newRow("indentless sequence in a compact map")
            << QByteArray("a:\n  - b:\n    - x\n    c: 1\n") << true;
        QTest::newRow("quoted scalars")
            << QByteArray("a: 'it''s # not a comment'\nb: \"tab\\tnew\\nline\\\\ \\\" \\/\"\n")
            << true;
        QTest::newRow("flow collections")
            << QByteArray(
                   "e:\n  - {mode: Public, mount: /data, path: '/x y'}\n  - [a, 'b', \"c\"]\n"
                   "f: {}\ng: []\nh: {a: [1, {b: c}]}\n")
            << true;
        QTest::newRow("colons and dashes inside plain scalars")
            << QByteArray("a: http://x:80/p\nb: -1\nc: :x\nd: a-b - c\n") << true;
        QTest::newRow("non-ASCII text")
            << QByteArray("info: caf\xc3\xa9\nx: {i: \xc3\xa9\xc3\xa9, j: k}\n") << true;
        QTest::newRow("spaces at the end of lines") << QByteArray("a: b   \nc:   \n") << true;
        QTest::newRow("no final newline") << QByteArray("a: b") << true;
        QTest::newRow("duplicate keys are left to yaml-cpp (which reports them)")
            << QByteArray("a: 1\nA: 2\n") << false;

        // Left to yaml-cpp.
        QTest::newRow("empty document") << QByteArray("") << false;
        QTest::newRow("comments only") << QByteArray("# nothing\n") << false;
        QTest::newRow("scalar document") << QByteArray("just text\n") << false;
        QTest::newRow("sequence document") << QByteArray("- a\n") << false;
        QTest::newRow("document marker") << QByteArray("---\na: 1\n") << false;
        QTest::newRow("document end") << QByteArray("a: 1\n...\n") << false;
        QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf"
                                                       "a: 1\n")
                                         << false;
        QTest::newRow("tab") << QByteArray("a:\tb\n") << false;
        QTest::newRow("carriage return") << QByteArray("a: b\r\n") << false;
        QTest::newRow("block scalar") << QByteArray("a: |\n  text\n") << false;
        QTest::newRow("folded scalar") << QByteArray("a: >\n  text\n") << false;
        QTest::newRow("multi-line plain scalar") << QByteArray("a: one\n  two\n") << false;
        QTest::newRow("multi-line quoted scalar") << QByteArray("a: 'one\n  two'\n") << false;
        QTest::newRow("multi-line flow map") << QByteArray("a: {b: 1,\n  c: 2}\n") << false;
        QTest::newRow("quoted key") << QByteArray("'a': 1\n") << false;
        QTest::newRow("space before the colon") << QByteArray("a : 1\n") << false;
        QTest::newRow("anchor and alias") << QByteArray("a: &x 1\nb: *x\n") << false;
        QTest::newRow("tag") << QByteArray("a: !!str 1\n") << false;
        QTest::newRow("explicit key") << QByteArray("? a\n: 1\n") << false;
        QTest::newRow("empty sequence item") << QByteArray("a:\n  -\n  - x\n") << false;
        QTest::newRow("empty flow value") << QByteArray("a: {b: }\n") << false;
        QTest::newRow("trailing comma") << QByteArray("a: [x, ]\n") << false;
        QTest::newRow("rare escape") << QByteArray("a: \"\\x41\"\n") << false;
        QTest::newRow("NUL escape") << QByteArray("a: \"\\0\"\n") << false;
        QTest::newRow("mapping where a value is expected") << QByteArray("a: b: c\n") << false;
        QTest::newRow("sequence where a value is expected") << QByteArray("a: - b\n") << false;
        QTest::newRow("scalar alone under a key") << QByteArray("a:\n  text\n") << false;
        QTest::newRow("less indented key") << QByteArray("a:\n    b: 1\n  c: 2\n") << false;
        QTest::newRow("key after a sequence") << QByteArray("a:\n  - x\n  b: 1\n") << false;
        QTest::newRow("unterminated quote") << QByteArray("a: 'open\n") << false;
        QTest::newRow("text after a quoted scalar") << QByteArray("a: 'x' y\n") << false;
        QTest::newRow("colon in a flow scalar") << QByteArray("a: {u: http://x}\n") << false;
        QTest::newRow("very long key") << QByteArray(300, 'k') + ": v\n" << false;
        QTest::newRow("question mark in a flow scalar") << QByteArray("a: [m?em]\n") << false;
        QTest::newRow("control character") << QByteArray("a: b\x04"
                                                         "c\n")
                                           << false;
    }

    void forms() {
        QFETCH(QByteArray, text);
        QFETCH(bool, inSubset);
        const bool accepted = checkEquivalent(text);
        QCOMPARE(accepted, inSubset);
    }

    // Every YAML file the project ships or tests with; the configurations the project writes
    // (templates, reference cases) must all be read without yaml-cpp, or redwrap pays for it.
    void files_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("mustBeInSubset");

        const QString top = QStringLiteral(REDPAK_SOURCE_DIR);
        const auto addDirectory = [](const QString& dir, bool mustBeInSubset) {
            QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile file(path);
                if (file.size() > 1024 * 1024 || !file.open(QIODevice::ReadOnly)) {
                    continue;
                }
                QTest::newRow(qPrintable(QDir(dir).relativeFilePath(path)))
                    << file.readAll() << mustBeInSubset;
            }
        };
        addDirectory(top + QStringLiteral("/resources/templates"), true);
        addDirectory(top + QStringLiteral("/tests/data/configs"), false);
        addDirectory(top + QStringLiteral("/tests/data/hostile"), false);
        addDirectory(top + QStringLiteral("/tests/fuzz/seeds"), false);

        const QDir cases(top + QStringLiteral("/../shared/conformance/basic"));
        for (const QString& name : cases.entryList(QDir::Files, QDir::Name)) {
            QFile file(cases.filePath(name));
            if (!file.open(QIODevice::ReadOnly)) {
                continue;
            }
            int index = 0;
            for (const QByteArray& config : conformanceConfigs(file.readAll())) {
                QTest::newRow(
                    qPrintable(QStringLiteral("conformance/%1#%2").arg(name).arg(++index)))
                    << config << true;
            }
        }
    }

    void files() {
        QFETCH(QByteArray, text);
        QFETCH(bool, mustBeInSubset);
        const bool accepted = checkEquivalent(text);
        if (mustBeInSubset) {
            QVERIFY2(accepted, "a configuration written by the project is read by yaml-cpp");
        }
    }
};

QTEST_GUILESS_MAIN(TestYamlSubset)
#include "tst_yaml_subset.moc"
