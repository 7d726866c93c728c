// SPDX-License-Identifier: Apache-2.0
// Writer: parse(write(c)) == c for the conformance configs, the templates and configs built in
// memory with awkward strings; scalars that need it are quoted.
#include "files.h"
#include "redpak/config/parser.h"
#include "redpak/config/schema.h"
#include "redpak/config/writer.h"
#include "redpak/tree/node.h"
#include "redpak/tree/templates.h"

#include <QFileInfo>
#include <QObject>

using namespace redpak;

class TestWriter : public QObject {
    Q_OBJECT

private slots:
    void roundTripFiles_data();
    void roundTripFiles();
    void roundTripTemplates_data();
    void roundTripTemplates();
    void roundTripStrings_data();
    void roundTripStrings();
    void roundTripBuiltInMemory();
    void writesCanonicalSpelling();
    void everyScalarKeyRoundTrips_data();
    void everyScalarKeyRoundTrips();
    void unknownScalarKeyRefused();
    void statusRoundTrip();
    void commentsCarriedOver_data();
    void commentsCarriedOver();
};

void TestWriter::roundTripFiles_data() {
    QTest::addColumn<QString>("file");
    const QStringList files = testutil::configDataFiles();
    QVERIFY(!files.isEmpty());
    for (const QString& file : files) {
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
    }
}

void TestWriter::roundTripFiles() {
    QFETCH(QString, file);
    const Config config = loadConfigFile(file.toStdString());
    const std::string written = writeConfig(config);
    QCOMPARE(parseConfig(written, "written.yaml"), config);
    // The canonical form is a fixed point.
    QCOMPARE(writeConfig(parseConfig(written, "written.yaml")), written);
}

void TestWriter::roundTripTemplates_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("admin");
    for (const std::string& name : templateNames()) {
        QTest::newRow((name + " normal").c_str()) << QString::fromStdString(name) << false;
        QTest::newRow((name + " admin").c_str()) << QString::fromStdString(name) << true;
    }
}

void TestWriter::roundTripTemplates() {
    QFETCH(QString, name);
    QFETCH(bool, admin);
    const auto tmpl = findTemplate(name.toStdString());
    QVERIFY(tmpl);
    const Config config = parseConfig(admin ? tmpl->admin : tmpl->normal, "template");
    QCOMPARE(parseConfig(writeConfig(config), "written.yaml"), config);
}

void TestWriter::roundTripStrings_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("plain");
    QTest::newRow("word") << "abc" << true;
    QTest::newRow("path list") << "$NODE_PATH:/usr/bin" << true;
    QTest::newRow("command") << "echo hello world" << true;
    QTest::newRow("number-like") << "027" << true;
    QTest::newRow("bool-like") << "true" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("null") << "null" << false;
    QTest::newRow("tilde") << "~" << false;
    QTest::newRow("trailing space") << "prompt> " << false;
    QTest::newRow("leading space") << " x" << false;
    QTest::newRow("colon space") << "a: b" << false;
    QTest::newRow("trailing colon") << "a:" << false;
    QTest::newRow("comment") << "a #b" << false;
    QTest::newRow("dash") << "- x" << false;
    QTest::newRow("anchor-like") << "&a" << false;
    QTest::newRow("alias-like") << "*a" << false;
    QTest::newRow("tag-like") << "!x" << false;
    QTest::newRow("flow") << "[a]" << false;
    QTest::newRow("quote") << "it's \"quoted\"" << false;
    QTest::newRow("backslash") << "a\\b" << false;
    QTest::newRow("newline") << "line1\nline2\n" << false;
    QTest::newRow("tab") << "a\tb" << false;
    QTest::newRow("control") << QString("bell") + QChar(7) << false;
    QTest::newRow("unicode") << QString::fromUtf8("héllo ✓") << false;
    QTest::newRow("percent") << "%x" << false;
    QTest::newRow("question") << "? x" << false;
    QTest::newRow("pipe") << "|" << false;
}

void TestWriter::roundTripStrings() {
    QFETCH(QString, text);
    QFETCH(bool, plain);
    const std::string value = text.toStdString();
    QCOMPARE(yamlScalar(value) == value, plain);
    Config config;
    config.headers.alias.value = "a";
    config.headers.info = Setting<std::string>{value, {}};
    config.config = ConfigSection{};
    config.config->smack = Setting<std::string>{value, {}};
    config.environ.push_back(EnvEntry{"V", EnvMode::Static, value, value, std::nullopt, {}});
    config.exports.push_back(
        ExportEntry{ExportMode::Symlink, "/m" + value, value, std::nullopt, value, {}});
    const std::string written = writeConfig(config);
    try {
        QCOMPARE(parseConfig(written, "written.yaml"), config);
    } catch (const InputError& error) {
        QFAIL((std::string(error.what()) + "\n" + written).c_str());
    }
}

