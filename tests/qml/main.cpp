// SPDX-License-Identifier: Apache-2.0
// QuickTest runner for the QML of redpak-manager. Each test file gets a fresh engine with a
// Session on its own temporary node tree and a fake launcher, exposed as `testSession`,
// `fakeLauncher` and `testTree` (paths), and the built redpak-probe as `probeProgram`. As root
// with bwrap, `realVerify` verifies through the real redwrap and bwrap (the probe copied below
// /usr/local/libexec, which the nodes export); elsewhere it is null. XDG_DATA_HOME is a
// temporary directory of the fixture, `testDataHome`: menu entries the tests make never reach
// the user's menu. XDG_DATA_DIRS is another, `testHostData`, holding the host's applications
// "Test Eyes" (graphical, org.test.Eyes) and "Test Shell" (Terminal=true). `testFiles` changes
// the tree's files as another program would.
#include "fakelauncher.h"
#include "locallauncher.h"
#include "session.h"
#include "testfiles.h"
#include "testtree.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QVariantMap>
#include <QtQuickTest>
#include <memory>
#include <unistd.h>
#include <vector>

Q_IMPORT_QML_PLUGIN(RedPak_ModelsPlugin)
Q_IMPORT_QML_PLUGIN(RedPak_ManagerPlugin)

using namespace redpak::gui;

class Setup : public QObject {
    Q_OBJECT

public Q_SLOTS:
    void applicationAvailable() {
        // Settings the pages keep (last command per node) stay in a test directory, new per run.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
    }

    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        auto fixture = std::make_unique<Fixture>();
        QVERIFY(fixture->tree.isValid() && fixture->dataHome.isValid());
        qputenv("XDG_DATA_HOME", fixture->dataHome.path().toLocal8Bit());
        QVERIFY(fixture->writeHostApplications());
        qputenv("XDG_DATA_DIRS", fixture->hostData.path().toLocal8Bit());
        fixture->workspace.addRoot(fixture->tree.root());
        test::FakeLauncher* launcher = &fixture->launcher;
        fixture->session = std::make_unique<Session>(
            &fixture->workspace, [launcher](const QString&) { return launcher; });
        QQmlContext* context = engine->rootContext();
        context->setContextProperty(QStringLiteral("testSession"), fixture->session.get());
        context->setContextProperty(QStringLiteral("fakeLauncher"), launcher);
        context->setContextProperty(QStringLiteral("testFiles"), &fixture->files);
        context->setContextProperty(QStringLiteral("testDataHome"), fixture->dataHome.path());
        context->setContextProperty(QStringLiteral("testHostData"), fixture->hostData.path());
        context->setContextProperty(QStringLiteral("probeProgram"),
                                    QStringLiteral(REDPAK_PROBE_PROGRAM));
        context->setContextProperty(
            QStringLiteral("testTree"),
            QVariantMap{{QStringLiteral("root"), fixture->tree.root()},
                        {QStringLiteral("platform"), fixture->tree.platform()},
                        {QStringLiteral("apps"), fixture->tree.apps()},
                        {QStringLiteral("browser"), fixture->tree.browser()},
                        {QStringLiteral("broken"), fixture->tree.broken()}});
        context->setContextProperty(QStringLiteral("realVerify"), fixture->realVerifyModel());
        m_fixtures.push_back(std::move(fixture));
    }

private:
    struct Fixture {
        test::TestTree tree;
        QTemporaryDir dataHome;
        QTemporaryDir hostData;
        Workspace workspace;
        test::FakeLauncher launcher;
        test::TestFiles files;
        std::unique_ptr<Session> session;
        std::unique_ptr<LocalLauncher> redwrap;
        std::unique_ptr<VerifyModel> realVerify;
        QString installedProbe;

        ~Fixture() {
            if (!installedProbe.isEmpty()) {
                QFile::remove(installedProbe);
            }
        }

        bool writeHostApplications() const {
            const QDir dir(hostData.filePath(QStringLiteral("applications")));
            const QList<std::pair<QString, QByteArray>> entries{
                {QStringLiteral("org.test.Eyes.desktop"),
                 "[Desktop Entry]\nType=Application\nName=Test Eyes\nExec=xeyes\n"},
                {QStringLiteral("org.test.Shell.desktop"),
                 "[Desktop Entry]\nType=Application\nName=Test Shell\nExec=sh\nTerminal=true\n"}};
            if (!dir.mkpath(QStringLiteral("."))) {
                return false;
            }
            for (const auto& [name, text] : entries) {
                QFile file(dir.filePath(name));
                if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size()) {
                    return false;
                }
            }
            return true;
        }

        VerifyModel* realVerifyModel() {
            const QString probe = QStringLiteral("/usr/local/libexec/redpak-probe-qml-%1-%2")
                                      .arg(getpid())
                                      .arg(reinterpret_cast<quintptr>(this));
            if (geteuid() != 0 || !QFile::exists(QStringLiteral("/usr/bin/bwrap")) ||
                !QDir().mkpath(QStringLiteral("/usr/local/libexec")) ||
                !QFile::copy(QStringLiteral(REDPAK_PROBE_PROGRAM), probe)) {
                return nullptr;
            }
            installedProbe = probe;
            redwrap = std::make_unique<LocalLauncher>(QStringLiteral(REDPAK_REDWRAP_PROGRAM));
            LocalLauncher* local = redwrap.get();
            realVerify = std::make_unique<VerifyModel>([local](const QString&) { return local; });
            realVerify->setProbePath(probe);
            return realVerify.get();
        }
    };
    std::vector<std::unique_ptr<Fixture>> m_fixtures;
};

QUICK_TEST_MAIN_WITH_SETUP(redpak_manager_qml, Setup)

#include "main.moc"
