// SPDX-License-Identifier: Apache-2.0
// The Applications page's models on a real tree: what a node's applications show, one-click
// launch and stop through the launcher (the request names the application, redwrap resolves
// it), menu entries in and out, commands split with shell quoting, host applications imported
// as they are, refusals shown and nothing written; the host list and its search. For a system
// node the model changes the applications through its store (FakeSystemStore plays the helper
// behind the NodeStore interface), based on the digest of the entry it listed.
#include "applicationsmodel.h"
#include "configdocument.h"
#include "fakelauncher.h"
#include "fakenodestore.h"
#include "launchmodel.h"
#include "testworkspace.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>
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

QByteArray viewerEntry() {
    return entry("Viewer", "viewer --open %U", "Icon=image-viewer\n");
}

// Runs `change` and waits until the model shows the store's next list.
bool listedAfter(ApplicationsModel& model, const std::function<bool()>& change) {
    QSignalSpy listed(&model, &QAbstractItemModel::modelReset);
    return change() && listed.wait(5000);
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
        QVERIFY(writeText(m_tree->browser() + "/applications/viewer.desktop", viewerEntry()));
        QVERIFY(listedAfter(*m_model, [this] {
            m_model->setNodePath(m_tree->browser());
            return true;
        }));
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
        QCOMPARE(m_model->rowCount(), 0);     // at once: the child's are not shown meanwhile
        QTRY_VERIFY(m_model->error().isEmpty());
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
        QVERIFY2(listedAfter(*m_model,
                             [&] { return m_model->addCommand("My Tool", commandLine, false); }),
                 qPrintable(m_model->error()));
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
        QVERIFY2(listedAfter(*m_model, [&] { return m_model->importHostApplication(file); }),
                 qPrintable(m_model->error()));
        QFile copied(m_tree->browser() + "/applications/org.example.Calc.desktop");
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), text);
        QVERIFY(!m_model->importHostApplication(host.filePath("broken.desktop")));
        QVERIFY(!QFile::exists(m_tree->browser() + "/applications/broken.desktop"));
    }

    void removesTheApplicationAndItsMenuEntry() {
        QVERIFY(m_model->setInMenu(0, true));
        QVERIFY(listedAfter(*m_model, [this] { return m_model->remove(0); }));
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!QFile::exists(m_tree->browser() + "/applications/viewer.desktop"));
        QVERIFY(QDir(m_menu->path()).entryList({"redpak-*"}).isEmpty());
    }

    void anInvalidEntryIsReportedWithItsLine() {
        QVERIFY(writeText(m_tree->browser() + "/applications/bad.desktop",
                          "[Desktop Entry]\nType=Application\nName=Bad\nExec=a\nTerminal=maybe\n"));
        QVERIFY(listedAfter(*m_model, [this] {
            m_model->reload();
            return true;
        }));
        QVERIFY2(m_model->error().contains("bad.desktop:5"), qPrintable(m_model->error()));
        QCOMPARE(m_model->rowCount(), 0);
    }

    void aChangeMadeMeanwhileIsNotOverwritten() {
        const QString file = m_tree->browser() + "/applications/viewer.desktop";
        const QByteArray meanwhile = entry("Viewer", "viewer --changed");
        QVERIFY(writeText(file, meanwhile)); // after the list was read
        QSignalSpy errors(m_model.get(), &ApplicationsModel::errorChanged);
        QVERIFY(m_model->remove(0));
        QVERIFY(errors.wait(5000));
        QVERIFY2(m_model->error().startsWith(storeErrorMessage({StoreError::StaleDigest})),
                 qPrintable(m_model->error()));
        QFile kept(file);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), meanwhile);
    }

    // A system node: every change goes to the store with the node, the ID and the digest of the
    // entry as listed; a refusal (the helper's, or polkit's) is shown and nothing is written.
    void systemNodesChangeThroughTheirStore_data() {
        QTest::addColumn<QString>("change");
        QTest::addColumn<int>("refusal");
        QTest::newRow("add") << "add" << int(StoreError::None);
        QTest::newRow("replace") << "replace" << int(StoreError::None);
        QTest::newRow("remove") << "remove" << int(StoreError::None);
        QTest::newRow("add, not authorized") << "add" << int(StoreError::NotAuthorized);
        QTest::newRow("replace, stale") << "replace" << int(StoreError::StaleDigest);
        QTest::newRow("remove, not authorized") << "remove" << int(StoreError::NotAuthorized);
    }
    void systemNodesChangeThroughTheirStore() {
        QFETCH(QString, change);
        QFETCH(int, refusal);
        test::FakeSystemStore* fake = nullptr;
        Workspace workspace([&fake](const QString& root) {
            auto store = std::make_unique<test::FakeSystemStore>(root);
            fake = store.get();
            return store;
        });
        QVERIFY(workspace.addRoot(m_tree->root()));
        ApplicationsModel model(&workspace, m_launches.get());
        model.setMenuDirectory(m_menu->path());
        QVERIFY(listedAfter(model, [&] {
            model.setNodePath(m_tree->browser());
            return true;
        }));
        QVERIFY(model.isEditable());
        fake->applicationResult = StoreResult{StoreError(refusal), "refused by the test"};
        const QString dir = m_tree->browser() + "/applications";
        const QStringList before = QDir(dir).entryList(QDir::Files);
        QSignalSpy listed(&model, &QAbstractItemModel::modelReset);
        QSignalSpy errors(&model, &ApplicationsModel::errorChanged);
        QSignalSpy finished(&model, &ApplicationsModel::changeFinished);
        const bool asked = change == "remove" ? model.remove(0)
                           : change == "add"  ? model.addCommand("Tool", "tool --x", false)
                                              : model.addCommand("Viewer", "viewer2", false);
        QVERIFY(asked);
        QCOMPARE(fake->applicationChanges.size(), 1);
        const test::FakeSystemStore::ApplicationChange& request =
            fake->applicationChanges.constFirst();
        QCOMPARE(request.nodeDir, m_tree->browser());
        QCOMPARE(request.id, change == "add" ? QString("tool") : QString("viewer"));
        // What the change is based on: the listed entry, or none for a new ID.
        QCOMPARE(request.expectedDigest,
                 change == "add" ? QByteArray() : contentDigest(viewerEntry()));
        QCOMPARE(request.text.isEmpty(), change == "remove");
        // Told once the store answered (later), with the refusal if any; the list already read.
        QCOMPARE(finished.count(), 0);
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toString(), m_tree->browser());
        QCOMPARE(finished.first().at(1).toString(), request.id);
        QCOMPARE(finished.first().at(2).toString().isEmpty(), refusal == int(StoreError::None));
        QCOMPARE(finished.first().at(2).toString(), model.error());
        if (refusal == int(StoreError::None)) {
            QVERIFY(listed.count() > 0);
            QVERIFY2(model.error().isEmpty(), qPrintable(model.error()));
            QCOMPARE(model.rowCount(), change == "add" ? 2 : change == "remove" ? 0 : 1);
        } else {
            QVERIFY(errors.count() > 0);
            QVERIFY2(model.error().startsWith(storeErrorMessage({StoreError(refusal)})),
                     qPrintable(model.error()));
            QVERIFY(model.error().endsWith("refused by the test"));
            QCOMPARE(QDir(dir).entryList(QDir::Files), before);
            QCOMPARE(model.rowCount(), 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestApplicationsModel)
#include "tst_applicationsmodel.moc"
