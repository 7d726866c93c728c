// SPDX-License-Identifier: Apache-2.0
// The GUI's review models on a real tree: the review before a save (of a normal or an admin
// file) lists every child a parent widens (widening rows first, score changes), the findings
// proxy filters by severity, and the audit controller approves and then reports drift.
#include "auditcontroller.h"
#include "findingsmodel.h"
#include "review_fixtures.h"
#include "reviewmodel.h"
#include "workspace.h"

#include <QtTest>

using namespace redpak;
using namespace redpak::gui;
using namespace redpak::test;

class TestReviewModels : public QObject {
    Q_OBJECT

private slots:
    void init();
    void parentSharingNetworkWidensEveryChild_data();
    void parentSharingNetworkWidensEveryChild();
    void reviewOfAnInvalidTextFails();
    void findingsFilterBySeverity();
    void auditApproveThenDrift();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::filesystem::path m_root;
};

void TestReviewModels::init() {
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_root = std::filesystem::path(m_tmp->path().toStdString()) / "r";
    writeNode(m_root, "config:\n  chdir: /\n");
    writeNode(m_root / "child", "");
}

// The first "done when": before saving a parent that shares its network, the review
// shows every child that gains network access, classified as widening, with the score change;
// widening rows come first. An admin file is reviewed the same way, in admin mode, where it also
// overrides a child's normal file that unshares the network.
void TestReviewModels::parentSharingNetworkWidensEveryChild_data() {
    QTest::addColumn<bool>("admin");
    QTest::addColumn<QStringList>("gaining"); // aliases of the nodes that gain the network
    QTest::newRow("normal file") << false << QStringList{"child", "grandchild", "r"};
    QTest::newRow("admin file") << true << QStringList{"child", "closed", "grandchild", "r"};
}

void TestReviewModels::parentSharingNetworkWidensEveryChild() {
    QFETCH(bool, admin);
    QFETCH(QStringList, gaining);
    writeNode(m_root / "child" / "grandchild", "");
    writeNode(m_root / "closed", "config:\n  share_net: disabled\n");
    writeNode(m_root / "plain" / "orphan", ""); // not in the family: a plain directory between
    ReviewModel model;
    model.review(
        QString::fromStdString(m_root.string()),
        QString::fromStdString(configText("r", "config:\n  chdir: /srv\n  share_net: enabled\n")),
        admin);
    QCOMPARE(model.status(), ReviewModel::Status::Ready);
    QCOMPARE(model.adminMode(), admin);
    QStringList gained;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        const QString direction = model.data(index, ReviewModel::DirectionRole).toString();
        // Widening first, over the whole tree.
        QCOMPARE(direction == "widening", row < model.wideningCount());
        if (model.data(index, ReviewModel::ItemRole).toString() != "namespace net") {
            continue;
        }
        QCOMPARE(direction, QString("widening"));
        QCOMPARE(model.data(index, ReviewModel::KindRole).toString(), QString("modified"));
        const QStringList score =
            model.data(index, ReviewModel::ScoreChangeRole).toString().split(" → ");
        QCOMPARE(score.size(), 2);
        QVERIFY2(score[1].toDouble() > score[0].toDouble(), qPrintable(score.join(" → ")));
        gained << model.data(index, ReviewModel::AliasRole).toString();
    }
    gained.sort();
    QCOMPARE(gained, gaining);
    QCOMPARE(model.changedNodes(), 4); // closed changes too (chdir) without gaining the network
    QVERIFY(model.neutralCount() > 0); // chdir
    QCOMPARE(model.data(model.index(model.rowCount() - 1), ReviewModel::DirectionRole).toString(),
             QString("neutral"));
    // The edited node's score change, shown at the top of the page.
    QVERIFY(!model.scoreBefore().isEmpty());
    QVERIFY(model.scoreRises());
    QVERIFY(model.scoreAfter().toDouble() > model.scoreBefore().toDouble());
    QVERIFY(model.newErrors().isEmpty());
}

void TestReviewModels::reviewOfAnInvalidTextFails() {
    ReviewModel model;
    model.review(QString::fromStdString(m_root.string()), "headers: [", false);
    QCOMPARE(model.status(), ReviewModel::Status::Failed);
    QVERIFY(!model.errorString().isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

void TestReviewModels::findingsFilterBySeverity() {
    writeNode(m_root / "child", "config:\n  unsafe: true\n  share_net: enabled\n");
    FindingsModel findings;
    findings.setNodePath(QString::fromStdString((m_root / "child").string()));
    QVERIFY(findings.warningCount() > 0);
    FindingsFilterModel filter;
    filter.setSourceModel(&findings);
    QCOMPARE(filter.rowCount(), findings.rowCount());
    filter.setMinimumSeverity(1);
    QCOMPARE(filter.rowCount(), findings.warningCount() + findings.errorCount());
    QVERIFY(filter.rowCount() < findings.rowCount()); // limits.cpu is info
    filter.setMinimumSeverity(2);
    QCOMPARE(filter.rowCount(), findings.errorCount());
}

void TestReviewModels::auditApproveThenDrift() {
    Workspace workspace; // the temporary tree is the user's: the local store records approvals
    QVERIFY(workspace.addRoot(QString::fromStdString(m_root.string())));
    AuditController audit;
    audit.setWorkspace(&workspace);
    audit.setNodePath(QString::fromStdString((m_root / "child").string()));
    QCOMPARE(audit.state(), AuditController::State::NotAudited);
    QSignalSpy approved(&audit, &AuditController::approved);
    audit.approve("fine");
    QTRY_COMPARE(approved.count(), 1);
    QCOMPARE(audit.state(), AuditController::State::Approved);
    QCOMPARE(audit.comment(), QString("fine"));
    writeText(m_root / "etc/redpak.yaml", configText("r", "config:\n  share_ipc: enabled\n"));
    audit.refresh();
    QCOMPARE(audit.state(), AuditController::State::Drifted);
    QVERIFY(audit.driftText().contains("+  share_ipc: enabled"));
    QVERIFY(audit.semanticSummary().contains("widening namespace ipc"));
}

QTEST_GUILESS_MAIN(TestReviewModels)
#include "tst_review_models.moc"
