// SPDX-License-Identifier: Apache-2.0
// Audit and review in the window: "Approve" in the audit panel records the approval through the
// node's store and shows the new status; the review of an admin file shows its tree-wide impact
// in admin mode.
import QtQuick
import QtTest
import RedPak.Models
import RedPak.Manager

Item {
    id: host
    width: 800
    height: 600

    Component {
        id: mainWindow
        Main { session: testSession }
    }
    Component {
        id: reviewPage
        ReviewPage {
            anchors.fill: parent
            review: testSession.review
        }
    }

    TestCase {
        id: testCase
        name: "Audit"
        when: windowShown

        function test_approveFromTheAuditPanel() {
            const window = createTemporaryObject(mainWindow, testCase)
            verify(window)
            testSession.currentNode = testTree.browser
            const audit = testSession.audit
            verify(audit)
            tryCompare(audit, "state", AuditController.NotAudited)
            findChild(window, "sideTabs").currentIndex = 2
            const comment = findChild(window, "approvalComment")
            const approve = findChild(window, "approveButton")
            tryCompare(approve, "visible", true)
            tryCompare(approve, "enabled", true)
            mouseClick(comment)
            tryCompare(comment, "activeFocus", true)
            keyClick(Qt.Key_O)
            keyClick(Qt.Key_K)
            compare(comment.text, "ok")
            mouseClick(approve)
            tryCompare(audit, "state", AuditController.Approved)
            compare(audit.comment, "ok")
            compare(audit.errorString, "")
            tryCompare(comment, "text", "") // the comment went with the approval
            verify(!approve.enabled)
        }

        function test_adminFileIsReviewedInAdminMode_data() {
            return [
                { tag: "admin file", admin: true, score: "Exposure score in admin mode: " },
                { tag: "normal file", admin: false, score: "Exposure score: " }
            ]
        }

        function test_adminFileIsReviewedInAdminMode(data) {
            const page = createTemporaryObject(reviewPage, host)
            verify(page)
            // The root template's admin file shares the network, which every child inherits.
            page.review.review(testTree.platform,
                               "headers:\n  alias: platform\nconfig:\n  share_net: disabled\n",
                               data.admin)
            compare(page.review.status, ReviewModel.Ready)
            compare(page.review.adminMode, data.admin)
            compare(findChild(page, "adminModeNote").visible, data.admin)
            const score = findChild(page, "scoreChange")
            if (score.visible)
                verify(score.text.startsWith(data.score), score.text)
            if (data.admin) {
                // platform, apps and browser lose the network they had in admin mode.
                verify(page.review.narrowingCount >= 3)
                verify(score.visible)
            }
        }
    }
}
