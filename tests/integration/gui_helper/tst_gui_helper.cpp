// SPDX-License-Identifier: Apache-2.0
// The GUI's helper-backed classes (HelperClient, HelperNodeStore, HelperLauncher, and the GUI
// controllers above them) against the real redpak-helper, polkitd and system bus started by
// test_gui_helper.py, which runs this program as an unprivileged test user.
//
// Environment (set by the driver): DBUS_SYSTEM_BUS_ADDRESS (the private system bus),
// REDPAK_TEST_NODE_ROOT (the helper's root "test", owned by root), REDPAK_TEST_CALLER
// ("authorized": polkit grants every action; "denied": polkit refuses all but reading),
// REDPAK_TEST_BIN_DIR (the built redconf, to check what the CLI says about GUI approvals).
#include "applicationsmodel.h"
#include "auditcontroller.h"
#include "configdocument.h"
#include "helperclient.h"
#include "helperlauncher.h"
#include "helpernodestore.h"
#include "launchmodel.h"
#include "nodeactions.h"
#include "nodetreemodel.h"
#include "redpak/review/audit_status.h"
#include "redpak/review/text_diff.h"
#include "reviewmodel.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <optional>
#include <unistd.h>

using namespace redpak::gui;

namespace {

// Polkit, bwrap and the helper's worker are real: generous, never a timing assertion.
constexpr int kWaitMs = 60000;

QString nodeRoot() {
    return qEnvironmentVariable("REDPAK_TEST_NODE_ROOT");
}

QString nodePath(const QString& relative) {
    return nodeRoot() + QLatin1Char('/') + relative;
}

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString configText(const QString& alias, const QString& greeting) {
    return QStringLiteral("headers:\n  alias: %1\nconfig:\n  verbose: 0\nenviron:\n"
                          "  - key: GREETING\n    value: '%2'\n")
        .arg(alias, greeting);
}

// Runs an asynchronous store call (`start(context, done)`) and waits for its reply.
template <typename Reply, typename Start> std::optional<Reply> await(Start start) {
    std::optional<Reply> reply;
    QObject context;
    start(&context, [&reply](const Reply& value) { reply = value; });
    // No reply in time: nullopt, which the caller's QVERIFY reports.
    return QTest::qWaitFor([&reply] { return reply.has_value(); }, kWaitMs) ? reply : std::nullopt;
}

std::optional<ConfigFileContent> readConfig(NodeStore& store, const QString& node,
                                            ConfigKind kind) {
    return await<ConfigFileContent>(
        [&](QObject* context, auto done) { store.readConfig(node, kind, context, done); });
}

std::optional<WriteReply> writeConfig(NodeStore& store, const QString& node, ConfigKind kind,
                                      const QString& text, const QByteArray& digest) {
    return await<WriteReply>([&](QObject* context, auto done) {
        store.writeConfig(node, kind, text, digest, context, done);
    });
}

// `redconf audit ACTION --redpath NODE` as built: exit status and standard output.
std::pair<int, QString> redconfAudit(const QString& action, const QString& node) {
    QProcess redconf;
    redconf.start(qEnvironmentVariable("REDPAK_TEST_BIN_DIR") + QStringLiteral("/redconf"),
                  {QStringLiteral("audit"), action, QStringLiteral("--redpath"), node});
    if (!redconf.waitForFinished(kWaitMs) || redconf.exitStatus() != QProcess::NormalExit) {
        return {-1, QString::fromUtf8(redconf.readAllStandardError())};
    }
    return {redconf.exitCode(), QString::fromUtf8(redconf.readAllStandardOutput())};
}

// What a HelperLauncher reported for one launch.
struct LaunchRecord {
    QList<quint64> started;
    QString output;
    std::optional<int> status;
    std::optional<QString> failure;

