// SPDX-License-Identifier: Apache-2.0
// The Verify model on the nodes of a test tree: the real redpak-probe runs through the fake
// launcher, which sandboxes nothing, so the checks that need isolation fail and those of the
// launcher's identity pass; what cannot be verified (a launcher that does not launch from here,
// a node that does not build, a probe out of the node's reach, a launch that fails or prints
// something else than a report) ends in a status and a message, never in rows.
#include "fakelauncher.h"
#include "testtree.h"
#include "verifymodel.h"

#include <QTest>

using namespace redpak::gui;

namespace {

constexpr const char* kProbeInNode = "/usr/libexec/redpak/redpak-probe";

// "group subject" of the rows that failed.
QStringList failedRows(const VerifyModel& model) {
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex at = model.index(row);
        if (at.data(VerifyModel::FailedRole).toBool()) {
            out << at.data(VerifyModel::GroupRole).toString() + " " +
                       at.data(VerifyModel::SubjectRole).toString();
        }
    }
    return out;
}

} // namespace

Q_DECLARE_METATYPE(VerifyModel::Status)

class TestVerifyModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void outcomes_data() {
        QTest::addColumn<QString>("node"); // of TestTree
        QTest::addColumn<QString>("probe");
        QTest::addColumn<QString>("program"); // what the fake runs for the probe
        QTest::addColumn<bool>("captures");
        QTest::addColumn<VerifyModel::Status>("status");
        QTest::addColumn<QString>("error"); // part of errorText
        const QString probe = REDPAK_PROBE_PROGRAM;
        QTest::newRow("unsandboxed probe")
            << "platform" << kProbeInNode << probe << true << VerifyModel::Status::Done << "";
        QTest::newRow("launcher that does not capture")
            << "platform" << kProbeInNode << probe << false << VerifyModel::Status::Unsupported
            << "";
        QTest::newRow("node that does not build") << "broken" << kProbeInNode << probe << true
                                                  << VerifyModel::Status::Error << "share_net";
        QTest::newRow("probe out of the node's reach")
            << "platform"
            << "/opt/redpak-probe" << probe << true << VerifyModel::Status::Error
            << "no export of the node holds the probe";
        QTest::newRow("launch fails") << "platform" << kProbeInNode << "/bin/false" << true
                                      << VerifyModel::Status::Error << "";
        QTest::newRow("not a report") << "platform" << kProbeInNode << "/bin/echo" << true
                                      << VerifyModel::Status::Error << "invalid JSON";
    }

    void outcomes() {
        QFETCH(QString, node);
        QFETCH(QString, probe);
        QFETCH(QString, program);
        QFETCH(bool, captures);
        QFETCH(VerifyModel::Status, status);
        QFETCH(QString, error);
        const test::TestTree tree;
        test::FakeLauncher launcher;
        launcher.captureProgram = program;
        launcher.captures = captures;
        VerifyModel model([&](const QString&) { return &launcher; });
        model.setProbePath(probe);
        const QString dir = node == "platform" ? tree.platform() : tree.broken();
        model.verify(dir, false);
        QTRY_VERIFY_WITH_TIMEOUT(!model.busy(), 60000);
        QCOMPARE(model.status(), status);
        QVERIFY2(model.errorText().contains(error), qPrintable(model.errorText()));
        QCOMPARE(model.nodePath(), dir);
        QCOMPARE(model.rowCount() > 0, status == VerifyModel::Status::Done);
    }

    void checksShowGroupProvenanceAndMismatch() {
        const test::TestTree tree;
        test::FakeLauncher launcher;
        launcher.captureProgram = REDPAK_PROBE_PROGRAM;
        VerifyModel model([&](const QString&) { return &launcher; });
        model.setProbePath(kProbeInNode);
        model.verify(tree.platform(), false);
        QTRY_VERIFY_WITH_TIMEOUT(!model.busy(), 60000);
        QCOMPARE(model.status(), VerifyModel::Status::Done);
        QVERIFY(failedRows(model).contains("namespace net"));
        QVERIFY(!failedRows(model).contains("identity uid"));
        QVERIFY(model.groupPassed("Identity"));
        QVERIFY(!model.groupPassed("Namespaces"));
        QCOMPARE(model.passedCount() + model.failedCount() + model.unknownCount(),
                 model.rowCount());
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex at = model.index(row);
            if (at.data(VerifyModel::SubjectRole) != "net") {
                continue;
            }
            QCOMPARE(at.data(VerifyModel::GroupTitleRole).toString(), QString("Namespaces"));
            QCOMPARE(at.data(VerifyModel::OutcomeRole).value<VerifyModel::Outcome>(),
                     VerifyModel::Outcome::Fail);
            QCOMPARE(at.data(VerifyModel::OutcomeTextRole).toString(), QString("fail"));
            QCOMPARE(at.data(VerifyModel::ExpectedRole).toString(), QString("unshared"));
            QCOMPARE(at.data(VerifyModel::ObservedRole).toString(), QString("shared"));
            QVERIFY(!at.data(VerifyModel::ProvenanceRole).toString().isEmpty());
        }
        // The probe ran as the node's command, with the launcher's namespaces to compare.
        const QStringList command = launcher.captureRequests.last().command;
        QCOMPARE(command.first(), QString(kProbeInNode));
        QVERIFY(command.contains("--launcher-ns"));
    }

    // A verify started while another runs replaces it: only the last one's result shows.
    void newerVerifyWins() {
        const test::TestTree tree;
        test::FakeLauncher launcher;
        launcher.captureProgram = REDPAK_PROBE_PROGRAM;
        VerifyModel model([&](const QString&) { return &launcher; });
        model.setProbePath(kProbeInNode);
        model.verify(tree.platform(), false);
        model.verify(tree.broken(), false);
        QTRY_VERIFY_WITH_TIMEOUT(!model.busy(), 60000);
        QTest::qWait(200);
        QCOMPARE(model.status(), VerifyModel::Status::Error);
        QCOMPARE(model.nodePath(), tree.broken());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestVerifyModel)
#include "tst_verifymodel.moc"
