// SPDX-License-Identifier: Apache-2.0
// redconf create/tree/config as a user runs them: exit codes (0, 1 refused input, 2 usage),
// "redconf: FILE:LINE:COL: message" on stderr, help for every command.
#include "files.h"
#include "redpak/config/parser.h"

#include <QObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace fs = std::filesystem;

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result redconf(const QStringList& args) {
    QProcess process;
    process.start(QStringLiteral(REDPAK_BIN_DIR "/redconf"), args);
    process.waitForFinished(20000);
    return Result{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                  QString::fromUtf8(process.readAllStandardOutput()),
                  QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestRedconf : public QObject {
    Q_OBJECT

private slots:
    void init();
    void help_data();
    void help();
    void usageErrors_data();
    void usageErrors();
    void threeLevelTree();
    void configSummaryAndYaml();
    void invalidGivenConfig();
    void invalidConfigInTree();
    void notANode();
    void hostileNamesAreEscaped_data();
    void hostileNamesAreEscaped();

private:
    QString path(const char* relative) const {
        return QString::fromStdString((m_root / relative).string());
    }
    std::unique_ptr<QTemporaryDir> m_tmp;
    fs::path m_root;
};

void TestRedconf::init() {
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_root = fs::canonical(m_tmp->path().toStdString());
}

void TestRedconf::help_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("global") << QStringList{"--help"} << "commands:";
    QTest::newRow("create") << QStringList{"create", "--help"} << "--config-adm FILE";
    QTest::newRow("tree") << QStringList{"tree", "--help"} << "--redroot DIR";
    QTest::newRow("config") << QStringList{"config", "--help"} << "--yaml";
}

void TestRedconf::help() {
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Result result = redconf(args);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(expected), qPrintable(result.out));
    QVERIFY(result.err.isEmpty());
}

void TestRedconf::usageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no command") << QStringList{} << "usage: redconf";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command 'frobnicate'";
    QTest::newRow("unknown option")
        << QStringList{"tree", "--bogus", "/"} << "redconf tree: unknown option '--bogus'";
    QTest::newRow("missing value") << QStringList{"create", "--alias"} << "needs a value";
    QTest::newRow("missing dir") << QStringList{"create"} << "missing DIR";
    QTest::newRow("extra operand") << QStringList{"config", "a", "b"} << "unexpected argument 'b'";
    QTest::newRow("dir twice") << QStringList{"config", "--redpath", "a", "b"} << "not both";
    QTest::newRow("flag with value") << QStringList{"config", "--yaml=1", "a"} << "takes no value";
}

void TestRedconf::usageErrors() {
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Result result = redconf(args);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
}

void TestRedconf::threeLevelTree() {
    QCOMPARE(
        redconf({"create", "--template", "root", "--alias", "platform", path("platform")}).exitCode,
        0);
    QCOMPARE(redconf({"create", path("platform/apps")}).exitCode, 0);
    testutil::writeFile(m_root / "browser.yaml",
                        "headers:\n  alias: x\nenviron:\n  - key: PS1\n    value: 'web> '\n");
    const Result created = redconf({"create", "--alias", "browser", "--config",
                                    path("browser.yaml"), path("platform/apps/browser")});
    QCOMPARE(created.exitCode, 0);
    QVERIFY(created.out.contains("created rednode 'browser'"));

    const Result tree = redconf({"tree", "--redroot", path("")});
    QCOMPARE(tree.exitCode, 0);
    const QStringList lines = tree.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines[0].startsWith("ALIAS"));
    QVERIFY2(QRegularExpression("^platform +Enable +admin +" +
                                QRegularExpression::escape(path("platform")) + "$")
                 .match(lines[1])
                 .hasMatch(),
             qPrintable(lines[1]));
    QVERIFY(lines[2].startsWith("  apps "));
    QVERIFY2(QRegularExpression("^    browser +Enable +- +").match(lines[3]).hasMatch(),
             qPrintable(lines[3]));
    QCOMPARE(redconf({"tree", path("platform/apps")}).out.count('\n'), 3);
}

void TestRedconf::configSummaryAndYaml() {
    QCOMPARE(redconf({"create", "--template", "full", path("node")}).exitCode, 0);
    const Result summary = redconf({"config", path("node")});
    QCOMPARE(summary.exitCode, 0);
    QVERIFY(summary.out.contains(QRegularExpression("\nalias +node  \\(line \\d+\\)\n")));
    QVERIFY(summary.out.contains(QRegularExpression("\n  drop +cap_sys_admin")));
    QVERIFY(summary.out.contains("admin config"));
    const Result yaml = redconf({"config", "--yaml", "--redpath", path("node")});
    QCOMPARE(yaml.exitCode, 0);
    const redpak::Config fromYaml = redpak::parseConfig(yaml.out.toStdString(), "stdout");
    QCOMPARE(fromYaml, redpak::loadConfigFile(m_root / "node/etc/redpak.yaml"));
    const Result admin = redconf({"config", "--yaml", "--admin", path("node")});
    QCOMPARE(admin.exitCode, 0);
    QVERIFY(admin.out.contains("share_net: enabled"));
}