    explicit LaunchRecord(HelperLauncher& launcher, quint64 id) {
        QObject::connect(&launcher, &Launcher::started, &launcher, [this, id](quint64 which) {
            if (which == id) {
                started.append(which);
            }
        });
        QObject::connect(&launcher, &Launcher::outputReceived, &launcher,
                         [this, id](quint64 which, const QString& text) {
                             if (which == id) {
                                 output += text;
                             }
                         });
        QObject::connect(&launcher, &Launcher::finished, &launcher,
                         [this, id](quint64 which, int exitStatus) {
                             if (which == id) {
                                 status = exitStatus;
                             }
                         });
        QObject::connect(&launcher, &Launcher::failedToStart, &launcher,
                         [this, id](quint64 which, const QString& error) {
                             if (which == id) {
                                 failure = error;
                             }
                         });
    }
    bool ended() const { return status.has_value() || failure.has_value(); }
};

// The Applications page's model on a node of the workspace (no launch here), its menu entries in
// a temporary directory; `listed` counts the lists shown.
struct ApplicationsView {
    explicit ApplicationsView(Workspace* workspace, const QString& node)
        : model(workspace, &launches) {
        model.setMenuDirectory(menu.path());
        model.setNodePath(node); // the rows are cleared now, listed when the helper answers
    }
    LaunchModel launches{[](const QString&) -> Launcher* { return nullptr; }};
    ApplicationsModel model;
    QTemporaryDir menu;
    QSignalSpy listed{&model, &QAbstractItemModel::modelReset};
    QSignalSpy errors{&model, &ApplicationsModel::errorChanged};
};

// Common set-up: the system root opened in a workspace, as the GUI opens it.
class HelperTestBase : public QObject {
    Q_OBJECT
protected:
    void openSystemRoot() {
        QVERIFY2(!nodeRoot().isEmpty(), "REDPAK_TEST_NODE_ROOT is not set (run the driver)");
        QVERIFY(m_workspace.addRoot(nodeRoot()));
        NodeStore* store = m_workspace.storeFor(nodeRoot());
        QVERIFY(store);
        // The user cannot write the root: the GUI goes through the helper.
        QVERIFY(store->usesHelper());
        m_store = store;
    }

    Workspace m_workspace;
    NodeStore* m_store = nullptr;
};

// Saves the document's text the way the GUI does: reviewed first, then the reviewed text.
bool saveReviewed(ConfigDocument& document) {
    ReviewModel review;
    review.reviewDocument(&document);
    return review.applyReviewed(review.reviewToken());
}

} // namespace

// Polkit grants this user every org.redpak action (except writing test/locked).
class AuthorizedCaller : public HelperTestBase {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { openSystemRoot(); }

    void listsTheSystemRoot() {
        NodeTreeModel tree(&m_workspace);
        // The tree and its badges come from the inspection thread.
        QTRY_VERIFY_WITH_TIMEOUT(!tree.isInspecting(), kWaitMs);
        for (const QString& alias : {QStringLiteral("edit"), QStringLiteral("run"),
                                     QStringLiteral("parent"), QStringLiteral("child")}) {
            const QString path =
                alias == QLatin1String("child") ? nodePath("parent/child") : nodePath(alias);
            const QModelIndex index = tree.indexForPath(path);
            QVERIFY2(index.isValid(), qPrintable(path));
            QCOMPARE(index.data(NodeTreeModel::AliasRole).toString(), alias);
            QVERIFY(index.data(NodeTreeModel::UsesHelperRole).toBool());
        }
    }

