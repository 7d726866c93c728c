// SPDX-License-Identifier: Apache-2.0
// The GUI's review models on a real tree: the review before a save lists the children a parent
// widens (widening rows first, score change), the findings proxy filters by severity, and the
// audit controller approves and then reports drift.
#include "auditcontroller.h"
#include "findingsmodel.h"
#include "review_fixtures.h"
#include "reviewmodel.h"

#include <QtTest>

using namespace redpak;
using namespace redpak::gui;
using namespace redpak::test;

class TestReviewModels : public QObject {
    Q_OBJECT

private slots:
    void init();
    void reviewListsWideningChildrenFirst();
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

void TestReviewModels::reviewListsWideningChildrenFirst() {
    ReviewModel model;
    model.review(
        QString::fromStdString(m_root.string()),
        QString::fromStdString(configText("r", "config:\n  chdir: /srv\n  share_net: enabled\n")),
        false);
    QCOMPARE(model.status(), ReviewModel::Status::Ready);
    QCOMPARE(model.changedNodes(), 2);
    QCOMPARE(model.wideningCount(), 2);
    QVERIFY(model.scoreRises());
    QCOMPARE(model.data(model.index(0), ReviewModel::DirectionRole).toString(),
             QString("widening"));
    QCOMPARE(model.data(model.index(1), ReviewModel::DirectionRole).toString(),
             QString("widening"));
    QCOMPARE(model.data(model.index(1), ReviewModel::AliasRole).toString(), QString("child"));
    QCOMPARE(model.data(model.index(model.rowCount() - 1), ReviewModel::DirectionRole).toString(),
             QString("neutral"));
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
    AuditController audit;
    audit.setNodePath(QString::fromStdString((m_root / "child").string()));
    QCOMPARE(audit.state(), AuditController::State::NotAudited);
    QVERIFY(audit.approve("fine"));
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