void TestWriter::roundTripBuiltInMemory() {
    Config config;
    config.headers.alias.value = "node";
    config.headers.name = Setting<std::string>{"0b7ad3c6-7c36-4c1a-9d3a-0d4c8e7c7f10", {}};
    ConfigSection section;
    section.umask = Setting<std::uint32_t>{0, {}};
    section.verbose = Setting<std::int64_t>{-1, {}};
    section.mapRootUser = Setting<std::int64_t>{0, {}};
    section.gpgcheck = Setting<bool>{false, {}};
    section.dieWithParent = Setting<Edu>{Edu::Unset, {}};
    section.share(Namespace::Net) =
        Setting<ShareValue>{ShareValue{Edu::Enabled, "/proc/1/ns/net"}, {}};
    section.share(Namespace::Time) = Setting<ShareValue>{ShareValue{Edu::Disabled, {}}, {}};
    section.cgroups = {CgroupLimit{CgroupController::Io, "max", "8:0 rbps=1", {}},
                       CgroupLimit{CgroupController::Io, "weight", "10", {}},
                       CgroupLimit{CgroupController::Pids, "max", "max", {}}};
    section.capabilities = {CapabilityEntry{"all", false, std::nullopt, "w", {}},
                            CapabilityEntry{"cap_net_raw", true, "i", std::nullopt, {}}};
    config.config = section;
    config.environ = {EnvEntry{"A", EnvMode::Remove, std::nullopt, std::nullopt, std::nullopt, {}},
                      EnvEntry{"B", EnvMode::Execfd, "date", std::nullopt, std::nullopt, {}}};
    config.exports = {
        ExportEntry{ExportMode::Lock, "/run/lock/x", std::nullopt, std::nullopt, std::nullopt, {}}};
    QCOMPARE(parseConfig(writeConfig(config), "written.yaml"), config);
}

void TestWriter::writesCanonicalSpelling() {
    const Config config = parseConfig(
        "HEADERS: {ALIAS: a}\nCONFIG: {DIE-WITH-PARENT: ENABLED, SHARE_NET: DISABLED, UMASK: 77}\n"
        "ENVIRON: [{KEY: A, MODE: INHERIT}]\nEXPORTS: [{MODE: PRIVATERESTRICTED, MOUNT: /m}]\n",
        "odd.yaml");
    QCOMPARE(QByteArray::fromStdString(writeConfig(config)),
             QByteArray("headers:\n  alias: a\nconfig:\n  umask: '077'\n"
                        "  die-with-parent: enabled\n  share_net: disabled\nenviron:\n"
                        "  - key: A\n    mode: Inherit\nexports:\n"
                        "  - mode: PrivateRestricted\n    mount: /m\n"));
}

// One value of each kind, as written in a file and as the writer prints it back.
static std::pair<std::string, std::string> sampleValue(const ScalarKey& key) {
    switch (key.kind) {
    case ScalarKind::Text:
        return key.syntax == TextSyntax::HostName ? std::pair{"srv-x", "srv-x"}
                                                  : std::pair{"/srv/x", "/srv/x"};
    case ScalarKind::PathList:
        return {"/srv/bin:/opt/bin", "/srv/bin:/opt/bin"};
    case ScalarKind::Umask:
        return {"27", "'027'"};
    case ScalarKind::Integer:
        return {"3", "3"};
    case ScalarKind::Boolean:
        return {"YES", "true"};
    case ScalarKind::Edu:
        return {"ENABLED", "enabled"};
    case ScalarKind::Share:
        return {"DISABLED", "disabled"};
    }
    return {};
}

// Every key of the schema table is read (in any case), set in the model and written back
// under its canonical spelling; the written form reads back to the same model.
void TestWriter::everyScalarKeyRoundTrips_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("writtenLine");
    for (const ScalarKey& key : kScalarKeys) {
        const auto [value, written] = sampleValue(key);
        const std::string name(key.key);
        QTest::newRow(name.c_str())
            << QString::fromStdString(name).toUpper() + ": " + QString::fromStdString(value)
            << QString::fromStdString("  " + name + ": " + written + "\n");
    }
    // Rows written out, so that a change of the table itself shows here.
    QTest::newRow("umask spelled") << "umask: 0077"
                                   << "  umask: '077'\n";
    QTest::newRow("share_ipc path") << "Share_IPC: /proc/1/ns/ipc"
                                    << "  share_ipc: /proc/1/ns/ipc\n";
    QTest::newRow("die-with-parent") << "die-with-parent: unset"
                                     << "  die-with-parent: unset\n";
    QTest::newRow("map-root-user") << "map-root-user: 0"
                                   << "  map-root-user: 0\n";
}

