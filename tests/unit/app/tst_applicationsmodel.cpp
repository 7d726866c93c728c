// SPDX-License-Identifier: Apache-2.0
// The Applications page's models on a real tree: what a node's applications show, one-click
// launch and stop through the launcher (the request names the application, redwrap resolves
// it), menu entries in and out, commands split with shell quoting, host applications imported
// as they are, refusals shown and nothing written; the host list and its search.
#include "applicationsmodel.h"
#include "fakelauncher.h"
#include "launchmodel.h"
#include "testworkspace.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
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

QByteArray entry(const QByteArray& name, const QByteArray& exec, const QByteArray& more = {}) {
    return "[Desktop Entry]\nType=Application\nName=" + name + "\nExec=" + exec + "\n" + more;
}

} // namespace

class TestApplicationsModel : public QObject {
    Q_OBJECT

    std::unique_ptr<test::TestTree> m_tree;
    std::unique_ptr<Workspace> m_workspace;
    test::FakeLauncher m_launcher;
    std::unique_ptr<LaunchModel> m_launches;
    std::unique_ptr<ApplicationsModel> m_model;
    std::unique_ptr<QTemporaryDir> m_menu;

    QString data(int row, int role) const {
        return m_model->data(m_model->index(row), role).toString();
    }

private Q_SLOTS:
    void init() {
        test::openTestTree(m_tree, m_workspace);
        m_launches = std::make_unique<LaunchModel>([this](const QString&) { return &m_launcher; });
        m_model = std::make_unique<ApplicationsModel>(m_workspace.get(), m_launches.get());
        m_menu = std::make_unique<QTemporaryDir>();
        m_model->setMenuDirectory(m_menu->path());
        QVERIFY(writeText(m_tree->browser() + "/applications/viewer.desktop",
                          entry("Viewer", "viewer --open %U", "Icon=image-viewer\n")));
        m_model->setNodePath(m_tree->browser());
    }

    void cleanup() {
        m_model.reset();
        m_launches.reset();
        m_workspace.reset();
        m_tree.reset();
    }

    void showsTheNodesApplications() {
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(data(0, ApplicationsModel::IdRole), QString("viewer"));
        QCOMPARE(data(0, ApplicationsModel::NameRole), QString("Viewer"));
        QCOMPARE(data(0, ApplicationsModel::IconRole), QString("image-viewer"));
        QCOMPARE(data(0, ApplicationsModel::CommandRole), QString("viewer --open"));
        QVERIFY(m_model->isEditable());
        QVERIFY(m_model->error().isEmpty());
        m_model->setNodePath(m_tree->apps()); // the parent's applications are its own
        QCOMPARE(m_model->rowCount(), 0);
    }

    void launchesInOneClickAndStops() {
        const int launch = m_model->launch(0, false);
        QCOMPARE(launch, 0);
        QCOMPARE(m_launcher.starts.size(), 1);
        const LaunchRequest request = m_launcher.starts.front().second;
        QCOMPARE(request.application, QString("viewer"));
        QCOMPARE(request.nodeDir, m_tree->browser());
        QVERIFY(request.command.isEmpty());
        QCOMPARE(m_launches->data(m_launches->index(launch), LaunchModel::CommandRole).toString(),
                 QString("application Viewer"));
        m_launcher.playStarted(m_launcher.lastId());
        QVERIFY(m_model->data(m_model->index(0), ApplicationsModel::RunningRole).toBool());
        m_model->stop(0);
        QCOMPARE(m_launcher.stops, QList<quint64>{m_launcher.lastId()});
        m_launcher.playFinished(m_launcher.lastId(), 0);
        QVERIFY(!m_model->data(m_model->index(0), ApplicationsModel::RunningRole).toBool());
    }

    void menuEntryGoesInAndOut() {
        QVERIFY(m_model->setInMenu(0, true));
        QVERIFY(m_model->data(m_model->index(0), ApplicationsModel::InMenuRole).toBool());
        const QStringList entries = QDir(m_menu->path()).entryList({"redpak-*-viewer.desktop"});
        QCOMPARE(entries.size(), 1);
        QFile file(m_menu->path() + "/" + entries.front());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(text.contains("Name=Viewer (browser)\n"), text.constData());
        QVERIFY2(text.contains("--app viewer %U\n"), text.constData());
        QVERIFY(m_model->setInMenu(0, false));
        QVERIFY(QDir(m_menu->path()).entryList({"redpak-*"}).isEmpty());
        QVERIFY(!m_model->data(m_model->index(0), ApplicationsModel::InMenuRole).toBool());
    }

