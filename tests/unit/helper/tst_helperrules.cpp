// SPDX-License-Identifier: Apache-2.0
// Rules of the helper that need no bus: node names, helper.conf, the identities a node may run
// as, flags and the mapping of methods to polkit actions, application paths, and the
// directory-descriptor file primitives.
#include "authorization.h"
#include "helperconfig.h"
#include "helpererror.h"
#include "nodeidentity.h"
#include "nodename.h"
#include "nodestore.h"
#include "safedir.h"

#include <QTemporaryDir>
#include <QTest>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace redpak::helper;

class TestHelperRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void validNames_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("root");
        QTest::addColumn<QStringList>("components");
        QTest::newRow("root only") << "system"
                                   << "system" << QStringList{};
        QTest::newRow("one level") << "system/app"
                                   << "system" << QStringList{"app"};
        QTest::newRow("nested") << "sys/platform/app"
                                << "sys" << QStringList{"platform", "app"};
        QTest::newRow("alias characters") << "r/a+b-c_d@e:f"
                                          << "r" << QStringList{"a+b-c_d@e:f"};
        QTest::newRow("255-byte component")
            << "r/" + QString(255, 'a') << "r" << QStringList{QString(255, 'a')};
        QStringList deep;
        for (int i = 0; i < 32; ++i) {
            deep << QStringLiteral("n%1").arg(i);
        }
        QTest::newRow("32 components") << "r/" + deep.join('/') << "r" << deep;
    }
    void validNames() {
        QFETCH(QString, name);
        QFETCH(QString, root);
        QFETCH(QStringList, components);
        const NodeName parsed = NodeName::parse(name.toStdString());
        QCOMPARE(QString::fromStdString(parsed.root), root);
        QStringList parts;
        for (const std::string& component : parsed.components) {
            parts << QString::fromStdString(component);
        }
        QCOMPARE(parts, components);
        QCOMPARE(QString::fromStdString(parsed.text()), name);
    }

    void invalidNames_data() {
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("dot dot") << QByteArray("r/..");
        QTest::newRow("dot dot inside") << QByteArray("r/a/../b");
        QTest::newRow("dot") << QByteArray("r/./a");
        QTest::newRow("absolute") << QByteArray("/r/a");
        QTest::newRow("trailing slash") << QByteArray("r/a/");
        QTest::newRow("double slash") << QByteArray("r//a");
        QTest::newRow("NUL") << QByteArray("r/a\0b", 5);
        QTest::newRow("space") << QByteArray("r/a b");
        QTest::newRow("backslash") << QByteArray("r/a\\b");
        QTest::newRow("non-ASCII") << QByteArray("r/caf\xc3\xa9");
        QTest::newRow("256-byte component") << "r/" + QByteArray(256, 'a');
        QByteArray deep = "r";
        for (int i = 0; i < 33; ++i) {
            deep += "/n";
        }
        QTest::newRow("33 components") << deep;
        QTest::newRow("over 4096 bytes")
            << "r/" + QByteArray(2100, 'a') + "/" + QByteArray(2100, 'b');
    }
    void invalidNames() {
        QFETCH(QByteArray, name);
        try {
            NodeName::parse(std::string_view(name.constData(), static_cast<size_t>(name.size())));
            QFAIL("accepted");
        } catch (const HelperError& error) {
            QCOMPARE(error.kind(), ErrorKind::InvalidName);
        }
    }

    void helperConfig_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("one root") << "root system /var/redpak\n" << true;
        QTest::newRow("comments and options")
            << "# nodes\nroot a /srv/a # main\nroot b /srv/b\nstate-dir /var/lib/x\n"
               "idle-timeout 5\n"
            << true;
        QTest::newRow("no root") << "state-dir /var/lib/x\n" << false;
        QTest::newRow("relative path") << "root a srv/a\n" << false;
        QTest::newRow("dot dot path") << "root a /srv/../etc\n" << false;
        QTest::newRow("trailing slash") << "root a /srv/a/\n" << false;
        QTest::newRow("bad label") << "root a/b /srv/a\n" << false;
        QTest::newRow("duplicate label") << "root a /srv/a\nroot a /srv/b\n" << false;
        QTest::newRow("unknown directive") << "root a /srv/a\nallow everyone\n" << false;
        QTest::newRow("zero timeout") << "root a /srv/a\nidle-timeout 0\n" << false;
        QTest::newRow("garbage timeout") << "root a /srv/a\nidle-timeout 5s\n" << false;
        QTest::newRow("node ranges and groups")
            << "root a /srv/a\nnode-uids 61000-61999\nnode-gids 61000-61999\n"
               "node-group redpak-nodes\nnode-group daemon\n"
            << true;
        QTest::newRow("node-uids with root") << "root a /srv/a\nnode-uids 0-100\n" << false;
        QTest::newRow("node-uids up to (uid_t)-1") << "root a /srv/a\nnode-uids 61000-4294967295\n"
                                                   << false;
        QTest::newRow("node-uids overflowing") << "root a /srv/a\nnode-uids 61000-4294967296\n"
                                               << false;
        QTest::newRow("node-uids reversed") << "root a /srv/a\nnode-uids 62000-61000\n" << false;
        QTest::newRow("node-uids negative") << "root a /srv/a\nnode-uids -5-10\n" << false;
        QTest::newRow("node-uids twice")
            << "root a /srv/a\nnode-uids 61000-61001\nnode-uids 62000-62001\n"
            << false;
        QTest::newRow("node-gids one number") << "root a /srv/a\nnode-gids 61000\n" << false;
        QTest::newRow("node-group root") << "root a /srv/a\nnode-group root\n" << false;
        QTest::newRow("node-group number") << "root a /srv/a\nnode-group 42\n" << false;
    }
    void helperConfig() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        try {
            const HelperConfig config = HelperConfig::parse(text.toStdString(), "helper.conf");
            QVERIFY(valid);
            QVERIFY(!config.roots.empty());
        } catch (const HelperError& error) {
            QVERIFY2(!valid, error.what());
            QCOMPARE(error.kind(), ErrorKind::InvalidArgument);
            QVERIFY(std::string(error.what()).starts_with("helper.conf:"));
        }
    }

    void helperConfigFileMustBeRootOwned() {
        if (::geteuid() != 0) {
            QSKIP("needs root: the check is about files owned by root");
        }
        QTemporaryDir dir;
        const QString path = dir.filePath("helper.conf");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("root a /srv/a\n");
        file.close();
        QCOMPARE(::chmod(path.toLocal8Bit().constData(), 0644), 0);
        QCOMPARE(HelperConfig::load(path.toStdString()).roots.front().label, std::string("a"));
        QCOMPARE(::chmod(path.toLocal8Bit().constData(), 0666), 0);
        QVERIFY_THROWS_EXCEPTION(HelperError, HelperConfig::load(path.toStdString()));
        QCOMPARE(::chmod(path.toLocal8Bit().constData(), 0644), 0);
        QCOMPARE(::chown(path.toLocal8Bit().constData(), 65534, 0), 0);
        QVERIFY_THROWS_EXCEPTION(HelperError, HelperConfig::load(path.toStdString()));
        // Without the file, the built-in default applies.
        QCOMPARE(HelperConfig::load(dir.filePath("absent").toStdString()).roots.front().path,
                 std::filesystem::path("/var/redpak"));
    }

    void nodeRangesMustNotHoldLoginAccounts_data() {
        QTest::addColumn<QString>("helperConf");
        QTest::addColumn<QString>("loginDefs");
        QTest::addColumn<bool>("valid");
        QTest::newRow("above UID_MAX") << "node-uids 61000-61999\n"
                                       << "" << true;
        QTest::newRow("overlapping default UID_MIN-UID_MAX") << "node-uids 59000-61999\n"
                                                             << "" << false;
        QTest::newRow("overlapping UID_MIN-UID_MAX of login.defs")
            << "node-uids 61000-61999\n"
            << "UID_MIN 1000\nUID_MAX 65000\n"
            << false;
        QTest::newRow("below a raised UID_MIN") << "node-uids 1000-1999\n"
                                                << "UID_MIN 5000\nGID_MIN 5000\n"
                                                << true;
        QTest::newRow("overlapping GID_MIN-GID_MAX") << "node-gids 2000-2999\n"
                                                     << "" << false;
        QTest::newRow("malformed login.defs") << ""
                                              << "UID_MIN 0x10\n"
                                              << false;
    }
    void nodeRangesMustNotHoldLoginAccounts() {
        if (::geteuid() != 0) {
            QSKIP("needs root: helper.conf and login.defs must be owned by root");
        }
        QFETCH(QString, helperConf);
        QFETCH(QString, loginDefs);
        QFETCH(bool, valid);
        QTemporaryDir dir;
        const auto write = [&](const QString& name, const QString& text) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text.toUtf8());
            file.close();
            QCOMPARE(::chmod(file.fileName().toLocal8Bit().constData(), 0644), 0);
        };
        write("helper.conf", "root a /srv/a\n" + helperConf);
        write("login.defs", "# login.defs\n" + loginDefs);
        try {
            HelperConfig::load(dir.filePath("helper.conf").toStdString(),
                               dir.filePath("login.defs").toStdString());
            QVERIFY(valid);
        } catch (const HelperError& error) {
            QVERIFY2(!valid, error.what());
        }
    }

    // Who a node may run as (issue: set-user '4294967295', set-group '0', shadow, another
    // person's account were all accepted). Empty set-user / set-group: not set.
    void nodeIdentities_data() {
        QTest::addColumn<QString>("setUser");
        QTest::addColumn<QString>("setGroup");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<uint>("uid");
        QTest::addColumn<uint>("gid");
        QTest::newRow("default: nobody and its group") << ""
                                                       << "" << true << 65534u << 65534u;
        QTest::newRow("nobody by name") << "nobody"
                                        << "" << true << 65534u << 65534u;
        QTest::newRow("nobody by number, nogroup") << "65534"
                                                   << "nogroup" << true << 65534u << 65534u;
        QTest::newRow("configured node uid and gid") << "61000"
                                                     << "61005" << true << 61000u << 61005u;
        QTest::newRow("configured node-group") << "61000"
                                               << "daemon" << true << 61000u << 1u;
        QTest::newRow("(uid_t)-1") << "4294967295"
                                   << "" << false << 0u << 0u;
        QTest::newRow("wraps to root") << "4294967296"
                                       << "" << false << 0u << 0u;
        QTest::newRow("negative") << "-1"
                                  << "" << false << 0u << 0u;
        QTest::newRow("uid 0") << "0"
                               << "" << false << 0u << 0u;
        QTest::newRow("root") << "root"
                              << "" << false << 0u << 0u;
        QTest::newRow("a person's account (UID_MIN-UID_MAX)") << "1000"
                                                              << "" << false << 0u << 0u;
        QTest::newRow("a person's account inside node-uids") << "59995"
                                                             << "61000" << false << 0u << 0u;
        QTest::newRow("system account outside node-uids") << "daemon"
                                                          << "" << false << 0u << 0u;
        QTest::newRow("outside node-uids") << "61011"
                                           << "61000" << false << 0u << 0u;
        QTest::newRow("unknown user") << "no-such-user-redpak"
                                      << "" << false << 0u << 0u;
        QTest::newRow("gid 0") << "nobody"
                               << "0" << false << 0u << 0u;
        QTest::newRow("group root") << "nobody"
                                    << "root" << false << 0u << 0u;
        QTest::newRow("shadow group") << "nobody"
                                      << "shadow" << false << 0u << 0u;
        QTest::newRow("(gid_t)-1") << "nobody"
                                   << "4294967295" << false << 0u << 0u;
        QTest::newRow("gid outside node-gids") << "nobody"
                                               << "61011" << false << 0u << 0u;
        QTest::newRow("set-group alone, shadow") << ""
                                                 << "shadow" << false << 0u << 0u;
        QTest::newRow("node uid without passwd entry nor set-group") << "61000"
                                                                     << "" << false << 0u << 0u;
        QTest::newRow("unknown group") << "nobody"
                                       << "no-such-group-redpak" << false << 0u << 0u;
    }
    void nodeIdentities() {
        QFETCH(QString, setUser);
        QFETCH(QString, setGroup);
        QFETCH(bool, allowed);
        QFETCH(uint, uid);
        QFETCH(uint, gid);
        HelperConfig config;
        // Deliberately overlapping the login accounts: the policy refuses them on its own.
        config.nodeUids = IdRange{59990, 61010};
        config.nodeGids = IdRange{61000, 61010};
        config.nodeGroups = {"daemon"};
        const NodeIdentityPolicy policy(config);
        const auto optional = [](const QString& text) {
            return text.isEmpty() ? std::nullopt : std::optional(text.toStdString());
        };
        try {
            const NodeIdentity identity = policy.resolve(optional(setUser), optional(setGroup),
                                                         "node", ErrorKind::UnsafeNode);
            QVERIFY2(allowed, identity.text().c_str());
            QCOMPARE(identity, (NodeIdentity{uid, gid}));
        } catch (const HelperError& error) {
            QVERIFY2(!allowed, error.what());
            QCOMPARE(error.kind(), ErrorKind::UnsafeNode);
            QVERIFY2(std::string(error.what()).starts_with("node: set-"), error.what());
        }
        // The same rule refuses the value when a config is written.
        if (!setUser.isEmpty()) {
            bool refused = false;
            try {
                policy.checkUser(setUser.toStdString(), "f:3", ErrorKind::InvalidConfig);
            } catch (const HelperError& error) {
                refused = true;
                QCOMPARE(error.kind(), ErrorKind::InvalidConfig);
            }
            if (!allowed && setGroup.isEmpty() && setUser != "61000") {
                QVERIFY(refused);
            }
        }
    }

    void launchAsIsForOtherIdentities() {
        HelperConfig config;
        config.nodeUids = IdRange{61000, 61010};
        const NodeIdentityPolicy policy(config);
        QVERIFY(!policy.isOtherThanCaller(policy.fallback(), 1000));
        QVERIFY(!policy.isOtherThanCaller(policy.fallback(), 0));
        QVERIFY(policy.isOtherThanCaller(NodeIdentity{61000, 65534}, 1000));
        QVERIFY(policy.isOtherThanCaller(NodeIdentity{61000, 65534}, 0));
        // nobody's uid with another group is another identity.
        QVERIFY(policy.isOtherThanCaller(NodeIdentity{65534, 1}, 1000));
        const AuthorizationRequest request =
            launchAsAuthorization(CallFlags{true, false}, "test/app", NodeIdentity{65534, 1});
        QCOMPARE(request.actionId, QStringLiteral("org.redpak.node.launch-as"));
        QCOMPARE(request.details.value("node"), QStringLiteral("test/app"));
        QCOMPARE(request.details.value("user"), QStringLiteral("nobody"));
        QCOMPARE(request.details.value("group"), QStringLiteral("daemon"));
        QCOMPARE(request.details.value("uid"), QStringLiteral("65534"));
        QCOMPARE(request.details.value("gid"), QStringLiteral("1"));
        QVERIFY(request.allowUserInteraction);
    }

    void authorizationMapping_data() {
        QTest::addColumn<int>("method");
        QTest::addColumn<uint>("flags");
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("interactive");
        QTest::newRow("read") << int(Method::ReadConfig) << 0u << "org.redpak.config.read" << false;
        QTest::newRow("roots") << int(Method::ListRoots) << 0u << "org.redpak.config.read" << false;
        QTest::newRow("create") << int(Method::CreateNode) << 0u << "org.redpak.node.create"
                                << false;
        QTest::newRow("create interactive")
            << int(Method::CreateNode) << 1u << "org.redpak.node.create" << true;
        QTest::newRow("delete") << int(Method::DeleteNode) << 0u << "org.redpak.node.delete"
                                << false;
        QTest::newRow("write") << int(Method::WriteConfig) << 1u << "org.redpak.config.write"
                               << true;
        QTest::newRow("launch") << int(Method::Launch) << 0u << "org.redpak.node.launch" << false;
        QTest::newRow("launch admin")
            << int(Method::Launch) << 2u << "org.redpak.node.launch-admin" << false;
        QTest::newRow("launch admin interactive")
            << int(Method::Launch) << 3u << "org.redpak.node.launch-admin" << true;
        QTest::newRow("approve") << int(Method::RecordApproval) << 0u << "org.redpak.audit.approve"
                                 << false;
        QTest::newRow("list applications")
            << int(Method::ListApplications) << 0u << "org.redpak.config.read" << false;
        QTest::newRow("write application")
            << int(Method::WriteApplication) << 1u << "org.redpak.application.write" << true;
        QTest::newRow("remove application")
            << int(Method::RemoveApplication) << 0u << "org.redpak.application.remove" << false;
        QTest::newRow("own launches") << int(Method::ListLaunches) << 0u << QString() << false;
        QTest::newRow("stop own launch") << int(Method::StopLaunch) << 0u << QString() << false;
    }
    void authorizationMapping() {
        QFETCH(int, method);
        QFETCH(uint, flags);
        QFETCH(QString, action);
        QFETCH(bool, interactive);
        const auto decoded = CallFlags::decode(static_cast<Method>(method), flags);
        const AuthorizationRequest request =
            authorizationFor(static_cast<Method>(method), decoded, QStringLiteral("system/app"),
                             QStringLiteral("d"));
        QCOMPARE(request.actionId, action);
        QCOMPARE(request.allowUserInteraction, interactive);
        QCOMPARE(request.details.value("node"), QStringLiteral("system/app"));
        QCOMPARE(request.details.value("digest"), QStringLiteral("d"));
    }

    void applicationRequestsNameTheApplication_data() {
        QTest::addColumn<int>("method");
        QTest::addColumn<QString>("action");
        QTest::newRow("write") << int(Method::WriteApplication) << "org.redpak.application.write";
        QTest::newRow("remove") << int(Method::RemoveApplication)
                                << "org.redpak.application.remove";
    }
    void applicationRequestsNameTheApplication() {
        QFETCH(int, method);
        QFETCH(QString, action);
        const AuthorizationRequest request = applicationAuthorization(
            static_cast<Method>(method), CallFlags{true, false}, QStringLiteral("system/app"),
            QStringLiteral("org.example.Viewer"), QStringLiteral("d"));
        QCOMPARE(request.actionId, action);
        QVERIFY(request.allowUserInteraction);
        QCOMPARE(request.details.value("node"), QStringLiteral("system/app"));
        QCOMPARE(request.details.value("application"), QStringLiteral("org.example.Viewer"));
        QCOMPARE(request.details.value("digest"), QStringLiteral("d"));
    }

    void applicationPathsUseCoresIdRule_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("reverse DNS") << "org.example.Viewer" << true;
        QTest::newRow("dashes and underscores") << "my_tool-2" << true;
        QTest::newRow("parent") << ".." << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("hidden") << ".viewer" << false;
        QTest::newRow("option-like") << "-x" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("too long") << QString(129, 'a') << false;
        QTest::newRow("non-ASCII") << "caf\u00e9" << false;
    }
    void applicationPathsUseCoresIdRule() {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        const NodeName node = NodeName::parse("system/app");
        try {
            const std::string path = NodeStore::applicationPath(node, id.toStdString());
            QVERIFY2(valid, path.c_str());
            QCOMPARE(QString::fromStdString(path), "system/app/applications/" + id + ".desktop");
        } catch (const HelperError& error) {
            QVERIFY2(!valid, error.what());
            QCOMPARE(error.kind(), ErrorKind::InvalidArgument);
            QVERIFY2(QString(error.what()).contains("not a valid application ID"), error.what());
        }
    }

    void unknownFlagsRefused_data() {
        QTest::addColumn<int>("method");
        QTest::addColumn<uint>("flags");
        QTest::newRow("admin bit on a write") << int(Method::WriteConfig) << 2u;
        QTest::newRow("admin bit on create") << int(Method::CreateNode) << 2u;
        QTest::newRow("admin bit on an application") << int(Method::WriteApplication) << 2u;
        QTest::newRow("future bit on a removal") << int(Method::RemoveApplication) << 4u;
        QTest::newRow("future bit on launch") << int(Method::Launch) << 4u;
        QTest::newRow("high bit") << int(Method::ReadConfig) << 0x80000000u;
    }
    void unknownFlagsRefused() {
        QFETCH(int, method);
        QFETCH(uint, flags);
        try {
            CallFlags::decode(static_cast<Method>(method), flags);
            QFAIL("accepted");
        } catch (const HelperError& error) {
            QCOMPARE(error.kind(), ErrorKind::InvalidArgument);
        }
    }

    void safeDirRefusesSymlinks() {
        if (::geteuid() != 0) {
            QSKIP("needs root: SafeDir only trusts root-owned directories");
        }
        QTemporaryDir temp;
        QVERIFY(QDir(temp.path()).mkpath("root/real"));
        QVERIFY(QDir(temp.path()).mkpath("outside"));
        QVERIFY(QFile::link(temp.filePath("outside"), temp.filePath("root/link")));
        ::chmod(temp.path().toLocal8Bit().constData(), 0755);
        const SafeDir root = SafeDir::openTrusted(temp.filePath("root").toStdString());
        root.openSubdir("real");
        QVERIFY_THROWS_EXCEPTION(HelperError, root.openSubdir("link"));
        QVERIFY_THROWS_EXCEPTION(HelperError, root.openSubdir(std::vector<std::string>{"..", "x"}));

        // A symlink where a file is read or replaced is refused / replaced, never followed.
        QFile target(temp.filePath("outside/secret"));
        QVERIFY(target.open(QIODevice::WriteOnly));
        target.write("secret");
        target.close();
        QVERIFY(QFile::link(temp.filePath("outside/secret"), temp.filePath("root/file")));
        QVERIFY_THROWS_EXCEPTION(HelperError, root.readFile("file", 100));
        root.writeFileAtomically("file", "new", 0644);
        QVERIFY(target.open(QIODevice::ReadOnly));
        QCOMPARE(target.readAll(), QByteArray("secret"));
        QCOMPARE(*root.readFile("file", 100), std::string("new"));
        struct stat info {};
        QCOMPARE(::fstatat(root.fd(), "file", &info, AT_SYMLINK_NOFOLLOW), 0);
        QVERIFY(S_ISREG(info.st_mode));
        QCOMPARE(info.st_mode & 07777, 0644u);
        QCOMPARE(info.st_uid, 0u);
        QVERIFY_THROWS_EXCEPTION(HelperError, root.readFile("file", 2));
        QCOMPARE(::linkat(root.fd(), "file", root.fd(), "second", 0), 0);
        QVERIFY_THROWS_EXCEPTION(HelperError, root.readFile("file", 100));
    }

    void safeDirRefusesUntrustedDirectories() {
        if (::geteuid() != 0) {
            QSKIP("needs root: SafeDir only trusts root-owned directories");
        }
        QTemporaryDir temp;
        ::chmod(temp.path().toLocal8Bit().constData(), 0755);
        QVERIFY(QDir(temp.path()).mkpath("open/inner"));
        QCOMPARE(::chmod(temp.filePath("open").toLocal8Bit().constData(), 0777), 0);
        // Writable by others: anyone could rename "inner" away between two operations.
        QVERIFY_THROWS_EXCEPTION(HelperError,
                                 SafeDir::openTrusted(temp.filePath("open").toStdString()));
        QVERIFY_THROWS_EXCEPTION(HelperError,
                                 SafeDir::openTrusted(temp.filePath("open/inner").toStdString()));
        QVERIFY(QDir(temp.path()).mkpath("user"));
        QCOMPARE(::chown(temp.filePath("user").toLocal8Bit().constData(), 65534, 65534), 0);
        QVERIFY_THROWS_EXCEPTION(HelperError,
                                 SafeDir::openTrusted(temp.filePath("user").toStdString()));
    }

    void removeTreeDoesNotFollowLinks() {
        if (::geteuid() != 0) {
            QSKIP("needs root: SafeDir only trusts root-owned directories");
        }
        QTemporaryDir temp;
        ::chmod(temp.path().toLocal8Bit().constData(), 0755);
        QVERIFY(QDir(temp.path()).mkpath("root/node/etc"));
        QVERIFY(QDir(temp.path()).mkpath("outside"));
        QFile keep(temp.filePath("outside/keep"));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.close();
        QVERIFY(QFile::link(temp.filePath("outside"), temp.filePath("root/node/etc/escape")));
        const SafeDir root = SafeDir::openTrusted(temp.filePath("root").toStdString());
        root.removeTree("node");
        QVERIFY(!QFileInfo::exists(temp.filePath("root/node")));
        QVERIFY(QFileInfo::exists(temp.filePath("outside/keep")));
    }
};

QTEST_GUILESS_MAIN(TestHelperRules)
#include "tst_helperrules.moc"
