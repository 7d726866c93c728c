// SPDX-License-Identifier: Apache-2.0
// The session is the GUI's composition root. A config file is written only through a review:
// ReviewModel::reviewDocument names the reviewed text with a token, and applyReviewed() with
// that token writes exactly that text; without a review, with another token, after the
// document changed since the review, or a second time, nothing is written. The review,
// findings and audit objects are the session's and follow the selected node and its saves.
#include "configdocument.h"
#include "fakelauncher.h"
#include "session.h"
#include "testworkspace.h"
#include "workspace.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace redpak::gui;

namespace {

QString readFile(const QString& path) {
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QString::fromUtf8(file.readAll());
}

// How the test gets to the save, after editing the document.
enum class SaveAttempt {
    WithoutReview,       // applyReviewed with no review done
    PreviewOnly,         // review() of the same text: a preview allows no save
    WithAnotherToken,    // reviewed, but applied with a token that is not the review's
    ChangedSinceReview,  // reviewed, then edited again, then applied with the token
    RevertedAfterChange, // reviewed, edited, edited back: the reviewed text is there again
    SecondApply,         // a reviewed save, then the same token once more
    Reviewed,            // reviewed, then applied with the token
};

} // namespace

Q_DECLARE_METATYPE(SaveAttempt)

class TestSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        test::openTestTree(m_tree, m_workspace);
        m_session = std::make_unique<Session>(m_workspace.get(),
                                              [this](const QString&) { return &m_launcher; });
        m_session->setCurrentNode(m_tree->browser());
        QTRY_COMPARE(m_session->normalDocument()->status(), ConfigDocument::Status::Ready);
    }

    void cleanup() {
        m_session.reset();
        m_workspace.reset();
        m_tree.reset();
    }

    void qmlCannotSaveADocumentDirectly() {
        const QMetaObject& meta = ConfigDocument::staticMetaObject;
        for (int i = meta.methodOffset(); i < meta.methodCount(); ++i) {
            QVERIFY2(meta.method(i).name() != "save", meta.method(i).methodSignature());
        }
    }

    void savingNeedsTheReviewOfTheTextSaved_data() {
        QTest::addColumn<SaveAttempt>("attempt");
        QTest::addColumn<bool>("written");
        QTest::newRow("without a review") << SaveAttempt::WithoutReview << false;
        QTest::newRow("after a preview only") << SaveAttempt::PreviewOnly << false;
        QTest::newRow("with another token") << SaveAttempt::WithAnotherToken << false;
        QTest::newRow("changed since the review") << SaveAttempt::ChangedSinceReview << false;
        QTest::newRow("edited back to the reviewed text")
            << SaveAttempt::RevertedAfterChange << true;
        QTest::newRow("the same review applied twice") << SaveAttempt::SecondApply << false;
        QTest::newRow("reviewed") << SaveAttempt::Reviewed << true;
    }
    void savingNeedsTheReviewOfTheTextSaved() {
        QFETCH(SaveAttempt, attempt);
        QFETCH(bool, written);
        ConfigDocument* document = m_session->normalDocument();
        ReviewModel* review = m_session->review();
        const QString file = document->filePath();
        const QString before = readFile(file);
        const QString edited = QString(before).replace(QStringLiteral("hostname: browser"),
                                                       QStringLiteral("hostname: surf"));
        QVERIFY(edited != before);
        document->editText(edited);
        QSignalSpy saved(document, &ConfigDocument::saved);

        bool started = false;
        switch (attempt) {
        case SaveAttempt::WithoutReview:
            started = review->applyReviewed(review->reviewToken());
            break;
        case SaveAttempt::PreviewOnly:
            review->review(document->nodePath(), document->text(), document->isAdmin());
            QCOMPARE(review->status(), ReviewModel::Status::Ready);
            started = review->applyReviewed(review->reviewToken());
            break;
        case SaveAttempt::WithAnotherToken:
            review->reviewDocument(document);
            started = review->applyReviewed(QString(review->reviewToken()).replace(0, 1, 'x'));
            break;
        case SaveAttempt::ChangedSinceReview:
            review->reviewDocument(document);
            document->editText(edited + QStringLiteral("# not reviewed\n"));
            started = review->applyReviewed(review->reviewToken());
            break;
        case SaveAttempt::RevertedAfterChange:
            review->reviewDocument(document);
            document->editText(edited + QStringLiteral("# not reviewed\n"));
            document->editText(edited);
            started = review->applyReviewed(review->reviewToken());
            break;
        case SaveAttempt::SecondApply: {
            review->reviewDocument(document);
            const QString token = review->reviewToken();
            QVERIFY(review->applyReviewed(token));
            QTRY_COMPARE(saved.count(), 1);
            document->editText(edited + QStringLiteral("# not reviewed\n"));
            started = review->applyReviewed(token);
            written = false;
            saved.clear();
            break;
        }
        case SaveAttempt::Reviewed:
            review->reviewDocument(document);
            QCOMPARE(review->status(), ReviewModel::Status::Ready);
            QVERIFY(!review->reviewToken().isEmpty());
            started = review->applyReviewed(review->reviewToken());
            break;
        }
        QCOMPARE(started, written);
        if (written) {
            QTRY_COMPARE(saved.count(), 1);
            QCOMPARE(readFile(file), edited);
            QVERIFY(!document->isModified());
        } else {
            QTest::qWait(50); // a write would have been started by now
            QCOMPARE(saved.count(), 0);
            QVERIFY(document->isModified());
            QVERIFY(readFile(file) != document->text());
        }
    }

    void aFailedReviewAllowsNoSave() {
        ConfigDocument* document = m_session->normalDocument();
        const QString before = readFile(document->filePath());
        document->editText(QStringLiteral("headers: [\n"));
        m_session->review()->reviewDocument(document);
        QCOMPARE(m_session->review()->status(), ReviewModel::Status::Failed);
        QVERIFY(m_session->review()->reviewToken().isEmpty());
        QVERIFY(!m_session->review()->applyReviewed(m_session->review()->reviewToken()));
        QCOMPARE(readFile(document->filePath()), before);
    }

    void reviewFindingsAndAuditFollowTheNode_data() {
        QTest::addColumn<bool>("selectsAnother");
        QTest::newRow("another node") << true;
        QTest::newRow("no node") << false;
    }
    void reviewFindingsAndAuditFollowTheNode() {
        QFETCH(bool, selectsAnother);
        const QString node = selectsAnother ? m_tree->apps() : QString();
        QCOMPARE(m_session->findings()->nodePath(), m_tree->browser());
        QCOMPARE(m_session->audit()->nodePath(), m_tree->browser());
        QCOMPARE(m_session->audit()->workspace(), m_workspace.get());
        m_session->review()->reviewDocument(m_session->normalDocument());
        QVERIFY(!m_session->review()->reviewToken().isEmpty());
        m_session->setCurrentNode(node);
        QCOMPARE(m_session->findings()->nodePath(), node);
        QCOMPARE(m_session->audit()->nodePath(), node);
        QCOMPARE(m_session->review()->status(), ReviewModel::Status::Empty);
        QVERIFY(m_session->review()->reviewToken().isEmpty());
    }

    void aSaveRefreshesFindingsAndAudit() {
        QCOMPARE(m_session->audit()->state(), AuditController::State::NotAudited);
        QSignalSpy findings(m_session->findings(), &FindingsModel::resultChanged);
        QSignalSpy audit(m_session->audit(), &AuditController::statusChanged);
        ConfigDocument* document = m_session->normalDocument();
        document->editText(document->text() + QStringLiteral("# saved\n"));
        m_session->review()->reviewDocument(document);
        QVERIFY(m_session->review()->applyReviewed(m_session->review()->reviewToken()));
        QTRY_VERIFY(findings.count() > 0 && audit.count() > 0);
    }

    void aSaveReinspectsOnlyTheFamiliesOfTheNode_data() {
        QTest::addColumn<QString>("node");
        QTest::addColumn<int>("reinspected");
        QTest::newRow("a leaf: itself") << "browser" << 1;
        QTest::newRow("a parent: with its child") << "apps" << 2;
    }
    void aSaveReinspectsOnlyTheFamiliesOfTheNode() {
        QFETCH(QString, node);
        QFETCH(int, reinspected);
        const QString path = node == QLatin1String("apps") ? m_tree->apps() : m_tree->browser();
        m_session->setCurrentNode(path);
        ConfigDocument* document = m_session->normalDocument();
        QTRY_COMPARE(document->status(), ConfigDocument::Status::Ready);
        NodeTreeModel* tree = m_session->tree();
        QTRY_VERIFY(!tree->isInspecting());
        QSignalSpy delivered(tree, &NodeTreeModel::nodesInspected);
        QSignalSpy reset(tree, &QAbstractItemModel::modelReset);
        document->editText(document->text() + QStringLiteral("# saved\n"));
        m_session->review()->reviewDocument(document);
        QVERIFY(m_session->review()->applyReviewed(m_session->review()->reviewToken()));
        QTRY_VERIFY(!delivered.isEmpty() && !tree->isInspecting());
        QStringList paths;
        for (const QList<QVariant>& arguments : delivered) {
            paths += arguments.at(0).toStringList();
        }
        QCOMPARE(paths.size(), reinspected);
        QVERIFY(paths.contains(path));
        QCOMPARE(reset.count(), 0); // the tree is not read again
    }

private:
    std::unique_ptr<test::TestTree> m_tree;
    std::unique_ptr<Workspace> m_workspace;
    test::FakeLauncher m_launcher;
    std::unique_ptr<Session> m_session;
};

QTEST_GUILESS_MAIN(TestSession)

#include "tst_session.moc"