void TestWriter::everyScalarKeyRoundTrips() {
    QFETCH(QString, input);
    QFETCH(QString, writtenLine);
    const Config config =
        parseConfig("headers: {alias: a}\nconfig:\n  " + input.toStdString() + "\n", "key.yaml");
    QVERIFY(config.config.has_value());
    QVERIFY(*config.config != ConfigSection{});
    const std::string written = writeConfig(config);
    QCOMPARE(QString::fromStdString(written),
             QString::fromStdString("headers:\n  alias: a\nconfig:\n") + writtenLine);
    QCOMPARE(parseConfig(written, "written.yaml"), config);
}

void TestWriter::unknownScalarKeyRefused() {
    QVERIFY_THROWS_EXCEPTION(
        InputError,
        parseConfig("headers: {alias: a}\nconfig:\n  share_netx: enabled\n", "typo.yaml"));
}

void TestWriter::statusRoundTrip() {
    NodeStatus status;
    status.state = NodeState::Disable;
    status.realpath = "/var/redpak/a b";
    status.timestamp = 1700000000123;
    status.info = "created by x: the day";
    const NodeStatus back = parseStatus(writeStatus(status), "status");
    QVERIFY(back.state == status.state);
    QCOMPARE(back.realpath, status.realpath);
    QCOMPARE(back.timestamp, status.timestamp);
    QCOMPARE(back.info, status.info);
}

// A form edit: `edited` (no comments) is what the model holds after the edit of `previous`.
void TestWriter::commentsCarriedOver_data() {
    QTest::addColumn<QString>("previous");
    QTest::addColumn<QString>("edited");
    QTest::addColumn<QString>("expected");
    QTest::newRow("value changed")
        << "# header\nheaders:\n  alias: a  # the alias\nconfig:\n  # the host\n"
           "  hostname: h   # by hand\n  chdir: /srv\n"
        << "headers: {alias: a}\nconfig: {hostname: g, chdir: /srv}\n"
        << "# header\nheaders:\n  alias: a  # the alias\nconfig:\n  # the host\n"
           "  hostname: g  # by hand\n  chdir: /srv\n";
    QTest::newRow("key removed: its comments before the next key")
        << "headers:\n  alias: a\nconfig:\n  # why h\n  hostname: h  # t\n  chdir: /srv\n"
        << "headers: {alias: a}\nconfig: {chdir: /srv}\n"
        << "headers:\n  alias: a\nconfig:\n  # why h\n  # t\n  chdir: /srv\n";
    QTest::newRow("item found by the fields it keeps")
        << "headers:\n  alias: a\nenviron:\n  - key: B\n    value: y\n  # the greeting\n"
           "  - key: A\n    value: x  # was x\n"
        << "headers: {alias: a}\nenviron: [{key: B, value: y}, {key: A, value: z}]\n"
        << "headers:\n  alias: a\nenviron:\n  - key: B\n    mode: Default\n    value: y\n"
           "  # the greeting\n  - key: A\n    mode: Default\n    value: z  # was x\n";
    QTest::newRow("comment at the end") << "headers:\n  alias: a\n# end\n"
                                        << "headers: {alias: b}\n"
                                        << "headers:\n  alias: b\n# end\n";
    QTest::newRow("hash inside quotes is not a comment")
        << "headers:\n  alias: a\n  info: 'x #1'\n# c\n"
        << "headers: {alias: a, info: 'x #2'}\n"
        << "headers:\n  alias: a\n  info: \"x #2\"\n# c\n";
    QTest::newRow("no comment: canonical text") << "headers: {alias: a}\n"
                                                << "headers: {alias: b}\n"
                                                << "headers:\n  alias: b\n";
}

void TestWriter::commentsCarriedOver() {
    QFETCH(QString, previous);
    QFETCH(QString, edited);
    QFETCH(QString, expected);
    const Config config = parseConfig(edited.toStdString(), "edited.yaml");
    const std::string kept = writeConfigKeepingComments(config, previous.toStdString());
    QCOMPARE(QString::fromStdString(kept), expected);
    QCOMPARE(parseConfig(kept, "kept.yaml"), config);
}

QTEST_APPLESS_MAIN(TestWriter)
#include "tst_writer.moc"