    void addsACommandWithShellQuoting_data() {
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<QString>("shown");
        QTest::newRow("single quotes") << "sh -c 'echo \"a b\"; ls'"
                                       << "sh -c 'echo \"a b\"; ls'";
        QTest::newRow("double quotes, backslash") << R"(printf "%s\n" a\ b)"
                                                  << R"(printf '%s\n' 'a b')";
    }

    void addsACommandWithShellQuoting() {
        QFETCH(QString, commandLine);
        QFETCH(QString, shown);
        QVERIFY2(m_model->addCommand("My Tool", commandLine, false), qPrintable(m_model->error()));
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(data(0, ApplicationsModel::IdRole), QString("my-tool"));
        QCOMPARE(data(0, ApplicationsModel::CommandRole), shown);
    }

    void refusalsAreShownAndNothingIsWritten_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<QString>("message");
        QTest::newRow("unclosed quote") << "Tool"
                                        << "sh -c 'echo"
                                        << "quote is not closed";
        QTest::newRow("no command") << "Tool"
                                    << "   "
                                    << "needs a command";
        QTest::newRow("no name") << "  "
                                 << "ls"
                                 << "needs a name";
    }

    void refusalsAreShownAndNothingIsWritten() {
        QFETCH(QString, name);
        QFETCH(QString, commandLine);
        QFETCH(QString, message);
        QVERIFY(!m_model->addCommand(name, commandLine, false));
        QVERIFY2(m_model->error().contains(message), qPrintable(m_model->error()));
        QCOMPARE(QDir(m_tree->browser() + "/applications").entryList(QDir::Files),
                 QStringList{"viewer.desktop"});
    }

    void importsAHostApplicationAsItIs() {
        QTemporaryDir host;
        const QByteArray text =
            entry("Calc", "calc", "Name[fr]=Calculatrice\nCategories=Utility;\n");
        QVERIFY(writeText(host.filePath("org.example.Calc.desktop"), text));
        QVERIFY(writeText(host.filePath("kde/hidden.desktop"),
                          entry("Hidden", "h", "NoDisplay=true\n")));
        QVERIFY(writeText(host.filePath("kde/konsole.desktop"), entry("Konsole", "konsole")));
        QVERIFY(writeText(host.filePath("broken.desktop"), "[Desktop Entry]\nName=Broken\n"));
        HostApplicationsModel hostApplications;
        hostApplications.setDirectories({host.path()});
        hostApplications.reload();
        QCOMPARE(hostApplications.rowCount(), 2); // hidden and broken entries are not offered
        hostApplications.setFilter("KONS");
        QCOMPARE(hostApplications.rowCount(), 1);
        QCOMPARE(hostApplications.data(hostApplications.index(0), HostApplicationsModel::IdRole)
                     .toString(),
                 QString("kde-konsole"));
        hostApplications.setFilter("");
        const QString file =
            hostApplications.data(hostApplications.index(0), HostApplicationsModel::FileRole)
                .toString();
        QVERIFY2(m_model->importHostApplication(file), qPrintable(m_model->error()));
        QFile copied(m_tree->browser() + "/applications/org.example.Calc.desktop");
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), text);
        QVERIFY(!m_model->importHostApplication(host.filePath("broken.desktop")));
        QVERIFY(!QFile::exists(m_tree->browser() + "/applications/broken.desktop"));
    }

    void removesTheApplicationAndItsMenuEntry() {
        QVERIFY(m_model->setInMenu(0, true));
        QVERIFY(m_model->remove(0));
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!QFile::exists(m_tree->browser() + "/applications/viewer.desktop"));
        QVERIFY(QDir(m_menu->path()).entryList({"redpak-*"}).isEmpty());
    }

    void anInvalidEntryIsReportedWithItsLine() {
        QVERIFY(writeText(m_tree->browser() + "/applications/bad.desktop",
                          "[Desktop Entry]\nType=Application\nName=Bad\nExec=a\nTerminal=maybe\n"));
        m_model->reload();
        QVERIFY2(m_model->error().contains("bad.desktop:5"), qPrintable(m_model->error()));
    }
};

QTEST_GUILESS_MAIN(TestApplicationsModel)
#include "tst_applicationsmodel.moc"
