// SPDX-License-Identifier: Apache-2.0
// "Sandbox an application..." on a real tree: the node proposed for an application (alias from
// its name, preset from its kind), the review of what the node grants before anything is
// written, then the writes on confirmation (new node, application, menu entry) once the store
// answered (later, as the helper does), and a failed application write that takes the node
// made for it away again.
#include "fakelauncher.h"
#include "fakenodestore.h"
#include "launchmodel.h"
#include "redpak/tree/templates.h"
#include "sandboxflow.h"
#include "testworkspace.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace redpak::gui;

namespace {

bool writeText(const QString& path, const QByteArray& text) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

} // namespace

class TestSandboxFlow : public QObject {
    Q_OBJECT

    std::unique_ptr<test::TestTree> m_tree;
    std::unique_ptr<Workspace> m_workspace;
    test::FakeLauncher m_launcher;
    std::unique_ptr<LaunchModel> m_launches;
    std::unique_ptr<SandboxFlow> m_flow;
    std::unique_ptr<QTemporaryDir> m_host; // the host's applications and the menu directory
    QString m_eyes;

private Q_SLOTS:
    void init() {
        test::openTestTree(m_tree, m_workspace);
        m_launches = std::make_unique<LaunchModel>([this](const QString&) { return &m_launcher; });
        m_flow = std::make_unique<SandboxFlow>(m_workspace.get(), m_launches.get());
        m_host = std::make_unique<QTemporaryDir>();
        m_flow->setMenuDirectory(m_host->filePath(QStringLiteral("menu")));
        m_eyes = m_host->filePath(QStringLiteral("apps/org.test.Eyes.desktop"));
        QVERIFY(writeText(m_eyes, "[Desktop Entry]\nType=Application\nName=Eyes\nExec=xeyes\n"));
    }

    void proposesANodeOfItsOwn_data() {
        QTest::addColumn<QString>("selected");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("terminal");
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QString>("alias");
        QTest::addColumn<QString>("templateName");
        const QString graphical = QString::fromStdString(redpak::templateForApplication(true));
        // Nothing selected: the tree's first root node, `broken`, does not parse: the next one.
        QTest::newRow("graphical, nothing selected")
            << QString() << QString("Image Viewer") << false << QString("platform")
            << QString("image-viewer") << graphical;
        QTest::newRow("terminal, below the selected node")
            << QString("apps") << QString("Shell") << true << QString("apps") << QString("shell")
            << QString("leaf");
        QTest::newRow("the name of a node already there")
            << QString("apps") << QString("Browser") << false << QString("apps")
            << QString("browser-2") << graphical;
    }
    void proposesANodeOfItsOwn() {
        QFETCH(QString, selected);
        QFETCH(QString, name);
        QFETCH(bool, terminal);
        QFETCH(QString, parent);
        QFETCH(QString, alias);
        QFETCH(QString, templateName);
        m_flow->start(selected.isEmpty() ? QString() : m_tree->apps());
        QCOMPARE(m_flow->nodes().first(), m_tree->broken()); // a root, and the first one
        m_flow->chooseCommand(name, QStringLiteral("true"), terminal);
        QCOMPARE(m_flow->target(), SandboxFlow::Target::NewNode);
        QCOMPARE(m_flow->newNode()->parentPath(),
                 parent == "platform" ? m_tree->platform() : m_tree->apps());
        QCOMPARE(m_flow->newNode()->alias(), alias);
        QCOMPARE(m_flow->newNode()->templateName(), templateName);
        QCOMPARE(m_flow->targetError(), QString());
        QCOMPARE(m_flow->review()->status(), ReviewModel::Status::Ready);
        QVERIFY(m_flow->canConfirm());
    }