    void resolvesHelperNames_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("name"); // empty: not under a helper root
        QTest::newRow("the root itself") << nodeRoot() << "test";
        QTest::newRow("a node") << nodePath("edit") << "test/edit";
        QTest::newRow("a nested node") << nodePath("parent/child") << "test/parent/child";
        QTest::newRow("a path to clean") << nodePath("parent/./child/") << "test/parent/child";
        QTest::newRow("a sibling sharing the prefix") << nodeRoot() + "x/edit" << QString();
        QTest::newRow("outside") << QDir::tempPath() << QString();
    }

    void resolvesHelperNames() {
        QFETCH(QString, path);
        QFETCH(QString, name);
        std::optional<std::optional<QString>> resolved;
        StoreResult result;
        QObject context;
        HelperClient::shared().resolveName(
            path, &context, [&](const std::optional<QString>& value, const StoreResult& why) {
                resolved = value;
                result = why;
            });
        QVERIFY(QTest::qWaitFor([&] { return resolved.has_value(); }, kWaitMs));
        if (name.isEmpty()) {
            QVERIFY(!resolved->has_value());
            QCOMPARE(result.error, StoreError::NotFound);
            return;
        }
        QCOMPARE(resolved->value_or(QString()), name);
        QCOMPARE(HelperClient::shared().pathForName(name), QDir::cleanPath(path));
    }

    void readsConfigWithDigest_data() {
        QTest::addColumn<QString>("node");
        QTest::addColumn<ConfigKind>("kind");
        QTest::addColumn<StoreError>("error");
        QTest::addColumn<bool>("exists");
        QTest::addColumn<QString>("file"); // relative to the node
        QTest::newRow("normal") << "edit" << ConfigKind::Normal << StoreError::None << true
                                << "etc/redpak.yaml";
        QTest::newRow("admin present")
            << "parent" << ConfigKind::Admin << StoreError::None << true << "etc/redpak-admin.yaml";
        QTest::newRow("admin absent")
            << "edit" << ConfigKind::Admin << StoreError::None << false << QString();
        QTest::newRow("nested") << "parent/child" << ConfigKind::Normal << StoreError::None << true
                                << "etc/redpak.yaml";
        QTest::newRow("no such node")
            << "missing" << ConfigKind::Normal << StoreError::NotFound << false << QString();
    }

    void readsConfigWithDigest() {
        QFETCH(QString, node);
        QFETCH(ConfigKind, kind);
        QFETCH(StoreError, error);
        QFETCH(bool, exists);
        QFETCH(QString, file);
        const auto content = readConfig(*m_store, nodePath(node), kind);
        QVERIFY(content);
        QCOMPARE(content->result.error, error);
        QCOMPARE(content->exists, exists);
        if (!exists) {
            QVERIFY(content->text.isEmpty());
            QVERIFY(content->digest.isEmpty());
            return;
        }
        const QByteArray onDisk = fileBytes(nodePath(node) + QLatin1Char('/') + file);
        QVERIFY(!onDisk.isEmpty());
        QCOMPARE(content->text, QString::fromUtf8(onDisk));
        QCOMPARE(content->digest, contentDigest(onDisk));
    }

    void refusesBadWrites_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("digestOf"); // "disk", "stale" or "absent"
        QTest::addColumn<StoreError>("error");
        QTest::addColumn<QString>("detailPart");
        QTest::newRow("stale digest")
            << configText("edit", "x") << "stale" << StoreError::StaleDigest << "";
        QTest::newRow("file said absent")
            << configText("edit", "x") << "absent" << StoreError::StaleDigest << "";
        QTest::newRow("invalid yaml")
            << "headers:\n  alias: [x\n"
            << "disk" << StoreError::InvalidConfig << "test/edit/etc/redpak.yaml:";
        QTest::newRow("unknown key") << "headers:\n  alias: edit\nconfig:\n  shar_net: enabled\n"
                                     << "disk" << StoreError::InvalidConfig << "shar_net";
    }

    void refusesBadWrites() {
        QFETCH(QString, text);
        QFETCH(QString, digestOf);
        QFETCH(StoreError, error);
        QFETCH(QString, detailPart);
        const QString file = nodePath("edit/etc/redpak.yaml");
        const QByteArray before = fileBytes(file);
        QByteArray digest;
        if (digestOf == QLatin1String("disk")) {
            digest = contentDigest(before);
        } else if (digestOf == QLatin1String("stale")) {
            digest = contentDigest("an older version\n");
        }
        const auto reply =
            writeConfig(*m_store, nodePath("edit"), ConfigKind::Normal, text, digest);
        QVERIFY(reply);
        QCOMPARE(reply->result.error, error);
        QVERIFY2(reply->result.detail.contains(detailPart), qPrintable(reply->result.detail));
        QVERIFY(reply->newDigest.isEmpty());
        QCOMPARE(fileBytes(file), before);
    }

    // The editor saves through the helper with the digest of the file it was loaded from.
    void savesAnEditedConfig_data() {
        QTest::addColumn<ConfigKind>("kind");
        QTest::addColumn<QString>("file");
        QTest::newRow("normal config") << ConfigKind::Normal << "etc/redpak.yaml";
        QTest::newRow("new admin config") << ConfigKind::Admin << "etc/redpak-admin.yaml";
    }

    void savesAnEditedConfig() {
        QFETCH(ConfigKind, kind);
        QFETCH(QString, file);
        const QString node = nodePath("save");
        ConfigDocument document(&m_workspace, kind);
        document.load(node);
        QTRY_COMPARE_WITH_TIMEOUT(document.status(), ConfigDocument::Status::Ready, kWaitMs);
        QVERIFY(document.usesHelper());
        QSignalSpy saved(&document, &ConfigDocument::saved);
        if (kind == ConfigKind::Admin) {
            QVERIFY(!document.fileExists());
            document.createFile();
        } else {
            document.editText(configText("save", "saved by the GUI"));
        }
        const QString text = document.text();
        QVERIFY(document.canSave());
        saveReviewed(document);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kWaitMs);
        QCOMPARE(document.status(), ConfigDocument::Status::Ready);
        QVERIFY2(document.errorString().isEmpty(), qPrintable(document.errorString()));
        QVERIFY(!document.isModified());
        QVERIFY(document.fileExists());
        const QString path = node + QLatin1Char('/') + file;
        QCOMPARE(QString::fromUtf8(fileBytes(path)), text);
        const QFileInfo info(path);
        QCOMPARE(info.ownerId(), 0u);
        QCOMPARE(info.permissions() & (QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());

        // The next save is based on the digest the helper returned.
        document.editText(text + QStringLiteral("# second save\n"));
        saveReviewed(document);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, kWaitMs);
        QVERIFY2(document.errorString().isEmpty(), qPrintable(document.errorString()));
        QCOMPARE(QString::fromUtf8(fileBytes(path)), document.text());
    }

    // Someone else saved first: the helper refuses the stale digest, the document shows the
    // conflict and keeps what was typed; the user then picks a side.
    void staleSaveKeepsTheEdit_data() {
        QTest::addColumn<bool>("keepMine");
        QTest::newRow("keep mine") << true;
        QTest::newRow("take theirs") << false;
    }

    void staleSaveKeepsTheEdit() {
        QFETCH(bool, keepMine);
        const QString node = nodePath("conflict");
        const QString file = node + QStringLiteral("/etc/redpak.yaml");
        ConfigDocument document(&m_workspace, ConfigKind::Normal);
        document.load(node);
        QTRY_COMPARE_WITH_TIMEOUT(document.status(), ConfigDocument::Status::Ready, kWaitMs);
        const QString mine = configText("conflict", keepMine ? "mine, kept" : "mine, undone");
        document.editText(mine);

        // Another window saves through its own store while this one is being edited.
        HelperNodeStore otherWindow(nodeRoot());
        const QString theirs = configText("conflict", keepMine ? "theirs" : "theirs, taken");
        const auto other = writeConfig(otherWindow, node, ConfigKind::Normal, theirs,
                                       contentDigest(fileBytes(file)));
        QVERIFY(other);
        QVERIFY2(other->result.ok(), qPrintable(other->result.detail));

        QSignalSpy saved(&document, &ConfigDocument::saved);
        saveReviewed(document);
        QTRY_VERIFY_WITH_TIMEOUT(document.status() == ConfigDocument::Status::Ready &&
                                     !document.errorString().isEmpty() && document.hasConflict(),
                                 kWaitMs);
        QCOMPARE(saved.count(), 0);
        QVERIFY2(document.errorString().startsWith(storeErrorMessage({StoreError::StaleDigest})),
                 qPrintable(document.errorString()));
        QCOMPARE(document.text(), mine);
        QVERIFY(document.isModified());
        QCOMPARE(QString::fromUtf8(fileBytes(file)), theirs);

        if (keepMine) {
            document.keepMine();
            QVERIFY(!document.hasConflict());
            saveReviewed(document);
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kWaitMs);
            QCOMPARE(QString::fromUtf8(fileBytes(file)), mine);
        } else {
            document.takeTheirs();
            QCOMPARE(document.text(), theirs);
            QVERIFY(!document.isModified());
            document.undo(); // what was typed is still there
            QCOMPARE(document.text(), mine);
            QCOMPARE(QString::fromUtf8(fileBytes(file)), theirs);
        }
    }

    void createsAndDeletesNodes_data() {
        QTest::addColumn<QString>("templateName");
        NodeActions actions(&m_workspace);
        for (const QString& name : actions.templates()) {
            QTest::newRow(qPrintable(name)) << name;
        }
    }

    void createsAndDeletesNodes() {
        QFETCH(QString, templateName);
        const QString alias = QStringLiteral("fresh-") + templateName;
        const QString path = nodePath(alias);
        NodeActions actions(&m_workspace);
        QSignalSpy created(&actions, &NodeActions::created);
        QSignalSpy removed(&actions, &NodeActions::removed);
        actions.setParentPath(nodeRoot());
        actions.setAlias(alias);
        actions.setTemplateName(templateName);
        QVERIFY2(actions.canCreate(), qPrintable(actions.aliasError()));
        actions.create();
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, kWaitMs);
        QCOMPARE(created.at(0).at(0).toString(), path);
        QVERIFY2(actions.errorString().isEmpty(), qPrintable(actions.errorString()));
        QCOMPARE(QFileInfo(path).ownerId(), 0u);
        const auto content = readConfig(*m_store, path, ConfigKind::Normal);
        QVERIFY(content && content->result.ok());
        QVERIFY2(content->text.contains(QStringLiteral("alias: ") + alias),
                 qPrintable(content->text));
        NodeTreeModel tree(&m_workspace);
        // The tree and its badges come from the inspection thread.
        QTRY_VERIFY_WITH_TIMEOUT(!tree.isInspecting(), kWaitMs);
        QVERIFY(tree.indexForPath(path).isValid());

        // Creating it again is refused (the create form already says so: ask the store).
        std::optional<StoreResult> again;
        QObject context;
        m_store->createNode(nodeRoot(), alias, templateName, &context,
                            [&again](const StoreResult& result) { again = result; });
        QVERIFY(QTest::qWaitFor([&] { return again.has_value(); }, kWaitMs));
        QCOMPARE(again->error, StoreError::AlreadyExists);

        actions.remove(path);
        QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, kWaitMs);
        QVERIFY2(actions.errorString().isEmpty(), qPrintable(actions.errorString()));
        QVERIFY(!QFileInfo::exists(path));

        actions.remove(path);
        QTRY_VERIFY_WITH_TIMEOUT(!actions.isBusy(), kWaitMs);
        QCOMPARE(removed.count(), 1);
        QVERIFY2(actions.errorString().startsWith(storeErrorMessage({StoreError::NotFound})),
                 qPrintable(actions.errorString()));
    }

    void refusesToDeleteANodeWithChildren() {
        NodeActions actions(&m_workspace);
        const QByteArray before = fileBytes(nodePath("parent/etc/redpak.yaml"));
        actions.remove(nodePath("parent"));
        QTRY_VERIFY_WITH_TIMEOUT(!actions.isBusy(), kWaitMs);
        QVERIFY(!actions.errorString().isEmpty());
        QVERIFY(QFileInfo::exists(nodePath("parent/child/etc/redpak.yaml")));
        QCOMPARE(fileBytes(nodePath("parent/etc/redpak.yaml")), before);
    }

    void launchesACommand_data() {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<bool>("admin");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("output");
        const QString sh = QStringLiteral("/bin/sh");
        const QString c = QStringLiteral("-c");
        QTest::newRow("status and output")
            << QStringList{sh, c, "echo $GREETING; exit 3"} << false << 3 << "hello\n";
        // Only the admin config sets ADMIN_NOTE.
        QTest::newRow("normal merge")
            << QStringList{sh, c, "echo \"$GREETING/$ADMIN_NOTE\""} << false << 0 << "hello/\n";
        QTest::newRow("admin merge") << QStringList{sh, c, "echo \"$GREETING/$ADMIN_NOTE\""} << true
                                     << 0 << "hello/from admin\n";
        QTest::newRow("standard error too")
            << QStringList{sh, c, "echo oops >&2; exit 1"} << false << 1 << "oops\n";
        QString numbers;
        for (int i = 1; i <= 30000; ++i) {
            numbers += QString::number(i) + QLatin1Char('\n');
        }
        QTest::newRow("more than a pipe holds")
            << QStringList{QStringLiteral("/usr/bin/seq"), QStringLiteral("30000")} << false << 0
            << numbers;
        // 4095 ASCII bytes then "é": the two bytes of é straddle the first 4096-byte read.
        QTest::newRow("utf-8 across reads")
            << QStringList{sh, c, "head -c 4095 /dev/zero | tr '\\0' a; printf '\\303\\251\\n'"}
            << false << 0 << QString(4095, QLatin1Char('a')) + QStringLiteral("\u00e9\n");
        QTest::newRow("no output")
            << QStringList{QStringLiteral("/bin/true")} << false << 0 << QString();
    }

    void launchesACommand() {
        QFETCH(QStringList, command);
        QFETCH(bool, admin);
        QFETCH(int, status);
        QFETCH(QString, output);
        HelperLauncher launcher;
        QVERIFY(!launcher.acceptsInput());
        const quint64 id = 7;
        LaunchRecord record(launcher, id);
        launcher.start(id, LaunchRequest{nodePath("run"), command, admin});
        QTRY_VERIFY_WITH_TIMEOUT(record.ended(), kWaitMs);
        QVERIFY2(!record.failure, qPrintable(record.failure.value_or(QString())));
        QCOMPARE(record.started, QList<quint64>{id});
        QCOMPARE(*record.status, status);
        QCOMPARE(record.output, output);
    }

    void stopsALaunch() {
        HelperLauncher launcher;
        const quint64 id = 8;
        LaunchRecord record(launcher, id);
        launcher.start(id, LaunchRequest{nodePath("run"),
                                         {QStringLiteral("/bin/sleep"), QStringLiteral("600")}});
        QTRY_COMPARE_WITH_TIMEOUT(record.started.size(), 1, kWaitMs);
        QVERIFY(!record.ended());
        launcher.stop(id);
        QTRY_VERIFY_WITH_TIMEOUT(record.ended(), kWaitMs);
        QVERIFY(record.status);
        QCOMPARE(*record.status, 128 + 15); // SIGTERM
        QVERIFY(!record.failure);
    }

    // The second "done when" through the GUI code path on a system node: "Approve"
    // records the approval through the helper (a root-owned record that core and the CLI then
    // report as approved); a file of the family edited and saved through the helper afterwards
    // shows as drift, with the exact diff, in "show drift" and in the CLI.
    void approvesASystemNodeThenShowsItsDrift() {
        const QString leaf = nodePath("audited/member");
        const QString parentFile = nodePath("audited/etc/redpak.yaml");
        AuditController audit;
        audit.setWorkspace(&m_workspace);
        audit.setNodePath(leaf);
        QCOMPARE(audit.state(), AuditController::State::NotAudited);
        QSignalSpy approved(&audit, &AuditController::approved);
        audit.approve(QStringLiteral("approved from the GUI"));
        QVERIFY(audit.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!audit.isBusy(), kWaitMs);
        QVERIFY2(audit.errorString().isEmpty(), qPrintable(audit.errorString()));
        QCOMPARE(approved.count(), 1);
        QCOMPARE(audit.state(), AuditController::State::Approved);
        QCOMPARE(audit.comment(), QStringLiteral("approved from the GUI"));
        QCOMPARE(audit.approvedBy(), QString::fromStdString(redpak::approverFor(::getuid()).name));

        // Written by the helper, root-owned, readable by every launcher.
        const QFileInfo record(leaf + QStringLiteral("/.rednode-audit.json"));
        QVERIFY(record.exists());
        QCOMPARE(record.ownerId(), 0u);
        QCOMPARE(record.permissions() & (QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        QVERIFY(redpak::auditStatus(leaf.toStdString()).state == redpak::AuditState::Approved);
        const auto [statusExit, statusText] = redconfAudit(QStringLiteral("status"), leaf);
        QCOMPARE(statusExit, 0);
        QVERIFY2(statusText.startsWith(leaf + QStringLiteral(": approved (approved by ")),
                 qPrintable(statusText));

        // A parent's config edited in the GUI editor and saved through the helper.
        ConfigDocument document(&m_workspace, ConfigKind::Normal);
        document.load(nodePath("audited"));
        QTRY_COMPARE_WITH_TIMEOUT(document.status(), ConfigDocument::Status::Ready, kWaitMs);
        const QString audited = document.text();
        QVERIFY(audited.contains(QStringLiteral("config:\n")));
        QString edited = audited;
        edited.replace(QStringLiteral("config:\n"),
                       QStringLiteral("config:\n  share_net: enabled\n"));
        document.editText(edited);
        QSignalSpy saved(&document, &ConfigDocument::saved);
        saveReviewed(document);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kWaitMs);
        QCOMPARE(QString::fromUtf8(fileBytes(parentFile)), edited);

        audit.refresh();
        QCOMPARE(audit.state(), AuditController::State::Drifted);
        QCOMPARE(audit.driftedFiles(), QStringList{QStringLiteral("modified ") + parentFile});
        const QString diff = QString::fromStdString(redpak::unifiedDiff(
            audited.toStdString(), edited.toStdString(), parentFile.toStdString() + " (audited)",
            parentFile.toStdString() + " (current)"));
        QVERIFY(diff.contains(QStringLiteral("\n+  share_net: enabled\n")));
        QCOMPARE(audit.driftText(), diff);
        QVERIFY2(audit.semanticSummary().contains(QStringLiteral("widening namespace net")),
                 qPrintable(audit.semanticSummary()));
        const auto [driftExit, driftText] = redconfAudit(QStringLiteral("diff"), leaf);
        QCOMPARE(driftExit, 1);
        QVERIFY2(driftText.contains(diff), qPrintable(driftText));
    }

    void writesAndRemovesAnApplicationOfASystemNode() {
        ApplicationsView view(&m_workspace, nodePath("apps"));
        QVERIFY(view.listed.wait(kWaitMs));
        QCOMPARE(view.model.rowCount(), 0);
        QVERIFY(view.model.isEditable());
        QVERIFY(view.model.addCommand(QStringLiteral("Hello"), QStringLiteral("sh -c 'echo hi'"),
                                      false));
        QVERIFY(view.listed.wait(kWaitMs));
        QVERIFY2(view.model.error().isEmpty(), qPrintable(view.model.error()));
        QCOMPARE(view.model.rowCount(), 1);
        QCOMPARE(view.model.data(view.model.index(0), ApplicationsModel::CommandRole).toString(),
                 QStringLiteral("sh -c 'echo hi'"));
        const QString file = nodePath("apps/applications/hello.desktop");
        QCOMPARE(QFileInfo(file).ownerId(), 0u);
        QVERIFY(fileBytes(file).contains("\nName=Hello\n"));
        QVERIFY(view.model.remove(0));
        QVERIFY(view.listed.wait(kWaitMs));
        QVERIFY2(view.model.error().isEmpty(), qPrintable(view.model.error()));
        QCOMPARE(view.model.rowCount(), 0);
        QVERIFY(!QFileInfo::exists(file));
    }

    void refusesAnUnsafeLaunch() {
        HelperLauncher launcher;
        const quint64 id = 9;
        LaunchRecord record(launcher, id);
        launcher.start(id, LaunchRequest{nodePath("unsafe"), {QStringLiteral("/bin/true")}});
        QTRY_VERIFY_WITH_TIMEOUT(record.ended(), kWaitMs);
        QVERIFY(record.started.isEmpty());
        QVERIFY(record.failure);
        QVERIFY2(record.failure->contains(QStringLiteral("commands are not run")),
                 qPrintable(*record.failure));
    }
};

