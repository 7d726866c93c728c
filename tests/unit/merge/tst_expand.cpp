// SPDX-License-Identifier: Apache-2.0
// Expansion (rednode-format.md §3): predefined tags, NODE_* vs LEAF_* provenance, escapes,
// environment lookup and the command policies.
#include "family_builder.h"
#include "redpak/diagnostic.h"
#include "redpak/expand.h"

#include <QRegularExpression>
#include <QtTest>
#include <ctime>
#include <pwd.h>
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
const TextOrigin kOrigin{"/r/etc/redpak.yaml", SourcePos{7, 5}, std::nullopt};

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
};

QTEST_APPLESS_MAIN(TestExpand)
#include "tst_expand.moc"
