// SPDX-License-Identifier: Apache-2.0
// Live family checks: a value that a parent forbids (`share_net: enabled` under apps, which
// disables it) is shown at its field and in a banner while editing, before any save; the
// review then names the merge error instead of "0 widening, 0 narrowing".
import QtQuick
import QtTest
import RedPak.Models
import RedPak.Manager

Item {
    width: 800
    height: 900

    ConfigEditorPage {
        id: page
        anchors.fill: parent
        session: testSession
    }

    TestCase {
        name: "FamilyCheck"
        when: windowShown

        function document() { return testSession.normalDocument }

        // The visible items named `name` below `item`.
        function visibleNamed(item, name) {
            let found = []
            for (let i = 0; i < item.children.length; ++i) {
                const child = item.children[i]
                if (child.objectName === name && child.visible)
                    found.push(child)
                found = found.concat(visibleNamed(child, name))
            }
            return found
        }

        function init() {
            testSession.currentNode = testTree.browser
            tryCompare(document(), "status", ConfigDocument.Ready)
            document().revert()
            findChild(page, "editTabs").currentIndex = 0
        }

        function test_parentConflictShownAtTheField() {
            const check = document().familyCheck
            document().editText(document().text.replace("config:\n", "config:\n  share_net: enabled\n"))
            verify(document().valid)
            check.flush()
            compare(check.errors.length, 1)
            verify(check.errors[0].indexOf("share net") >= 0, check.errors[0])
            tryCompare(findChild(page, "familyErrorBanner"), "visible", true)
            tryVerify(() => visibleNamed(page, "familyError").length === 1)
            const field = visibleNamed(page, "familyError")[0]
            verify(field.text.indexOf("forbidden by") >= 0, field.text)
            compare(testSession.effective.errors.length, 0) // nothing was saved

            testSession.review.reviewDocument(document())
            compare(testSession.review.newErrors.length, 1)

            document().editText(document().text.replace("share_net: enabled", "share_net: disabled"))
            check.flush()
            compare(check.errors.length, 0)
            tryCompare(findChild(page, "familyErrorBanner"), "visible", false)
            compare(visibleNamed(page, "familyError").length, 0)
        }

        function test_noCheckWhileTheTextDoesNotParse() {
            const check = document().familyCheck
            document().editText(document().text.replace("config:\n", "config:\n  share_net: enabled\n"))
            check.flush()
            compare(check.errors.length, 1)
            document().editText(document().text + "config: [\n")
            verify(!document().valid)
            compare(check.errors.length, 0)
        }
    }
}
