// SPDX-License-Identifier: Apache-2.0
// "Approve" in the GUI goes through the node's store: for a system root the helper records the
// approval (played here by FakeSystemStore behind the NodeStore interface), for a root the user
// owns the local store writes it. Either way only the family as shown is approved, a refusal is
// reported and changes nothing, and a success refreshes the audit status.
#include "auditcontroller.h"
#include "configdocument.h"
#include "fakenodestore.h"
#include "redpak/review/audit_status.h"
#include "testtree.h"
#include "workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

using namespace redpak::gui;

namespace {

QString recordOf(const QString& nodeDir) {
    return QString::fromStdString(redpak::auditRecordPath(nodeDir.toStdString()).string());
}

void appendTo(const QString& file, const QByteArray& text) {
    QFile out(file);
    QVERIFY(out.open(QIODevice::Append));
    out.write(text);
}

// Opens every root as a system root, served by a fake helper store; `fake` gets the last one.
Workspace::StoreFactory systemStores(test::FakeSystemStore*& fake) {
    return [&fake](const QString& root) {
        auto store = std::make_unique<test::FakeSystemStore>(root);
        fake = store.get();
        return store;
    };
}

} // namespace

class TestAuditController : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void systemNodeIsApprovedThroughTheStore_data() {
        QTest::addColumn<StoreError>("error");
        QTest::addColumn<QString>("detail");
        QTest::newRow("recorded by the helper") << StoreError::None << QString();
        QTest::newRow("polkit refuses") << StoreError::NotAuthorized << "polkit said no";
        QTest::newRow("family changed meanwhile")
            << StoreError::StaleDigest << "the files of the family differ";
        QTest::newRow("helper failed") << StoreError::Failed << "No space left on device";
    }
    void systemNodeIsApprovedThroughTheStore() {
        QFETCH(StoreError, error);
        QFETCH(QString, detail);
        test::TestTree tree;
        QVERIFY(tree.isValid());
        test::FakeSystemStore* fake = nullptr;
        Workspace workspace(systemStores(fake));
        QVERIFY(workspace.addRoot(tree.root()));
        QVERIFY(fake);
        fake->approvalResult = StoreResult{error, detail};

        AuditController audit;
        audit.setWorkspace(&workspace);
        audit.setNodePath(tree.browser());
        QCOMPARE(audit.state(), AuditController::State::NotAudited);
        const QList<ReviewedFile> shown = currentReviewedFiles(tree.browser());
        QSignalSpy approved(&audit, &AuditController::approved);
        QSignalSpy statusChanged(&audit, &AuditController::statusChanged);

        audit.approve(QStringLiteral("reviewed by QA"));
        QVERIFY(audit.isBusy());
        QTRY_VERIFY(!audit.isBusy());

        // One request, for this node, with the comment typed and the family as shown.
        QCOMPARE(fake->approvals.size(), 1);
        const auto& request = fake->approvals.constFirst();
        QCOMPARE(request.nodeDir, tree.browser());
        QCOMPARE(request.comment, QStringLiteral("reviewed by QA"));
        QCOMPARE(request.reviewed, shown);
        QVERIFY(
            request.reviewed.constFirst().path.endsWith(QStringLiteral("platform/.rednode.yaml")));
        QVERIFY(request.reviewed.constLast().path.startsWith(tree.browser() + QLatin1Char('/')));

        if (error == StoreError::None) {
            QVERIFY2(audit.errorString().isEmpty(), qPrintable(audit.errorString()));
            QCOMPARE(approved.count(), 1);
            QCOMPARE(approved.at(0).at(0).toString(), tree.browser());
            QCOMPARE(audit.state(), AuditController::State::Approved);
            QCOMPARE(audit.comment(), QStringLiteral("reviewed by QA"));
            QVERIFY(!audit.approvedBy().isEmpty());
            return;
        }
        // Refused: a message saying why, and nothing else changed.
        QCOMPARE(audit.errorString(),
                 QStringLiteral("Cannot approve %1: %2")
                     .arg(tree.browser(), storeErrorMessage(StoreResult{error, detail})));
        QVERIFY(audit.errorString().contains(detail));
        QCOMPARE(approved.count(), 0);
        QCOMPARE(statusChanged.count(), 0);
        QCOMPARE(audit.state(), AuditController::State::NotAudited);
        QVERIFY(!QFileInfo::exists(recordOf(tree.browser())));
    }

    // What is sent is what the status showed, not what the disk holds at approval time: the
    // store (helper) then refuses the approval as stale.
    void approvalCarriesTheFamilyAsShown() {
        test::TestTree tree;
        test::FakeSystemStore* fake = nullptr;
        Workspace workspace(systemStores(fake));
        QVERIFY(workspace.addRoot(tree.root()));
        AuditController audit;
        audit.setWorkspace(&workspace);
        audit.setNodePath(tree.apps());
        const QList<ReviewedFile> shown = currentReviewedFiles(tree.apps());
        appendTo(tree.apps() + QStringLiteral("/etc/redpak.yaml"), "# edited after the review\n");
        audit.approve(QString());
        QTRY_VERIFY(!audit.isBusy());
        QCOMPARE(fake->approvals.size(), 1);
        QCOMPARE(fake->approvals.constFirst().reviewed, shown);
        QVERIFY(fake->approvals.constFirst().reviewed != currentReviewedFiles(tree.apps()));
    }

    // A root the user owns: the local store writes the record, with the same rules.
    void userNodeIsApprovedByTheLocalStore_data() {
        QTest::addColumn<QString>("node");        // "browser" or "broken"
        QTest::addColumn<bool>("editAfterShown"); // a file of the family changes after refresh
        QTest::addColumn<StoreError>("error");
        QTest::newRow("as shown") << "browser" << false << StoreError::None;
        QTest::newRow("changed since shown") << "browser" << true << StoreError::StaleDigest;
        QTest::newRow("family that does not parse")
            << "broken" << false << StoreError::InvalidConfig;
    }
    void userNodeIsApprovedByTheLocalStore() {
        QFETCH(QString, node);
        QFETCH(bool, editAfterShown);
        QFETCH(StoreError, error);
        test::TestTree tree;
        Workspace workspace;
        QVERIFY(workspace.addRoot(tree.root()));
        QVERIFY(!workspace.storeFor(tree.root())->usesHelper());
        const QString dir = node == QLatin1String("broken") ? tree.broken() : tree.browser();
        AuditController audit;
        audit.setWorkspace(&workspace);
        audit.setNodePath(dir);
        if (editAfterShown) {
            appendTo(tree.platform() + QStringLiteral("/etc/redpak.yaml"), "# a parent changed\n");
        }
        QSignalSpy approved(&audit, &AuditController::approved);
        audit.approve(QStringLiteral("fine"));
        QTRY_VERIFY(!audit.isBusy());
        if (error == StoreError::None) {
            QVERIFY2(audit.errorString().isEmpty(), qPrintable(audit.errorString()));
            QCOMPARE(approved.count(), 1);
            QCOMPARE(audit.state(), AuditController::State::Approved);
            QCOMPARE(audit.comment(), QStringLiteral("fine"));
            QVERIFY(QFileInfo::exists(recordOf(dir)));
            return;
        }
        QVERIFY2(audit.errorString().contains(storeErrorMessage(StoreResult{error, {}})),
                 qPrintable(audit.errorString()));
        QCOMPARE(approved.count(), 0);
        QVERIFY(!QFileInfo::exists(recordOf(dir)));
        // Once shown again, the changed family can be approved.
        if (editAfterShown) {
            audit.refresh();
            audit.approve(QStringLiteral("fine"));
            QTRY_COMPARE(approved.count(), 1);
            QCOMPARE(audit.state(), AuditController::State::Approved);
        }
    }

    void nodeOutsideTheOpenedRootsIsNotApproved() {
        test::TestTree tree;
        Workspace workspace; // nothing opened
        AuditController audit;
        audit.setWorkspace(&workspace);
        audit.setNodePath(tree.browser());
        audit.approve(QStringLiteral("fine"));
        QVERIFY(!audit.isBusy());
        QVERIFY(audit.errorString().contains(tree.browser()));
        QCOMPARE(audit.state(), AuditController::State::NotAudited);
        QVERIFY(!QFileInfo::exists(recordOf(tree.browser())));
    }
};

QTEST_GUILESS_MAIN(TestAuditController)
#include "tst_auditcontroller.moc"
