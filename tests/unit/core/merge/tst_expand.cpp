// SPDX-License-Identifier: Apache-2.0
// Expansion (rednode-format.md §3): predefined tags, NODE_* vs LEAF_* provenance, escapes,
// environment lookup and the command policies.
#include "families.h"
#include "redpak/base/diagnostic.h"
#include "redpak/config/parser.h"
#include "redpak/merge/expand.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <ctime>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace redpak;
using namespace redpak::test;

namespace {

// Records the commands it is asked to run and answers with a fixed output.
class FakeRunner final : public CommandRunner {
public:
    std::string run(const std::string& command, const TextOrigin&) override {
        commands.push_back(command);
        return output;
    }
    std::vector<std::string> commands;
    std::string output = "out\n";
};

std::optional<std::string> testEnvironment(const std::string& name) {
    if (name == "HOME") {
        return std::string("/home/me");
    }
    if (name == "MiXed") {
        return std::string("exact-case");
    }
    return std::nullopt;
}

const NodeTags kRoot{"ROOT", "root-uuid", "/r", "root info"};
const NodeTags kLeaf{"LEAF", "leaf-uuid", "/r/l", "leaf info"};
// Owned by the caller: only the caller's own commands run (ShellCommandRunner).
const TextOrigin kOrigin{"/r/etc/redpak.yaml", SourcePos{7, 5}, getuid()};

std::string expandWith(const CommandPolicy& policy, const std::string& text) {
    const Expander expander(policy, testEnvironment);
    return expander.expand(text, kRoot, kLeaf, kOrigin);
}

std::string todayText() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &local);
    return buffer;
}

// Runs one way of reaching a command (or another expansion error); throws what it raises.
void reachCommand(const QString& way) {
    ShellCommandRunner shell;
    if (way == "expand under refuse") {
        expandWith(CommandPolicy::refuse(), "v=$(id)");
    } else if (way == "Execfd content under refuse") {
        CommandPolicy::refuse().fileContent("id", kOrigin);
    } else if (way == "Execfd content under keep") {
        CommandPolicy::keep().fileContent("id", kOrigin);
    } else if (way == "environ Execfd through the merge") {
        NodeSpec node = makeNode("/r", "ROOT");
        node.normal.environ.push_back(
            EnvEntry{"V", EnvMode::Execfd, std::string("id -u"), {}, {}, {}});
        const Expander refusing(CommandPolicy::refuse(), testEnvironment);
        merge({node}, MergeMode::Normal, &refusing);
    } else if (way == "unterminated command") {
        expandWith(CommandPolicy::refuse(), "a $(echo (b)");
    } else if (way == "failing command") {
        CommandPolicy::allow(shell).evaluate("exit 3", kOrigin);
    }
}

} // namespace

