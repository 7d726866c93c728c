// SPDX-License-Identifier: Apache-2.0
// The D-Bus service with a fake Authority, over a private peer-to-peer connection: every
// method asks for the action of its verb with the node (and digest) in the details, and
// interaction only when the caller sets the flag; a refusal is Error.NotAuthorized and leaves
// the disk untouched; malformed arguments are refused before anyone is asked.
#include "authority.h"
#include "helper1adaptor.h"
#include "helperservice.h"
#include "journal.h"
#include "launcher.h"
#include "nodestore.h"
#include "redpak/base/digest.h"
#include "redpak/tree/templates.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusServer>
#include <QDBusUnixFileDescriptor>
#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <unistd.h>

using namespace redpak::helper;

namespace {

// Records every request and gives the configured answer.
class FakeAuthority final : public Authority {
public:
    void checkAuthorization(const AuthorizationRequest& request, const QString&,
                            std::function<void(bool)> done) override {
        requests.append(request);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [done, allow = allow] { done(allow); },
            Qt::QueuedConnection);
    }
    QList<AuthorizationRequest> requests;
    bool allow = false;
};

QStringList listTree(const QString& dir) {
    QStringList entries;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        entries << it.next();
    }
    entries.sort();
    return entries;
}

} // namespace

class TestHelperService : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QDBusServer> m_server;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<NodeStore> m_store;
    std::unique_ptr<Launcher> m_launcher;
    std::unique_ptr<HelperService> m_service;
    FakeAuthority m_authority;
    QString m_clientName = QStringLiteral("redpak-test-client");

    // Asynchronous on the client side: the service answers from this same thread.
    QDBusMessage call(const QString& method, const QVariantList& arguments,
                      const QString& interface = QStringLiteral("org.redpak.Helper1")) {
        QDBusMessage message = QDBusMessage::createMethodCall(
            QString(), QStringLiteral("/org/redpak/Helper"), interface, method);
        message.setArguments(arguments);
        QDBusPendingCallWatcher watcher(QDBusConnection(m_clientName).asyncCall(message));
        QSignalSpy finished(&watcher, &QDBusPendingCallWatcher::finished);
        if (!watcher.isFinished()) {
            finished.wait(10000);
        }
        return watcher.reply();
    }

