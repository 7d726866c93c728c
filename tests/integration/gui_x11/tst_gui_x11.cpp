// SPDX-License-Identifier: Apache-2.0
// An X11 application run through the GUI's Launch action: a host desktop entry (xmessage)
// imported into a node made with the graphical preset (kGraphicalTemplate, below a root node),
// launched by ApplicationsModel::launch with the real LocalLauncher, redwrap and bwrap, on an
// Xvfb display of its own; its window appears (xwininfo), and Stop ends it.
#include "applicationsmodel.h"
#include "integration_support.h"
#include "launchmodel.h"
#include "locallauncher.h"
#include "redpak/tree/create.h"
#include "redpak/tree/templates.h"
#include "workspace.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace redpak::gui;
using namespace redpak::test;

namespace {

// The title the test window carries, looked for on the display.
const QString kTitle = QStringLiteral("redpak-x11-test");

QString missingProgram() {
    for (const char* program : {"Xvfb", "xmessage", "xwininfo", "bwrap"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(program)).isEmpty()) {
            return QString::fromLatin1(program);
        }
    }
    return {};
}

} // namespace

class TestGuiX11 : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_xvfb;
    QString m_display;

    // Starts Xvfb on a free display (it writes the number it took on -displayfd).
    bool startXvfb() {
        m_xvfb.start(QStringLiteral("Xvfb"),
                     {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-screen"),
                      QStringLiteral("0"), QStringLiteral("640x480x24"),
                      QStringLiteral("-nolisten"), QStringLiteral("tcp")});
        while (m_xvfb.waitForReadyRead(20000)) {
            if (m_xvfb.canReadLine()) {
                m_display = QStringLiteral(":") + QString::fromLatin1(m_xvfb.readLine()).trimmed();
                return true;
            }
        }
        return false;
    }

    bool windowShown() const {
        const Run info =
            runProgram(QStringLiteral("xwininfo"),
                       {QStringLiteral("-display"), m_display, QStringLiteral("-name"), kTitle});
        return info.exitCode == 0 && info.out.contains(kTitle);
    }

    // The node the application runs in: below a root node, from the graphical preset.
    QString makeNode() {
        const std::filesystem::path root = (m_dir.path() + QStringLiteral("/tree")).toStdString();
        redpak::createNode({root, std::string("tree"), {}, {}, "root"});
        redpak::CreateOptions options{root / "x11", std::string("x11")};
        options.templateName = std::string(redpak::kGraphicalTemplate);
        return QString::fromStdString(redpak::createNode(options).location.base.string());
    }

private Q_SLOTS:
    void initTestCase() {
        if (const QString missing = missingProgram(); !missing.isEmpty()) {
            QSKIP(qPrintable(missing + " is not installed (packages xvfb, x11-utils, bubblewrap)"));
        }
        const Run probe =
            runProgram(QStringLiteral("bwrap"),
                       {QStringLiteral("--unshare-user"), QStringLiteral("--ro-bind"),
                        QStringLiteral("/"), QStringLiteral("/"), QStringLiteral("true")});
        if (probe.exitCode != 0) {
            QSKIP(qPrintable("bwrap cannot create a user namespace here: " + probe.err));
        }
        QVERIFY(m_dir.isValid());
        QVERIFY2(startXvfb(), "Xvfb did not start");
        qputenv("DISPLAY", m_display.toLocal8Bit());
    }

    void cleanupTestCase() {
        m_xvfb.kill();
        m_xvfb.waitForFinished();
    }

    void launchShowsTheWindowAndStopEndsIt() {
        const QString node = makeNode();
        QVERIFY(!node.isEmpty());
        const QString entry = m_dir.path() + QStringLiteral("/org.test.Message.desktop");
        QVERIFY(writeFile(entry, "[Desktop Entry]\nType=Application\nName=Message\n"
                                 "Exec=xmessage -title " +
                                     kTitle.toUtf8() + " hello from the node\n"));

        Workspace workspace;
        QVERIFY(workspace.addRoot(m_dir.path()));
        LocalLauncher launcher(kBin + QStringLiteral("/redwrap"));
        LaunchModel launches([&launcher](const QString&) { return &launcher; });
        ApplicationsModel applications(&workspace, &launches);
        applications.setNodePath(node);
        QSignalSpy written(&applications, &ApplicationsModel::changeFinished);
        QVERIFY2(applications.importHostApplication(entry), qPrintable(applications.error()));
        QVERIFY(written.wait()); // the node's store answers later
        QCOMPARE(written.first().at(2).toString(), QString());
        QCOMPARE(applications.rowCount(), 1);
        QVERIFY(!windowShown());

        const int launch = applications.launch(0, false);
        QVERIFY(launch >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(windowShown() || launches.runningCount() == 0, 30000);
        QVERIFY2(
            windowShown(),
            qPrintable(launches.data(launches.index(launch), LaunchModel::OutputRole).toString()));
        QVERIFY(applications.data(applications.index(0), ApplicationsModel::RunningRole).toBool());

        applications.stop(0);
        QTRY_VERIFY_WITH_TIMEOUT(launches.runningCount() == 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!windowShown(), 30000);
    }
};

QTEST_GUILESS_MAIN(TestGuiX11)
#include "tst_gui_x11.moc"