// Polkit refuses this user everything but reading: the GUI says so, and nothing changes.
class DeniedCaller : public HelperTestBase {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { openSystemRoot(); }

    void readingIsAllowed() {
        NodeTreeModel tree(&m_workspace);
        // The tree and its badges come from the inspection thread.
        QTRY_VERIFY_WITH_TIMEOUT(!tree.isInspecting(), kWaitMs);
        QVERIFY(tree.indexForPath(nodePath("edit")).isValid());
        const auto content = readConfig(*m_store, nodePath("edit"), ConfigKind::Normal);
        QVERIFY(content);
        QVERIFY2(content->result.ok(), qPrintable(content->result.detail));
        QCOMPARE(content->digest, contentDigest(fileBytes(nodePath("edit/etc/redpak.yaml"))));
    }

    void saveIsRefusedAndTheEditKept_data() {
        QTest::addColumn<ConfigKind>("kind");
        QTest::newRow("normal config") << ConfigKind::Normal;
        QTest::newRow("new admin config") << ConfigKind::Admin;
    }

    void saveIsRefusedAndTheEditKept() {
        QFETCH(ConfigKind, kind);
        ConfigDocument document(&m_workspace, kind);
        document.load(nodePath("edit"));
        QTRY_COMPARE_WITH_TIMEOUT(document.status(), ConfigDocument::Status::Ready, kWaitMs);
        if (kind == ConfigKind::Admin) {
            document.createFile();
        } else {
            document.editText(configText("edit", "not allowed"));
        }
        const QString typed = document.text();
        QSignalSpy saved(&document, &ConfigDocument::saved);
        saveReviewed(document);
        QTRY_VERIFY_WITH_TIMEOUT(document.status() == ConfigDocument::Status::Ready &&
                                     !document.errorString().isEmpty(),
                                 kWaitMs);
        QCOMPARE(saved.count(), 0);
        QVERIFY2(document.errorString().startsWith(storeErrorMessage({StoreError::NotAuthorized})),
                 qPrintable(document.errorString()));
        QCOMPARE(document.text(), typed);
        QVERIFY(document.isModified());
        QVERIFY(!document.hasConflict());
    }

