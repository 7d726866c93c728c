// SPDX-License-Identifier: Apache-2.0
// Node creation: files and modes, alias validation, UUID and info, given files validated
// before anything is written, comments kept, --update.
#include "files.h"
#include "redpak/config/parser.h"
#include "redpak/tree/create.h"

#include <QObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace redpak;
namespace fs = std::filesystem;

namespace {

mode_t modeOf(const fs::path& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        return 0;
    }
    return info.st_mode & 07777;
}

std::string userName() {
    const passwd* entry = ::getpwuid(::getuid());
    return entry != nullptr ? entry->pw_name : "uid " + std::to_string(::getuid());
}

// Every path below `dir`, to check that a failed creation left nothing.
std::vector<fs::path> contents(const fs::path& dir) {
    std::vector<fs::path> out;
    if (!fs::exists(dir)) {
        return out;
    }
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class TestCreate : public QObject {
    Q_OBJECT

private slots:
    void init();
    void createsFromTemplate();
    void modesFollowRiskAnalysis();
    void createsFromGivenFiles();
    void keepsCommentsOfGivenFile();
    void adminOnlyUsesTemplateForNormal();
    void acceptsExistingEmptyDirectory();
    void nestedThreeLevels();
    void refuses_data();
    void refuses();
    void updateKeepsNameAndStatus();
    void uuidIsRandomVersion4();
    void replaceHeadersFallsBackToCanonical();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    fs::path m_root;
};

void TestCreate::init() {
    ::umask(022);
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_root = fs::canonical(m_tmp->path().toStdString());
}

void TestCreate::createsFromTemplate() {
    CreateOptions options;
    options.dir = m_root / "node";
    options.alias = "my-node";
    options.templateName = "root";
    const CreatedNode created = createNode(options);
    QCOMPARE(created.location.base, m_root / "node");
    QVERIFY(created.location.adminConfig);

    const Config normal = loadConfigFile(m_root / "node/etc/redpak.yaml");
    QCOMPARE(normal, created.normal);
    QCOMPARE(normal.headers.alias.value, std::string("my-node"));
    QVERIFY(
        QRegularExpression("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
            .match(QString::fromStdString(normal.headers.name->value))
            .hasMatch());
    const QString info = QString::fromStdString(normal.headers.info->value);
    QVERIFY2(QRegularExpression("^created by " +
                                QRegularExpression::escape(QString::fromStdString(userName())) +
                                " the \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC$")
                 .match(info)
                 .hasMatch(),
             qPrintable(info));
    const Config admin = loadConfigFile(m_root / "node/etc/redpak-admin.yaml");
    QCOMPARE(admin.headers.alias.value, std::string("my-node"));
    QCOMPARE(admin.headers.name->value, normal.headers.name->value);

    const NodeStatus status = readStatus(m_root / "node/.rednode.yaml");
    QVERIFY(status.state == NodeState::Enable);
    QCOMPARE(status.realpath, (m_root / "node").string());
    QVERIFY(status.timestamp > 1'600'000'000'000);
    QVERIFY(QString::fromStdString(status.info).startsWith("created by "));
    // The template's comments survive creation.
    QVERIFY(testutil::readFile(m_root / "node/etc/redpak.yaml").contains("# Risk analysis"));
}

void TestCreate::modesFollowRiskAnalysis() {
    ::umask(0);
    CreateOptions options;
    options.dir = m_root / "a/b";
    createNode(options);
    for (const char* file :
         {"a/b/.rednode.yaml", "a/b/etc/redpak.yaml", "a/b/etc/redpak-admin.yaml"}) {
        QCOMPARE(modeOf(m_root / file), mode_t(0644));
    }
    for (const char* dir : {"a", "a/b", "a/b/etc"}) {
        QCOMPARE(modeOf(m_root / dir), mode_t(0755));
    }
    ::umask(077);
    options.dir = m_root / "strict";
    createNode(options);
    QCOMPARE(modeOf(m_root / "strict/etc/redpak.yaml"), mode_t(0600));
    QCOMPARE(modeOf(m_root / "strict"), mode_t(0700));
    // No temporary file is left next to the configs.
    QCOMPARE(contents(m_root / "strict/etc").size(), std::size_t(2));
}

void TestCreate::createsFromGivenFiles() {
    testutil::writeFile(m_root / "n.yaml", "headers:\n  alias: alias\n  name: name\n  info: mine\n"
                                           "config:\n  hostname: h\n");
    testutil::writeFile(m_root / "a.yaml", "headers:\n  alias: alias\nconfig:\n  verbose: 3\n");
    CreateOptions options;
    options.dir = m_root / "node";
    options.alias = "NODE";
    options.normalConfig = m_root / "n.yaml";
    options.adminConfig = m_root / "a.yaml";
    createNode(options);
    const Config normal = loadConfigFile(m_root / "node/etc/redpak.yaml");
    QCOMPARE(normal.headers.alias.value, std::string("NODE"));
    QVERIFY(normal.headers.name->value != "name");
    QCOMPARE(normal.headers.info->value, std::string("mine"));
    QCOMPARE(normal.config->hostname->value, std::string("h"));
    const Config admin = loadConfigFile(m_root / "node/etc/redpak-admin.yaml");
    QCOMPARE(admin.config->verbose->value, std::int64_t(3));
    QVERIFY(QString::fromStdString(admin.headers.info->value).startsWith("created by "));
}

void TestCreate::keepsCommentsOfGivenFile() {
    const QByteArray given = "# top comment\nheaders:\n  alias: x # alias comment\n"
                             "  name: n\n\n# about config\nconfig:\n  hostname: h # why\n";
    testutil::writeFile(m_root / "given.yaml", given);
    CreateOptions options;
    options.dir = m_root / "node";
    options.normalConfig = m_root / "given.yaml";
    createNode(options);
    const QByteArray written = testutil::readFile(m_root / "node/etc/redpak.yaml");
    QVERIFY2(written.startsWith("# top comment\nheaders:\n  alias: node\n  name: "), written);
    QVERIFY2(written.endsWith("\n\n# about config\nconfig:\n  hostname: h # why\n"), written);
    QVERIFY(!fs::exists(m_root / "node/etc/redpak-admin.yaml"));
}

void TestCreate::adminOnlyUsesTemplateForNormal() {
    testutil::writeFile(m_root / "a.yaml", "headers:\n  alias: z\n");
    CreateOptions options;
    options.dir = m_root / "node";
    options.adminConfig = m_root / "a.yaml";
    options.templateName = "full";
    createNode(options);
    QVERIFY(testutil::readFile(m_root / "node/etc/redpak.yaml").contains("Template \"full\""));
    QCOMPARE(testutil::readFile(m_root / "node/etc/redpak-admin.yaml").count("alias: node"), 1);
}

void TestCreate::acceptsExistingEmptyDirectory() {
    fs::create_directories(m_root / "empty");
    CreateOptions options;
    options.dir = m_root / "empty/";
    const CreatedNode created = createNode(options);
    QCOMPARE(created.normal.headers.alias.value, std::string("empty"));
    QVERIFY(locateNode(m_root / "empty"));
}

void TestCreate::nestedThreeLevels() {
    for (const char* dir : {"platform", "platform/apps", "platform/apps/browser"}) {
        CreateOptions options;
        options.dir = m_root / dir;
        createNode(options);
    }
    const auto family = locateFamily(m_root / "platform/apps/browser");
    QCOMPARE(family.size(), std::size_t(3));
    QCOMPARE(loadConfigFile(family[1].normalConfig).headers.alias.value, std::string("apps"));
}

void TestCreate::refuses_data() {
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::newRow("invalid alias") << "alias"
                                   << "invalid alias 'bad/alias'" << 0;
    QTest::newRow("invalid default alias") << "dirname"
                                           << "invalid alias 'bad name'" << 0;
    QTest::newRow("invalid given file") << "badfile"
                                        << "unknown key 'bogus'" << 3;
    QTest::newRow("invalid admin file") << "badadmin"
                                        << "must be a boolean" << 4;
    QTest::newRow("hostile given file") << "hostile"
                                        << "anchors" << 3;
    QTest::newRow("given file is a symlink") << "symlink"
                                             << "symbolic link" << 0;
    QTest::newRow("missing given file") << "missing"
                                        << "cannot open" << 0;
    QTest::newRow("unknown template") << "template"
                                      << "unknown template; expected one of: full, "
                                         "leaf, root"
                                      << 0;
    QTest::newRow("already a node") << "node"
                                    << "already a rednode; use --update" << 0;
    QTest::newRow("config already there") << "config"
                                          << "already exists" << 0;
    QTest::newRow("target is a file") << "file"
                                      << "not a directory" << 0;
    QTest::newRow("update of a non-node") << "update"
                                          << "not a rednode" << 0;
}

void TestCreate::refuses() {
    QFETCH(QString, setup);
    QFETCH(QString, message);
    QFETCH(int, line);
    CreateOptions options;
    options.dir = m_root / "target/node";
    const fs::path good = m_root / "given/good.yaml";
    const fs::path bad = m_root / "given/bad.yaml";
    testutil::writeFile(good, "headers:\n  alias: a\n");
    if (setup == "alias") {
        options.alias = "bad/alias";
    } else if (setup == "dirname") {
        options.dir = m_root / "target/bad name";
    } else if (setup == "badfile") {
        testutil::writeFile(bad, "headers:\n  alias: a\nbogus: 1\n");
        options.normalConfig = bad;
    } else if (setup == "badadmin") {
        testutil::writeFile(bad, "headers:\n  alias: a\nconfig:\n  unsafe: perhaps\n");
        options.normalConfig = good;
        options.adminConfig = bad;
    } else if (setup == "hostile") {
        testutil::writeFile(bad, "headers:\n  alias: a\nconfig: &x {}\n");
        options.normalConfig = bad;
    } else if (setup == "symlink") {
        fs::create_symlink(good, bad);
        options.normalConfig = bad;
    } else if (setup == "missing") {
        options.normalConfig = bad;
    } else if (setup == "template") {
        options.templateName = "nosuch";
    } else if (setup == "node") {
        testutil::writeFile(m_root / "target/node/.rednode.yaml", "state: Enable\n");
    } else if (setup == "config") {
        testutil::writeFile(m_root / "target/node/etc/redpack.yaml", "headers:\n  alias: a\n");
    } else if (setup == "file") {
        testutil::writeFile(m_root / "target/node", "x");
    } else if (setup == "update") {
        fs::create_directories(m_root / "target/node");
        options.update = true;
    }
    const std::vector<fs::path> before = contents(m_root / "target");
    try {
        createNode(options);
        QFAIL("accepted");
    } catch (const InputError& error) {
        QVERIFY2(QString(error.what()).contains(message), error.what());
        if (line > 0) {
            QCOMPARE(error.diagnostic().file, bad.string());
            QCOMPARE(error.diagnostic().line, line);
        }
    }
    // Nothing written, nothing created.
    QCOMPARE(contents(m_root / "target"), before);
}

void TestCreate::updateKeepsNameAndStatus() {
    CreateOptions options;
    options.dir = m_root / "node";
    options.alias = "first";
    const CreatedNode created = createNode(options);
    const QByteArray status = testutil::readFile(m_root / "node/.rednode.yaml");

    testutil::writeFile(m_root / "new.yaml", "headers:\n  alias: x\nconfig:\n  hostname: new\n");
    CreateOptions update;
    update.dir = m_root / "node";
    update.update = true;
    update.normalConfig = m_root / "new.yaml";
    createNode(update);
    const Config normal = loadConfigFile(m_root / "node/etc/redpak.yaml");
    QCOMPARE(normal.headers.alias.value, std::string("first"));
    QCOMPARE(normal.headers.name->value, created.normal.headers.name->value);
    QCOMPARE(normal.config->hostname->value, std::string("new"));
    QCOMPARE(testutil::readFile(m_root / "node/.rednode.yaml"), status);

    update.alias = "second";
    createNode(update);
    QCOMPARE(loadConfigFile(m_root / "node/etc/redpak.yaml").headers.alias.value,
             std::string("second"));

    // A broken config can be repaired: refused without --alias (its alias is unreadable),
    // replaced with it.
    testutil::writeFile(m_root / "node/etc/redpak.yaml", "headers: [broken\n");
    update.alias.reset();
    QVERIFY_THROWS_EXCEPTION(InputError, createNode(update));
    update.alias = "third";
    createNode(update);
    QCOMPARE(loadConfigFile(m_root / "node/etc/redpak.yaml").headers.alias.value,
             std::string("third"));
}

void TestCreate::uuidIsRandomVersion4() {
    const std::string a = newUuid();
    const std::string b = newUuid();
    QCOMPARE(a.size(), std::size_t(36));
    QVERIFY(a != b);
    QCOMPARE(a[14], '4');
    QVERIFY(std::string_view("89ab").find(a[19]) != std::string_view::npos);
}

void TestCreate::replaceHeadersFallsBackToCanonical() {
    Headers headers;
    headers.alias.value = "new";
    headers.name = Setting<std::string>{"id", {}};
    const std::string flow =
        replaceHeaders("{headers: {alias: a}, config: {hostname: h}}\n", "f.yaml", headers);
    QCOMPARE(QByteArray::fromStdString(flow),
             QByteArray("headers:\n  alias: new\n  name: id\nconfig:\n  hostname: h\n"));
    const std::string last =
        replaceHeaders("config:\n  hostname: h\nheaders:\n  alias: a\n# end\n", "l.yaml", headers);
    QCOMPARE(QByteArray::fromStdString(last),
             QByteArray("config:\n  hostname: h\nheaders:\n  alias: new\n  name: id\n# end\n"));
    QVERIFY_THROWS_EXCEPTION(InputError, replaceHeaders("headers: [", "bad.yaml", headers));
}

QTEST_APPLESS_MAIN(TestCreate)
#include "tst_create.moc"
