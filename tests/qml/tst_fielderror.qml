// SPDX-License-Identifier: Apache-2.0
// A form field left in error blocks the save and says why: its refused text is kept by the
// document, Save stays disabled and the review refuses, until the value is corrected.
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
        name: "FieldError"
        when: windowShown

        function document() { return testSession.normalDocument }
        function settings() { return findChild(page, "settingsModel") }
        function rowOf(key) {
            const model = settings()
            for (let row = 0; row < model.rowCount(); ++row) {
                if (model.data(model.index(row, 0), SettingsModel.KeyRole) === key)
                    return row
            }
            return -1
        }

        function init() {
            testSession.currentNode = testTree.browser
            tryCompare(document(), "status", ConfigDocument.Ready)
            document().revert()
        }

        function test_refusedValueBlocksTheSave() {
            const umask = rowOf("umask")
            verify(umask >= 0)
            settings().setValue(umask, "999")
            compare(settings().data(settings().index(umask, 0), SettingsModel.PendingTextRole), "999")
            verify(document().modified) // the typed value is not lost when leaving the node
            verify(!document().canSave)
            verify(!testSession.canSaveAll)
            compare(document().refusedInputs.length, 1)
            verify(document().refusedInputs[0].indexOf("umask") === 0, document().refusedInputs[0])
            const banner = findChild(page, "refusedInputBanner")
            tryCompare(banner, "visible", true)
            verify(banner.text.indexOf("999") >= 0, banner.text)

            // Another valid edit does not make the file savable while the field is refused.
            settings().setValue(rowOf("hostname"), "edited")
            verify(document().valid)
            verify(!document().canSave)
            testSession.review.reviewDocument(document())
            compare(testSession.review.status, ReviewModel.Failed)
            compare(testSession.review.reviewToken, "")
            verify(testSession.review.errorString.indexOf("umask") >= 0, testSession.review.errorString)

            settings().setValue(umask, "027")
            compare(document().refusedInputs.length, 0)
            tryCompare(banner, "visible", false)
            verify(document().canSave)
            verify(document().text.indexOf("umask") >= 0)
        }

        function test_removingTheKeyClearsTheRefusal() {
            const umask = rowOf("umask")
            settings().setValue(umask, "999")
            verify(!document().canSave)
            settings().setValue(umask, "")
            compare(document().refusedInputs.length, 0)
            compare(document().canSave, document().modified)
        }
    }
}