    void applicationWritesAreRefused() {
        ApplicationsView view(&m_workspace, nodePath("apps"));
        QVERIFY(view.listed.wait(kWaitMs));
        QVERIFY(view.model.addCommand(QStringLiteral("Hello"), QStringLiteral("true"), false));
        QVERIFY(view.errors.wait(kWaitMs));
        QVERIFY2(view.model.error().startsWith(storeErrorMessage({StoreError::NotAuthorized})),
                 qPrintable(view.model.error()));
        QVERIFY2(view.model.error().contains(QStringLiteral("org.redpak.application.write")),
                 qPrintable(view.model.error()));
        QCOMPARE(view.model.rowCount(), 0);
        QVERIFY(!QFileInfo::exists(nodePath("apps/applications/hello.desktop")));
    }

    void storeCallsAreRefused_data() {
        QTest::addColumn<QString>("call");
        QTest::newRow("write normal") << "write normal";
        QTest::newRow("write admin") << "write admin";
        QTest::newRow("create") << "create";
        QTest::newRow("delete") << "delete";
    }

    void storeCallsAreRefused() {
        QFETCH(QString, call);
        const QString node = nodePath("edit");
        std::optional<StoreResult> result;
        if (call.startsWith(QLatin1String("write"))) {
            const bool admin = call.endsWith(QLatin1String("admin"));
            const QByteArray digest =
                admin ? QByteArray() : contentDigest(fileBytes(node + "/etc/redpak.yaml"));
            const auto reply =
                writeConfig(*m_store, node, admin ? ConfigKind::Admin : ConfigKind::Normal,
                            configText("edit", "denied"), digest);
            QVERIFY(reply);
            result = reply->result;
        } else {
            QObject context;
            auto done = [&result](const StoreResult& value) { result = value; };
            if (call == QLatin1String("create")) {
                m_store->createNode(nodeRoot(), QStringLiteral("intruder"), QStringLiteral("leaf"),
                                    &context, done);
            } else {
                m_store->deleteNode(node, &context, done);
            }
            QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, kWaitMs));
        }
        QCOMPARE(result->error, StoreError::NotAuthorized);
        QVERIFY(!result->detail.isEmpty());
    }

    void nodeActionsSayNotAuthorized() {
        NodeActions actions(&m_workspace);
        QSignalSpy created(&actions, &NodeActions::created);
        QSignalSpy removed(&actions, &NodeActions::removed);
        actions.setParentPath(nodeRoot());
        actions.setAlias(QStringLiteral("intruder"));
        actions.setTemplateName(QStringLiteral("leaf"));
        QVERIFY(actions.canCreate());
        actions.create();
        QTRY_VERIFY_WITH_TIMEOUT(!actions.isBusy(), kWaitMs);
        QVERIFY2(actions.errorString().startsWith(storeErrorMessage({StoreError::NotAuthorized})),
                 qPrintable(actions.errorString()));
        actions.remove(nodePath("edit"));
        QTRY_VERIFY_WITH_TIMEOUT(!actions.isBusy(), kWaitMs);
        QVERIFY2(actions.errorString().startsWith(storeErrorMessage({StoreError::NotAuthorized})),
                 qPrintable(actions.errorString()));
        QCOMPARE(created.count(), 0);
        QCOMPARE(removed.count(), 0);
        QVERIFY(!QFileInfo::exists(nodePath("intruder")));
        QVERIFY(QFileInfo::exists(nodePath("edit/etc/redpak.yaml")));
    }

    // Polkit refuses .audit.approve: the audit panel says so, and the status stays as it was.
    void approvalIsRefused() {
        const QString leaf = nodePath("audited/member");
        const QString recordFile = leaf + QStringLiteral("/.rednode-audit.json");
        const QByteArray recordBefore = fileBytes(recordFile);
        AuditController audit;
        audit.setWorkspace(&m_workspace);
        audit.setNodePath(leaf);
        const AuditController::State stateBefore = audit.state();
        QVERIFY(stateBefore != AuditController::State::Approved);
        QSignalSpy approved(&audit, &AuditController::approved);
        audit.approve(QStringLiteral("not mine to approve"));
        QTRY_VERIFY_WITH_TIMEOUT(!audit.isBusy(), kWaitMs);
        QCOMPARE(approved.count(), 0);
        QVERIFY2(audit.errorString().startsWith(QStringLiteral("Cannot approve ") + leaf +
                                                QStringLiteral(": ") +
                                                storeErrorMessage({StoreError::NotAuthorized})),
                 qPrintable(audit.errorString()));
        QCOMPARE(audit.state(), stateBefore);
        QCOMPARE(fileBytes(recordFile), recordBefore);
    }

    void launchIsRefused_data() {
        QTest::addColumn<bool>("admin");
        QTest::newRow("normal") << false;
        QTest::newRow("admin") << true;
    }

    void launchIsRefused() {
        QFETCH(bool, admin);
        HelperLauncher launcher;
        const quint64 id = 3;
        LaunchRecord record(launcher, id);
        launcher.start(id, LaunchRequest{nodePath("run"), {QStringLiteral("/bin/true")}, admin});
        QTRY_VERIFY_WITH_TIMEOUT(record.ended(), kWaitMs);
        QVERIFY(record.started.isEmpty());
        QVERIFY(!record.status);
        QVERIFY(record.failure);
        QVERIFY2(record.failure->contains(QStringLiteral("authoriz"), Qt::CaseInsensitive),
                 qPrintable(*record.failure));
    }
};

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QString caller = qEnvironmentVariable("REDPAK_TEST_CALLER");
    if (caller == QLatin1String("authorized")) {
        AuthorizedCaller test;
        return QTest::qExec(&test, argc, argv);
    }
    if (caller == QLatin1String("denied")) {
        DeniedCaller test;
        return QTest::qExec(&test, argc, argv);
    }
    qCritical("REDPAK_TEST_CALLER must be \"authorized\" or \"denied\" (run test_gui_helper.py)");
    return 2;
}

#include "tst_gui_helper.moc"