private Q_SLOTS:
    void initTestCase() {
        registerHelperDBusTypes();
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath("nodes"));
        HelperConfig config;
        config.roots = {{"test", m_dir.filePath("nodes").toStdString()}};
        config.stateDir = m_dir.filePath("state").toStdString();
        m_journal = std::make_unique<Journal>(config.stateDir);
        m_store = std::make_unique<NodeStore>(config, *m_journal);
        m_launcher = std::make_unique<Launcher>(*m_store, QStringLiteral("/nonexistent"));

        m_server = std::make_unique<QDBusServer>(QStringLiteral("unix:dir=") + m_dir.path());
        QVERIFY(m_server->isConnected());
        connect(m_server.get(), &QDBusServer::newConnection, this,
                [this](const QDBusConnection& connection) {
                    m_service = std::make_unique<HelperService>(connection, *m_store, m_authority,
                                                                *m_launcher);
                    new Helper1Adaptor(m_service.get());
                    QDBusConnection(connection)
                        .registerObject(QStringLiteral("/org/redpak/Helper"), m_service.get());
                });
        const QDBusConnection client =
            QDBusConnection::connectToPeer(m_server->address(), m_clientName);
        QVERIFY(client.isConnected());
        QTRY_VERIFY(m_service != nullptr);
    }

    void cleanupTestCase() {
        QDBusConnection::disconnectFromPeer(m_clientName);
        m_service.reset();
    }

    void refusedCallsAskTheRightAction_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QVariantList>("arguments");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("digest");
        QTest::addColumn<bool>("interactive");
        const QString config = QStringLiteral("headers:\n  alias: app\n");
        const QString digest = QString::fromStdString(redpak::sha256Hex(config.toStdString()));
        QTest::newRow("create from template")
            << "CreateNode" << QVariantList{"test/app", "leaf", 0u} << "org.redpak.node.create"
            << QString::fromStdString(redpak::sha256Hex(redpak::findTemplate("leaf")->normal))
            << false;
        QTest::newRow("create with config, interactive")
            << "CreateNodeWithConfig" << QVariantList{"test/app", config, QString(), 1u}
            << "org.redpak.node.create" << digest << true;
        QTest::newRow("delete") << "DeleteNode" << QVariantList{"test/app", 0u}
                                << "org.redpak.node.delete" << QString() << false;
        QTest::newRow("write") << "WriteConfig"
                               << QVariantList{"test/app", 0u, config, QString(), 0u}
                               << "org.redpak.config.write" << digest << false;
        QTest::newRow("read") << "ReadConfig" << QVariantList{"test/app", 1u}
                              << "org.redpak.config.read" << QString() << false;
        QTest::newRow("launch") << "Launch" << QVariantList{"test/app", QStringList{"true"}, 0u}
                                << "org.redpak.node.launch" << QString() << false;
        QTest::newRow("launch admin interactive")
            << "Launch" << QVariantList{"test/app", QStringList{}, 3u}
            << "org.redpak.node.launch-admin" << QString() << true;
        const QString entry =
            QStringLiteral("[Desktop Entry]\nType=Application\nName=Viewer\nExec=viewer\n");
        const QString entryDigest = QString::fromStdString(redpak::sha256Hex(entry.toStdString()));
        QTest::newRow("list applications") << "ListApplications" << QVariantList{"test/app"}
                                           << "org.redpak.config.read" << QString() << false;
        QTest::newRow("write application, interactive")
            << "WriteApplication" << QVariantList{"test/app", "viewer", entry, QString(), 1u}
            << "org.redpak.application.write" << entryDigest << true;
        QTest::newRow("remove application")
            << "RemoveApplication" << QVariantList{"test/app", "viewer", entryDigest, 0u}
            << "org.redpak.application.remove" << entryDigest << false;
        QTest::newRow("approve") << "RecordApproval"
                                 << QVariantList{"test/app",
                                                 QVariant::fromValue(QList<RedpakFileDigest>{
                                                     {"test/app/etc/redpak.yaml", digest}}),
                                                 "ok", 0u}
                                 << "org.redpak.audit.approve"
                                 << QString::fromStdString(redpak::sha256Hex(
                                        "test/app/etc/redpak.yaml\n" + digest.toStdString() + "\n"))
                                 << false;
    }
    void refusedCallsAskTheRightAction() {
        QFETCH(QString, method);
        QFETCH(QVariantList, arguments);
        QFETCH(QString, action);
        QFETCH(QString, digest);
        QFETCH(bool, interactive);
        m_authority.allow = false;
        m_authority.requests.clear();
        const QStringList before = listTree(m_dir.path());
        const QDBusMessage reply = call(method, arguments);
        QCOMPARE(reply.type(), QDBusMessage::ErrorMessage);
        QCOMPARE(reply.errorName(), QStringLiteral("org.redpak.Helper1.Error.NotAuthorized"));
        QCOMPARE(m_authority.requests.size(), 1);
        const AuthorizationRequest& request = m_authority.requests.constFirst();
        QCOMPARE(request.actionId, action);
        QCOMPARE(request.details.value("node"), QStringLiteral("test/app"));
        QCOMPARE(request.details.value("digest"), digest);
        QCOMPARE(request.allowUserInteraction, interactive);
        QCOMPARE(listTree(m_dir.path()), before);
    }

    void malformedCallsRefusedBeforeAuthorization_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QVariantList>("arguments");
        QTest::addColumn<QString>("error");
        const QString invalidName = QStringLiteral("org.redpak.Helper1.Error.InvalidName");
        const QString invalidArgument = QStringLiteral("org.redpak.Helper1.Error.InvalidArgument");
        QTest::newRow("dot dot") << "DeleteNode" << QVariantList{"test/../etc", 0u} << invalidName;
        QTest::newRow("absolute path")
            << "ReadConfig" << QVariantList{"/etc/shadow", 0u} << invalidName;
        QTest::newRow("empty name") << "CreateNode" << QVariantList{"", "leaf", 0u} << invalidName;
        QTest::newRow("unknown flag")
            << "DeleteNode" << QVariantList{"test/app", 4u} << invalidArgument;
        QTest::newRow("admin flag on write")
            << "WriteConfig" << QVariantList{"test/app", 0u, "x", QString(), 2u} << invalidArgument;
        QTest::newRow("bad kind") << "ReadConfig" << QVariantList{"test/app", 2u}
                                  << invalidArgument;
        QTest::newRow("malformed digest")
            << "WriteConfig" << QVariantList{"test/app", 0u, "x", "abc", 0u} << invalidArgument;
        QTest::newRow("oversized config")
            << "WriteConfig"
            << QVariantList{"test/app", 0u, QString(1024 * 1024 + 1, 'x'), QString(), 0u}
            << invalidArgument;
        QTest::newRow("too many arguments")
            << "Launch" << QVariantList{"test/app", QStringList(257, "x"), 0u} << invalidArgument;
        QTest::newRow("oversized comment")
            << "RecordApproval"
            << QVariantList{"test/app", QVariant::fromValue(QList<RedpakFileDigest>{}),
                            QString(4097, 'c'), 0u}
            << invalidArgument;
        const QString entry =
            QStringLiteral("[Desktop Entry]\nType=Application\nName=Viewer\nExec=viewer\n");
        QTest::newRow("application ID with a slash")
            << "WriteApplication" << QVariantList{"test/app", "../x", entry, QString(), 0u}
            << invalidArgument;
        QTest::newRow("empty application ID")
            << "RemoveApplication" << QVariantList{"test/app", "", QString(64, 'a'), 0u}
            << invalidArgument;
        QTest::newRow("oversized entry")
            << "WriteApplication"
            << QVariantList{"test/app", "viewer", QString(64 * 1024 + 1, 'x'), QString(), 0u}
            << invalidArgument;
        QTest::newRow("admin flag on an application")
            << "WriteApplication" << QVariantList{"test/app", "viewer", entry, QString(), 2u}
            << invalidArgument;
        QTest::newRow("removal without digest")
            << "RemoveApplication" << QVariantList{"test/app", "viewer", QString(), 0u}
            << invalidArgument;
        QTest::newRow("application name with a path")
            << "ListApplications" << QVariantList{"/var/redpak/app"} << invalidName;
        QTest::newRow("unknown template") << "CreateNode" << QVariantList{"test/app", "nope", 0u}
                                          << QStringLiteral("org.redpak.Helper1.Error.NotFound");
    }
    void malformedCallsRefusedBeforeAuthorization() {
        QFETCH(QString, method);
        QFETCH(QVariantList, arguments);
        QFETCH(QString, error);
        m_authority.allow = true;
        m_authority.requests.clear();
        const QDBusMessage reply = call(method, arguments);
        QCOMPARE(reply.type(), QDBusMessage::ErrorMessage);
        QCOMPARE(reply.errorName(), error);
        QVERIFY(m_authority.requests.isEmpty());
    }

    void version() {
        const QDBusMessage reply =
            call(QStringLiteral("Get"),
                 {QStringLiteral("org.redpak.Helper1"), QStringLiteral("Version")},
                 QStringLiteral("org.freedesktop.DBus.Properties"));
        QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
        QCOMPARE(reply.arguments().constFirst().value<QDBusVariant>().variant().toUInt(),
                 kInterfaceRevision);
    }
};

QTEST_GUILESS_MAIN(TestHelperService)
#include "tst_helperservice.moc"