    // The review is ready before anything is written, for each kind of target.
    void reviewsBeforeWriting_data() {
        QTest::addColumn<int>("target");
        QTest::newRow("new node") << int(SandboxFlow::Target::NewNode);
        QTest::newRow("selected node") << int(SandboxFlow::Target::SelectedNode);
        QTest::newRow("another node") << int(SandboxFlow::Target::ExistingNode);
    }
    void reviewsBeforeWriting() {
        QFETCH(int, target);
        m_flow->start(m_tree->browser());
        m_flow->chooseHostApplication(m_eyes, QStringLiteral("Eyes"), false);
        m_flow->setTarget(SandboxFlow::Target(target));
        if (m_flow->target() == SandboxFlow::Target::ExistingNode) {
            m_flow->setExistingNode(m_tree->apps());
        }
        QCOMPARE(m_flow->review()->status(), ReviewModel::Status::Ready);
        QCOMPARE(m_flow->review()->changedNodes(), 1);
        QVERIFY(m_flow->review()->rowCount() > 0);
        QVERIFY(!QFileInfo::exists(m_tree->browser() + QStringLiteral("/eyes")));
        QVERIFY(!QFileInfo::exists(m_tree->browser() + QStringLiteral("/applications")));
        QVERIFY(!QFileInfo::exists(m_tree->apps() + QStringLiteral("/applications")));
    }

    void confirmWrites_data() {
        QTest::addColumn<int>("target");
        QTest::addColumn<bool>("menu");
        QTest::newRow("new node, in the menu") << int(SandboxFlow::Target::NewNode) << true;
        QTest::newRow("new node") << int(SandboxFlow::Target::NewNode) << false;
        QTest::newRow("selected node, in the menu")
            << int(SandboxFlow::Target::SelectedNode) << true;
    }
    void confirmWrites() {
        QFETCH(int, target);
        QFETCH(bool, menu);
        m_flow->start(m_tree->browser());
        m_flow->chooseHostApplication(m_eyes, QStringLiteral("Eyes"), false);
        m_flow->setTarget(SandboxFlow::Target(target));
        m_flow->setAddToMenu(menu);
        const QString node = m_flow->targetNode();
        QSignalSpy finished(m_flow.get(), &SandboxFlow::finished);
        m_flow->confirm();
        // The store answers later: nothing is finished before.
        QVERIFY(m_flow->isBusy());
        QCOMPARE(finished.count(), 0);
        QVERIFY(finished.wait());
        QCOMPARE(finished.first().first().toString(), node);
        QCOMPARE(m_flow->errorString(), QString());
        QVERIFY(QFileInfo::exists(node + QStringLiteral("/applications/org.test.Eyes.desktop")));
        const QStringList entries =
            QDir(m_host->filePath(QStringLiteral("menu"))).entryList(QDir::Files);
        QCOMPARE(entries.filter(QStringLiteral(".desktop")).size(), menu ? 1 : 0);
    }

    // The application is refused after its node was made: the node goes again, and the
    // message says both.
    void failedApplicationTakesItsNodeAway() {
        m_flow->start(m_tree->apps());
        m_flow->chooseCommand(QStringLiteral("Broken"), QStringLiteral("sh -c 'unclosed"), false);
        const QString node = m_flow->targetNode();
        QVERIFY(m_flow->canConfirm());
        QSignalSpy busy(m_flow.get(), &SandboxFlow::busyChanged);
        QSignalSpy finished(m_flow.get(), &SandboxFlow::finished);
        m_flow->confirm();
        QTRY_VERIFY(!m_flow->isBusy());
        QCOMPARE(finished.count(), 0);
        QVERIFY(!QFileInfo::exists(node));
        QVERIFY2(m_flow->errorString().contains(QStringLiteral("deleted again")),
                 qPrintable(m_flow->errorString()));
        QVERIFY(m_flow->errorString().contains(QStringLiteral("quote")));
    }