class TestExpand : public QObject {
    Q_OBJECT

private slots:
    void predefinedTags_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        char host[256] = {};
        gethostname(host, sizeof host - 1);
        const passwd* pw = getpwuid(getuid());
        QTest::newRow("NODE_ALIAS") << "$NODE_ALIAS"
                                    << "ROOT";
        QTest::newRow("NODE_NAME") << "$NODE_NAME"
                                   << "root-uuid";
        QTest::newRow("NODE_PATH has no trailing slash") << "$NODE_PATH/x"
                                                         << "/r/x";
        QTest::newRow("NODE_INFO") << "$NODE_INFO"
                                   << "root info";
        QTest::newRow("LEAF_ALIAS") << "$LEAF_ALIAS"
                                    << "LEAF";
        QTest::newRow("LEAF_NAME") << "$LEAF_NAME"
                                   << "leaf-uuid";
        QTest::newRow("LEAF_PATH") << "$LEAF_PATH"
                                   << "/r/l";
        QTest::newRow("LEAF_INFO") << "$LEAF_INFO"
                                   << "leaf info";
        QTest::newRow("case-insensitive") << "$node_alias-$Leaf_Alias"
                                          << "ROOT-LEAF";
        QTest::newRow("PID") << "$PID" << QString::number(getpid());
        QTest::newRow("UID") << "$UID" << QString::number(getuid());
        QTest::newRow("GID") << "$GID" << QString::number(getgid());
        QTest::newRow("TODAY") << "$TODAY" << QString::fromStdString(todayText());
        QTest::newRow("LOGNAME") << "$LOGNAME" << QString(pw ? pw->pw_name : "");
        QTest::newRow("HOSTNAME") << "$HOSTNAME" << QString(host);
        QTest::newRow("CGROUPS_MOUNT_POINT") << "$CGROUPS_MOUNT_POINT"
                                             << "/sys/fs/cgroup";
        QTest::newRow("NODE_PREFIX unset") << "[$NODE_PREFIX]"
                                           << "[]";
        QTest::newRow("redpak_MAIN") << "$redpak_MAIN"
                                     << "/etc/redpak/main.yaml";
        QTest::newRow("redpak_MAIN_ADMIN") << "$redpak_MAIN_ADMIN"
                                           << "/etc/redpak/main-admin.yaml";
        QTest::newRow("redpak_TMPL") << "$redpak_TMPL"
                                     << "/etc/redpak/templates.d";
        QTest::newRow("REDNODE_CONF") << "$REDNODE_CONF"
                                      << "/r/etc/redpak.yaml";
        QTest::newRow("REDNODE_ADMIN") << "$REDNODE_ADMIN"
                                       << "/r/etc/redpak-admin.yaml";
        QTest::newRow("REDNODE_STATUS") << "$REDNODE_STATUS"
                                        << "/r/.rednode.yaml";
        QTest::newRow("REDNODE_VARDIR") << "$REDNODE_VARDIR"
                                        << "/r/var";
        QTest::newRow("REDNODE_REPODIR") << "$REDNODE_REPODIR"
                                         << "/r/etc/yum.repos.d";
        QTest::newRow("REDNODE_LOCK") << "$REDNODE_LOCK"
                                      << "/r/.rednode.lock";
        QTest::newRow("environment") << "$HOME/bin"
                                     << "/home/me/bin";
        QTest::newRow("environment exact case") << "$MiXed $mixed."
                                                << "exact-case .";
        QTest::newRow("unknown tag is empty") << "a$NOPE-b"
                                              << "a-b";
        QTest::newRow("escaped dollar") << "\\$HOME costs \\$5"
                                        << "$HOME costs $5";
        QTest::newRow("lone dollar") << "5$ and $"
                                     << "5$ and $";
        QTest::newRow("tag then parenthesis") << "$NODE_ALIAS($LEAF_ALIAS)> "
                                              << "ROOT(LEAF)> ";
        QTest::newRow("other backslashes kept") << "a\\b\\n"
                                                << "a\\b\\n";
    }
    void predefinedTags() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(expandWith(CommandPolicy::refuse(), text.toStdString())),
                 expected);
    }

    void redpeskVersionIsNotEmpty() {
        QVERIFY(!expandWith(CommandPolicy::refuse(), "$REDPESK_VERSION").empty());
    }

    void uuidIsFreshEachTime() {
        const std::string text = expandWith(CommandPolicy::refuse(), "$UUID $UUID");
        const QRegularExpression uuid(
            "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        const QStringList parts = QString::fromStdString(text).split(' ');
        QCOMPARE(parts.size(), 2);
        QVERIFY(uuid.match(parts[0]).hasMatch());
        QVERIFY(uuid.match(parts[1]).hasMatch());
        QVERIFY(parts[0] != parts[1]);
    }

    void commandsAllowed() {
        FakeRunner runner;
        runner.output = "hello\n\n";
        QCOMPARE(expandWith(CommandPolicy::allow(runner), "<$(echo $(date))>"),
                 std::string("<hello\n>"));
        QCOMPARE(runner.commands, std::vector<std::string>{"echo $(date)"});
    }

    void commandsKept() {
        QCOMPARE(expandWith(CommandPolicy::keep(), "x$(id -u)y"), std::string("x$(id -u)y"));
    }

    void commandsRefusedNameFileAndLine() {
        try {
            expandWith(CommandPolicy::refuse(), "v=$(id)");
            QFAIL("a refused command must throw");
        } catch (const InputError& error) {
            QCOMPARE(error.diagnostic().file, kOrigin.file);
            QCOMPARE(error.diagnostic().line, 7);
            QVERIFY(error.diagnostic().message.find("refused") != std::string::npos);
        }
    }

    // A command the policy does not let run is a CommandRefusedError, which the helper answers
    // with its own D-Bus error; other bad input stays a plain InputError.
    void refusalsHaveTheirOwnType_data() {
        QTest::addColumn<QString>("way");
        QTest::addColumn<bool>("refused");
        for (const char* way : {"expand under refuse", "Execfd content under refuse",
                                "Execfd content under keep", "environ Execfd through the merge"}) {
            QTest::newRow(way) << way << true;
        }
        for (const char* way : {"unterminated command", "failing command"}) {
            QTest::newRow(way) << way << false;
        }
    }

    void refusalsHaveTheirOwnType() {
        QFETCH(QString, way);
        QFETCH(bool, refused);
        try {
            reachCommand(way);
            QFAIL("no error");
        } catch (const CommandRefusedError& error) {
            QVERIFY2(refused, error.what());
            // Every way names the root's config (kOrigin, or the in-memory node at /r).
            QCOMPARE(error.diagnostic().file, kOrigin.file);
        } catch (const InputError& error) {
            QVERIFY2(!refused, error.what());
        }
    }

    void unterminatedCommandIsAnError() {
        FakeRunner runner;
        QVERIFY_THROWS_EXCEPTION(InputError,
                                 expandWith(CommandPolicy::allow(runner), "a $(echo (b)"));
        QVERIFY(runner.commands.empty());
    }

    void shellRunnerStripsOneNewlineAndReportsFailure() {
        ShellCommandRunner runner;
        const CommandPolicy policy = CommandPolicy::allow(runner);
        QCOMPARE(policy.evaluate("printf 'a\\n\\n'", kOrigin), std::string("a\n"));
        QVERIFY_THROWS_EXCEPTION(InputError, policy.evaluate("exit 3", kOrigin));
    }

    // A command runs only when the file that holds it is the caller's (issue 13, items 1 and
    // 14): another user's, or one whose owner is unknown, is refused and never runs.
    void commandsRunOnlyForTheirOwner_data() {
        QTest::addColumn<qint64>("ownerUid"); // -1: unknown
        QTest::addColumn<bool>("runs");
        QTest::newRow("caller's own file") << qint64(getuid()) << true;
        QTest::newRow("another user's file") << qint64(getuid() == 0 ? 4242 : 0) << false;
        QTest::newRow("owner unknown") << qint64(-1) << false;
    }
    void commandsRunOnlyForTheirOwner() {
        QFETCH(qint64, ownerUid);
        QFETCH(bool, runs);
        const std::optional<std::uint32_t> owner =
            ownerUid < 0 ? std::nullopt
                         : std::optional<std::uint32_t>(static_cast<std::uint32_t>(ownerUid));
        QTemporaryDir dir;
        const std::string marker = dir.path().toStdString() + "/ran";
        chmod(dir.path().toLocal8Bit().constData(), 0777); // writable by nobody too
        ShellCommandRunner runner;
        const TextOrigin origin{"/r/etc/redpak.yaml", SourcePos{3, 9}, owner};
        try {
            runner.run("touch " + marker, origin);
            QVERIFY2(runs, "a command of a file that is not the caller's ran");
        } catch (const CommandRefusedError& error) {
            QVERIFY2(!runs, error.what());
            QCOMPARE(error.diagnostic().file, origin.file);
            QCOMPARE(error.diagnostic().line, 3);
            const std::string expected =
                owner ? "owned by uid " + std::to_string(*owner) : std::string("unknown");
            QVERIFY2(error.diagnostic().message.find(expected) != std::string::npos, error.what());
        }
        QCOMPARE(access(marker.c_str(), F_OK) == 0, runs);
    }

    // What a command finds when it runs (issue 13, item 1): its own session, nothing of the
    // caller's but its output pipe, PATH and where its display session is, no way to gain
    // privileges.
    void commandsRunConfined_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected");
        // The shell itself exports PWD; the test sets HOME and DISPLAY, unsets the others.
        QTest::newRow("environment: PATH and the display session")
            << "env | grep -v ^PWD= | sort"
            << "DISPLAY=:42\nHOME=/home/tester\n"
               "PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";
        QTest::newRow("descriptors: 0, 1, 2 only") << "ls /proc/$$/fd; true"
                                                   << "0\n1\n2";
        QTest::newRow("stdin is /dev/null") << "readlink /proc/$$/fd/0; true"
                                            << "/dev/null";
        QTest::newRow("session leader")
            << "[ \"$(cut -d' ' -f6 /proc/$$/stat)\" = $$ ] && echo leader; true"
            << "leader";
        QTest::newRow("no controlling terminal") << "cut -d' ' -f7 /proc/$$/stat; true"
                                                 << "0";
        QTest::newRow("no new privileges") << "grep NoNewPrivs /proc/self/status"
                                           << "NoNewPrivs:\t1";
        QTest::newRow("working directory /") << "pwd"
                                             << "/";
        if (geteuid() == 0) {
            // Root's own commands run as nobody, without groups or capabilities.
            QTest::newRow("as nobody") << "id -u; id -G"
                                       << "65534\n65534";
            QTest::newRow("no capability bounding set") << "grep CapBnd /proc/self/status"
                                                        << "CapBnd:\t0000000000000000";
        } else {
            QTest::newRow("as the caller") << "id -u" << QString::number(getuid());
        }
    }
    void commandsRunConfined() {
        QFETCH(QString, command);
        QFETCH(QString, expected);
        // An inherited descriptor and variable the command must not see.
        const int inherited = open("/dev/null", O_RDONLY);
        QVERIFY(inherited >= 0);
        qputenv("REDPAK_TEST_SECRET", "leaked");
        qputenv("HOME", "/home/tester");
        qputenv("DISPLAY", ":42");
        for (const char* unset : {"XAUTHORITY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR"}) {
            qunsetenv(unset);
        }
        ShellCommandRunner runner;
        const std::string output = runner.run(command.toStdString(), kOrigin);
        close(inherited);
        QCOMPARE(QString::fromStdString(stripOneTrailingNewline(output)), expected);
    }

    // A privileged caller's command runs with the identity of the file as it was opened
    // (TextOrigin::owner), never with the owner of whatever the path names now (issue 13,
    // item 5: a command swapped the file for a link to another user's file).
    void identityComesFromTheOpenedFileNotThePath() {
        if (geteuid() != 0) {
            QSKIP("only a privileged caller changes identity; needs root");
        }
        QTemporaryDir dir;
        const QString swapped = dir.path() + "/redpak.yaml";
        QVERIFY(QFile(swapped).open(QIODevice::WriteOnly));
        QVERIFY(chown(swapped.toLocal8Bit().constData(), 4242, 4242) == 0);
        const TextOrigin opened{swapped.toStdString(), SourcePos{1, 1}, 0u};
        ShellCommandRunner runner;
        QCOMPARE(runner.run("id -u", opened), std::string("65534\n"));
    }

    void commandLimits_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("message");
        QTest::newRow("wall clock") << "sleep 5"
                                    << "did not finish within 300 ms";
        QTest::newRow("background child keeps the output open") << "sleep 5 & echo started"
                                                                << "did not finish within 300 ms";
        QTest::newRow("output size") << "echo 0123456789abcdef"
                                     << "exceeds 8 bytes";
        QTest::newRow("failure quotes the error output") << "printf 'bad\\033[31m\\n' >&2; exit 3"
                                                         << "failed with exit status 3 (bad?[31m)";
    }
    void commandLimits() {
        QFETCH(QString, command);
        QFETCH(QString, message);
        ShellCommandRunner runner(CommandLimits{1, 300, 8});
        QElapsedTimer timer;
        timer.start();
        try {
            runner.run(command.toStdString(), kOrigin);
            QFAIL("the command was not stopped");
        } catch (const InputError& error) {
            QVERIFY2(error.diagnostic().message.find(message.toStdString()) != std::string::npos,
                     error.what());
        }
        QVERIFY2(timer.elapsed() < 3000, "the limit did not stop the command in time");
    }

    void cpuLimitKillsTheCommand() {
        ShellCommandRunner runner(CommandLimits{1, 8000, 1u << 20});
        try {
            runner.run("while :; do :; done", kOrigin);
            QFAIL("the command was not stopped");
        } catch (const InputError& error) {
            QVERIFY2(error.diagnostic().message.find("killed by signal") != std::string::npos,
                     error.what());
        }
    }

    // Where NODE_* points depends on the item (spec §3): the defining node for exports,
    // environ, path and ldpath; the leaf for the other config values.
    void nodeTagsFollowTheDefiningNode() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec leaf = makeNode("/r/l", "LEAF");
        root.normal.environ.push_back(
            EnvEntry{"PS1", EnvMode::Default, std::string("$NODE_ALIAS($LEAF_ALIAS)"), {}, {}, {}});
        root.normal.environ.push_back(
            EnvEntry{"RAW", EnvMode::Static, std::string("$NODE_ALIAS"), {}, {}, {}});
        root.normal.exports.push_back(ExportEntry{
            ExportMode::Restricted, "/m/$NODE_ALIAS", std::string("$NODE_PATH/x"), {}, {}, {}});
        section(root.normal).path = Setting<std::string>{"$NODE_PATH/bin", {}};
        section(root.normal).hostname = Setting<std::string>{"$NODE_ALIAS-$LEAF_ALIAS", {}};
        section(root.normal).chdir = Setting<std::string>{"/home/$NODE_ALIAS", {}};
        const Expander expander(CommandPolicy::refuse(), testEnvironment);
        const EffectiveConfig result = merge({root, leaf}, MergeMode::Normal, &expander);
        QCOMPARE(*result.environ[0].value, std::string("ROOT(LEAF)"));
        QCOMPARE(*result.environ[1].value, std::string("$NODE_ALIAS"));
        QCOMPARE(result.exports[0].mount, std::string("/m/ROOT"));
        QCOMPARE(result.exports[0].source, std::string("/r/x"));
        QCOMPARE(result.path[0].dir, std::string("/r/bin"));
        QCOMPARE(result.hostname->value, std::string("LEAF-LEAF"));
        QCOMPARE(result.chdir->value, std::string("/home/LEAF"));
        // Without an expander, values stay as written (mergeconfig without --expand).
        const EffectiveConfig raw = merge({root, leaf}, MergeMode::Normal);
        QCOMPARE(*raw.environ[0].value, std::string("$NODE_ALIAS($LEAF_ALIAS)"));
    }

    // Environ Execfd runs once, for the definition that wins, with the defining file as origin.
    void environExecfdRunsOnlyTheWinner() {
        NodeSpec root = makeNode("/r", "ROOT");
        NodeSpec leaf = makeNode("/r/l", "LEAF");
        root.normal.environ.push_back(
            EnvEntry{"V", EnvMode::Execfd, std::string("echo root"), {}, {}, {}});
        leaf.normal.environ.push_back(
            EnvEntry{"V", EnvMode::Execfd, std::string("echo $NODE_ALIAS"), {}, {}, {}});
        FakeRunner runner;
        const Expander expander(CommandPolicy::allow(runner), testEnvironment);
        const EffectiveConfig result = merge({root, leaf}, MergeMode::Normal, &expander);
        QCOMPARE(runner.commands, std::vector<std::string>{"echo LEAF"});
        QCOMPARE(*result.environ[0].value, std::string("out"));

        const Expander refusing(CommandPolicy::refuse(), testEnvironment);
        QVERIFY_THROWS_EXCEPTION(InputError, merge({root, leaf}, MergeMode::Normal, &refusing));
    }

    void inheritTakesTheLaunchingEnvironment() {
        NodeSpec node = makeNode("/r", "ROOT");
        node.normal.environ.push_back(EnvEntry{"HOME", EnvMode::Inherit, {}, {}, {}, {}});
        node.normal.environ.push_back(EnvEntry{"ABSENT", EnvMode::Inherit, {}, {}, {}, {}});
        const Expander expander(CommandPolicy::refuse(), testEnvironment);
        const EffectiveConfig result = merge({node}, MergeMode::Normal, &expander);
        QCOMPARE(*result.environ[0].value, std::string("/home/me"));
        QVERIFY(!result.environ[1].value.has_value());
    }

    // A `$TAG` that is neither predefined nor in the environment is reported (a typo most
    // often); `\$X` and the inside of `$(command)` are not tags.
    void unknownTags_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("unknown");
        QTest::newRow("typo of a predefined tag") << "$LEAF_ALIASx" << QStringList{"LEAF_ALIASx"};
        QTest::newRow("predefined") << "$LEAF_ALIAS-$node_path" << QStringList{};
        QTest::newRow("NODE_PREFIX unset is predefined") << "$NODE_PREFIX/x" << QStringList{};
        QTest::newRow("set in the environment") << "$HOME/$MiXed" << QStringList{};
        QTest::newRow("environment is exact case") << "$home" << QStringList{"home"};
        QTest::newRow("escaped dollar") << "\\$NOPE" << QStringList{};
        QTest::newRow("inside a command") << "$(echo $NOPE $(date $X))" << QStringList{};
        QTest::newRow("after a command") << "$(echo)$NOPE" << QStringList{"NOPE"};
        QTest::newRow("once, in order") << "$B $A $B" << QStringList{"B", "A"};
        QTest::newRow("lone dollar") << "5$ and $" << QStringList{};
    }
    void unknownTags() {
        QFETCH(QString, text);
        QFETCH(QStringList, unknown);
        QStringList found;
        for (const std::string& tag : unknownTagsIn(text.toStdString(), testEnvironment)) {
            found.append(QString::fromStdString(tag));
        }
        QCOMPARE(found, unknown);
    }

    // The warning names the file, the line, the item and the tag, and suggests the predefined
    // tag it is close to.
    void unknownTagWarningNamesFileLineAndTag_data() {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        const QString head = "headers:\n  alias: a\n";
        QTest::newRow("hostname")
            << head + "config:\n  hostname: $LEAF_ALIASx\n"
            << 4
            << "unknown tag $LEAF_ALIASx in hostname expands to an empty string: it is neither a "
               "predefined tag nor set in the environment (did you mean $LEAF_ALIAS?)";
        QTest::newRow("environ")
            << head + "environ:\n  - key: V\n    value: a$NOPEb\n"
            << 4
            << "unknown tag $NOPEb in environ V expands to an empty string: it is neither a "
               "predefined tag nor set in the environment";
        QTest::newRow("export path")
            << head + "exports:\n  - mode: Restricted\n    mount: /m\n    path: $HOMEX/d\n"
            << 4
            << "unknown tag $HOMEX in export /m expands to an empty string: it is neither a "
               "predefined tag nor set in the environment";
    }
    void unknownTagWarningNamesFileLineAndTag() {
        QFETCH(QString, yaml);
        QFETCH(int, line);
        QFETCH(QString, message);
        const Config config = parseConfig(yaml.toStdString(), "/r/etc/redpak.yaml");
        const std::vector<Diagnostic> warnings =
            unknownTagWarnings(config, "/r/etc/redpak.yaml", testEnvironment);
        QCOMPARE(warnings.size(), std::size_t{1});
        QCOMPARE(warnings[0].file, std::string("/r/etc/redpak.yaml"));
        QCOMPARE(warnings[0].line, line);
        QCOMPARE(QString::fromStdString(warnings[0].message), message);
    }

    // Values that are not expanded (Static) and what is not an unknown tag give no warning.
    void noWarningForWhatIsNotAnUnknownTag() {
        const Config config = parseConfig("headers:\n  alias: a\nenviron:\n  - key: S\n"
                                          "    mode: Static\n    value: $NOPE\n  - key: D\n"
                                          "    value: \\$NOPE $(echo $NOPE) $HOME $uid\n",
                                          "f.yaml");
        QVERIFY(unknownTagWarnings(config, "f.yaml", testEnvironment).empty());
    }

    // The merge carries the warning (redwrap, redconf mergeconfig, reviews show it) and the
    // tag still expands to "" as in REDPAK.
    void mergeWarnsAndExpandsToEmpty() {
        NodeSpec node = makeNode("/r", "ROOT");
        section(node.normal).hostname = Setting<std::string>{"$LEAF_ALIASx", SourcePos{9, 13}};
        const Expander expander(CommandPolicy::refuse(), testEnvironment);
        const EffectiveConfig result = merge({node}, MergeMode::Normal, &expander);
        QCOMPARE(result.hostname->value, std::string());
        QCOMPARE(result.warnings.size(), std::size_t{1});
        QVERIFY(result.warnings[0].format().starts_with(
            "/r/etc/redpak.yaml:9:13: unknown tag $LEAF_ALIASx in hostname"));
        // Reviews (Symbolic) check against the real environment too.
        const Expander symbolic(CommandPolicy::keep(), testEnvironment, LaunchValues::Symbolic);
        QCOMPARE(merge({node}, MergeMode::Normal, &symbolic).warnings.size(), std::size_t{1});
        section(node.normal).hostname = Setting<std::string>{"$LEAF_ALIAS", SourcePos{9, 13}};
        QVERIFY(merge({node}, MergeMode::Normal, &expander).warnings.empty());
    }
};

QTEST_APPLESS_MAIN(TestExpand)
#include "tst_expand.moc"