void TestRedconf::invalidGivenConfig() {
    testutil::writeFile(m_root / "bad.yaml", "headers:\n  alias: a\nconfig:\n  share_net: maybe\n");
    const Result result = redconf({"create", "--config", path("bad.yaml"), path("node")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.startsWith("redconf: " + path("bad.yaml") + ":4:14: "),
             qPrintable(result.err));
    QVERIFY(result.err.contains("expected enabled, disabled, unset"));
    QVERIFY(!fs::exists(m_root / "node"));
}

void TestRedconf::invalidConfigInTree() {
    QCOMPARE(redconf({"create", path("good")}).exitCode, 0);
    QCOMPARE(redconf({"create", path("broken")}).exitCode, 0);
    testutil::writeFile(m_root / "broken/etc/redpak.yaml", "headers:\n  alias: &a x\n");
    const Result tree = redconf({"tree", path("")});
    QCOMPARE(tree.exitCode, 1);
    QVERIFY(tree.out.contains("good"));
    QVERIFY(tree.out.contains(path("broken")));
    QVERIFY2(tree.err.startsWith("redconf: " + path("broken/etc/redpak.yaml") + ":2:"),
             qPrintable(tree.err));
    const Result config = redconf({"config", path("broken")});
    QCOMPARE(config.exitCode, 1);
    QVERIFY(config.err.contains("anchors"));
}

void TestRedconf::notANode() {
    fs::create_directories(m_root / "plain");
    const Result result = redconf({"config", path("plain")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.startsWith("redconf: " + path("plain") + ": not a rednode"));
    QCOMPARE(redconf({"tree", path("missing")}).exitCode, 1);
}

// Issue 13: names with escape or bidi characters were printed raw (`redconf tree` showed a
// directory called ESC]0;... as whatever the sequence drew). Every text output of redconf
// shows them escaped; the JSON output escapes them too.
void TestRedconf::hostileNamesAreEscaped_data() {
    QTest::addColumn<QStringList>("args"); // @NODE@: the hostile node
    QTest::newRow("tree") << QStringList{"tree", "@ROOT@"};
    QTest::newRow("config") << QStringList{"config", "@NODE@"};
    QTest::newRow("config --yaml") << QStringList{"config", "--yaml", "@NODE@"};
    QTest::newRow("mergeconfig") << QStringList{"mergeconfig", "@NODE@"};
    QTest::newRow("mergeconfig --expand") << QStringList{"mergeconfig", "--expand", "@NODE@"};
    QTest::newRow("mergeconfig --json") << QStringList{"mergeconfig", "--json", "@NODE@"};
    QTest::newRow("lint") << QStringList{"lint", "--redpath", "@NODE@"};
    QTest::newRow("lint --json") << QStringList{"lint", "--json", "--redpath", "@NODE@"};
    QTest::newRow("diff") << QStringList{"diff", "@ROOT@/plain", "@NODE@"};
    QTest::newRow("error message") << QStringList{"config", "@NODE@/missing\x1b[31m"};
}

void TestRedconf::hostileNamesAreEscaped() {
    QFETCH(QStringList, args);
    // A directory name that sets the terminal title and erases the line, then a right-to-left
    // override; an export path and an info with ESC, CR and a C1 CSI (YAML escapes).
    const std::string name = "n\x1b]0;owned\x07\x1b[2K\r\xe2\x80\xae"
                             "dnib";
    const fs::path node = m_root / name;
    QCOMPARE(redconf({"create", "--alias", "n", QString::fromStdString(node.string())}).exitCode,
             0);
    QCOMPARE(redconf({"create", "--alias", "n", path("plain")}).exitCode, 0);
    testutil::writeFile(node / "etc/redpak.yaml",
                        "headers:\n  alias: n\n  info: \"i\\e[2K\\r\\u009b\\u202e\"\n"
                        "exports:\n  - mode: Public\n    mount: /data\n"
                        "    path: \"/srv\\e[2K\\r  --ro-bind /srv\"\n");
    args.replaceInStrings("@NODE@", QString::fromStdString(node.string()));
    args.replaceInStrings("@ROOT@", QString::fromStdString(m_root.string()));
    const Result result = redconf(args);
    QVERIFY2(result.exitCode >= 0, qPrintable(result.err));
    for (const QString& text : {result.out, result.err}) {
        for (const QChar c : text) {
            const char16_t u = c.unicode();
            const bool hidden = (u < 0x20 && u != '\n') || (u >= 0x7f && u <= 0x9f) ||
                                (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069);
            QVERIFY2(!hidden, qPrintable(QString("U+%1 in: ").arg(u, 4, 16, QChar('0')) + text));
        }
    }
    // Shown, escaped: `\x1b` in text, `\u001b` in JSON and in the quoted YAML of mergeconfig.
    const QString all = result.out + result.err;
    QVERIFY2(all.contains("\\x1b") || all.contains("\\u001b"), qPrintable(all));
}

QTEST_APPLESS_MAIN(TestRedconf)
#include "tst_redconf.moc"