    // A system tree (the store plays the helper): the flow waits for the store's answer to the
    // application's write before the menu step, `finished` or the roll-back.
    void waitsForTheStoresAnswer_data() {
        QTest::addColumn<int>("target");
        QTest::addColumn<int>("refusal");
        QTest::newRow("new node, written")
            << int(SandboxFlow::Target::NewNode) << int(StoreError::None);
        QTest::newRow("new node, not authorized")
            << int(SandboxFlow::Target::NewNode) << int(StoreError::NotAuthorized);
        QTest::newRow("selected node, not authorized")
            << int(SandboxFlow::Target::SelectedNode) << int(StoreError::NotAuthorized);
    }
    void waitsForTheStoresAnswer() {
        QFETCH(int, target);
        QFETCH(int, refusal);
        test::FakeSystemStore* fake = nullptr;
        Workspace workspace([&fake](const QString& root) {
            auto store = std::make_unique<test::FakeSystemStore>(root);
            fake = store.get();
            return store;
        });
        QVERIFY(workspace.addRoot(m_tree->root()));
        SandboxFlow flow(&workspace, m_launches.get());
        flow.setMenuDirectory(m_host->filePath(QStringLiteral("menu")));
        flow.start(m_tree->browser());
        flow.chooseHostApplication(m_eyes, QStringLiteral("Eyes"), false);
        flow.setTarget(SandboxFlow::Target(target));
        flow.setAddToMenu(true);
        QTRY_VERIFY(flow.canConfirm());
        fake->applicationResult = StoreResult{StoreError(refusal), "refused by the test"};
        const QString node = flow.targetNode();
        QSignalSpy finished(&flow, &SandboxFlow::finished);
        // Right after the store was asked (after the node was made, when it is new): waiting.
        bool waiting = false;
        const auto asked = [&] {
            waiting = fake->applicationChanges.size() == 1 && flow.isBusy() && finished.isEmpty() &&
                      QFileInfo::exists(node);
        };
        connect(flow.newNode(), &NodeActions::created, &flow, asked); // after the flow's own
        flow.confirm();
        if (target != int(SandboxFlow::Target::NewNode)) {
            asked();
        }
        QTRY_VERIFY(!flow.isBusy());
        QVERIFY(waiting);
        QCOMPARE(fake->applicationChanges.constFirst().nodeDir, node);
        const QDir menu(m_host->filePath(QStringLiteral("menu")));
        if (refusal == int(StoreError::None)) {
            QCOMPARE(finished.count(), 1);
            QCOMPARE(flow.errorString(), QString());
            QVERIFY(QFileInfo::exists(node + "/applications/org.test.Eyes.desktop"));
            QCOMPARE(menu.entryList({"*.desktop"}, QDir::Files).size(), 1);
            return;
        }
        QCOMPARE(finished.count(), 0);
        QVERIFY2(flow.errorString().contains("refused by the test"),
                 qPrintable(flow.errorString()));
        QCOMPARE(QFileInfo::exists(node), target != int(SandboxFlow::Target::NewNode));
        QVERIFY(!QFileInfo::exists(node + "/applications/org.test.Eyes.desktop"));
        QCOMPARE(menu.entryList({"*.desktop"}, QDir::Files).size(), 0);
    }

    void refusesWithoutAnApplicationOrWithABadAlias_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("alias");
        QTest::newRow("no application") << ""
                                        << "";
        QTest::newRow("invalid alias") << "Eyes"
                                       << "my node";
        QTest::newRow("alias taken") << "Eyes"
                                     << "browser";
    }
    void refusesWithoutAnApplicationOrWithABadAlias() {
        QFETCH(QString, name);
        QFETCH(QString, alias);
        m_flow->start(m_tree->apps());
        if (!name.isEmpty()) {
            m_flow->chooseHostApplication(m_eyes, name, false);
            m_flow->newNode()->setAlias(alias);
        }
        QVERIFY(!m_flow->targetError().isEmpty());
        QVERIFY(!m_flow->canConfirm());
        QCOMPARE(m_flow->review()->status(), ReviewModel::Status::Empty);
    }
};

QTEST_GUILESS_MAIN(TestSandboxFlow)
#include "tst_sandboxflow.moc"
