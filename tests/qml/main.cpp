// SPDX-License-Identifier: Apache-2.0
// QuickTest runner for the QML of redpak-manager. Each test file gets a fresh engine with a
// Session on its own temporary node tree and a fake launcher, exposed as `testSession`,
// `fakeLauncher` and `testTree` (paths). XDG_DATA_HOME is a temporary directory of the fixture,
// `testDataHome`: menu entries the tests make never reach the user's menu.
#include "fakelauncher.h"
#include "session.h"
#include "testtree.h"
#include "workspace.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QVariantMap>
#include <QtQuickTest>
#include <memory>
#include <vector>

Q_IMPORT_QML_PLUGIN(RedPak_ModelsPlugin)
Q_IMPORT_QML_PLUGIN(RedPak_ManagerPlugin)

using namespace redpak::gui;

class Setup : public QObject {
    Q_OBJECT

public Q_SLOTS:
    void applicationAvailable() {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
    }

    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        auto fixture = std::make_unique<Fixture>();
        QVERIFY(fixture->tree.isValid() && fixture->dataHome.isValid());
        qputenv("XDG_DATA_HOME", fixture->dataHome.path().toLocal8Bit());
        fixture->workspace.addRoot(fixture->tree.root());
        test::FakeLauncher* launcher = &fixture->launcher;
        fixture->session = std::make_unique<Session>(
            &fixture->workspace, [launcher](const QString&) { return launcher; });
        QQmlContext* context = engine->rootContext();
        context->setContextProperty(QStringLiteral("testSession"), fixture->session.get());
        context->setContextProperty(QStringLiteral("fakeLauncher"), launcher);
        context->setContextProperty(QStringLiteral("testDataHome"), fixture->dataHome.path());
        context->setContextProperty(
            QStringLiteral("testTree"),
            QVariantMap{{QStringLiteral("root"), fixture->tree.root()},
                        {QStringLiteral("platform"), fixture->tree.platform()},
                        {QStringLiteral("apps"), fixture->tree.apps()},
                        {QStringLiteral("browser"), fixture->tree.browser()},
                        {QStringLiteral("broken"), fixture->tree.broken()}});
        m_fixtures.push_back(std::move(fixture));
    }

private:
    struct Fixture {
        test::TestTree tree;
        QTemporaryDir dataHome;
        Workspace workspace;
        test::FakeLauncher launcher;
        std::unique_ptr<Session> session;
    };
    std::vector<std::unique_ptr<Fixture>> m_fixtures;
};

QUICK_TEST_MAIN_WITH_SETUP(redpak_manager_qml, Setup)

#include "main.moc"
