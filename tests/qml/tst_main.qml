// SPDX-License-Identifier: Apache-2.0
// The main window: unsaved changes are not dropped when another node is opened, every save is
// reviewed first (also the one asked for when leaving a node), and a node is created from the
// dialog with the alias checked as it is typed.
import QtQuick
import QtTest
import RedPak.Models
import RedPak.Manager

TestCase {
    id: testCase
    name: "MainWindow"
    when: windowShown

    Component {
        id: mainWindow
        Main { session: testSession }
    }

    // First run and bad roots: a root that cannot be opened is said in the window, and "Open
    // tree..." opens the folder dialog.
    function test_openErrorIsShownAndOpenTreeOpensTheDialog() {
        const window = createTemporaryObject(mainWindow, testCase)
        verify(window)
        const banner = findChild(window, "openErrorBanner")
        verify(!banner.visible)
        verify(!testSession.workspace.openRoot(testTree.root + "/no-such-dir"))
        tryCompare(banner, "visible", true)
        verify(banner.text.indexOf("no-such-dir") >= 0)
        const dialog = findChild(window, "openTreeDialog")
        verify(dialog)
        mouseClick(findChild(window, "openTreeButton"))
        tryCompare(dialog, "visible", true)
        dialog.reject()
        tryCompare(dialog, "visible", false)
        testSession.workspace.setOpenError("")
    }

    function test_unsavedChangesAreAskedFor() {
        const window = createTemporaryObject(mainWindow, testCase)
        verify(window)
        testSession.currentNode = testTree.apps
        tryCompare(testSession.normalDocument, "status", ConfigDocument.Ready)
        testSession.normalDocument.editText(testSession.normalDocument.text + "# edited\n")
        verify(testSession.modified)
        window.requestNode(testTree.browser)
        const dialog = findChild(window, "unsavedDialog")
        tryCompare(dialog, "opened", true)
        compare(testSession.currentNode, testTree.apps) // nothing happens before the answer
        mouseClick(findChild(window, "discardButton"))
        tryCompare(testSession, "currentNode", testTree.browser)
        tryCompare(dialog, "visible", false)
    }

    SignalSpy {
        id: savedSpy
        signalName: "saved"
    }

    function test_saveIsReviewedFirst_data() {
        return [
            { tag: "toolbar", leaving: false },
            { tag: "leaving the node", leaving: true }
        ]
    }

    function test_saveIsReviewedFirst(data) {
        const window = createTemporaryObject(mainWindow, testCase)
        verify(window)
        testSession.currentNode = testTree.apps
        const document = testSession.normalDocument
        tryCompare(document, "status", ConfigDocument.Ready)
        document.editText(document.text + "# reviewed\n")
        savedSpy.target = document
        savedSpy.clear()
        if (data.leaving) {
            window.requestNode(testTree.browser)
            tryCompare(findChild(window, "unsavedDialog"), "opened", true)
            mouseClick(findChild(window, "unsavedSaveButton"))
        } else {
            mouseClick(findChild(window, "saveButton"))
        }
        const review = findChild(window, "reviewDialog")
        tryCompare(review, "opened", true)
        compare(testSession.review.status, ReviewModel.Ready)
        verify(testSession.review.reviewToken !== "")
        compare(savedSpy.count, 0) // nothing is written before the review is accepted
        verify(document.modified)
        mouseClick(findChild(window, "reviewSaveButton"))
        tryCompare(savedSpy, "count", 1)
        verify(!document.modified)
        compare(testSession.review.reviewToken, "") // one review, one save
        tryCompare(review, "visible", false)
        if (data.leaving)
            tryCompare(testSession, "currentNode", testTree.browser)
    }

    function test_createNodeDialog() {
        const window = createTemporaryObject(mainWindow, testCase)
        testSession.currentNode = testTree.apps
        const dialog = findChild(window, "createDialog")
        dialog.openFor(testTree.apps)
        tryCompare(dialog, "opened", true)
        const alias = findChild(window, "aliasField")
        alias.forceActiveFocus()
        keyClick(Qt.Key_A)
        keyClick(Qt.Key_Space)
        tryCompare(findChild(window, "aliasError"), "visible", true) // a space is refused
        verify(!testSession.actions.canCreate)
        alias.selectAll()
        keyClick(Qt.Key_Delete)
        keyClick(Qt.Key_A)
        keyClick(Qt.Key_B)
        compare(testSession.actions.alias, "ab")
        verify(testSession.actions.canCreate)
        mouseClick(findChild(window, "createButton"))
        tryCompare(testSession, "currentNode", testTree.apps + "/ab")
        tryCompare(dialog, "visible", false)
        tryVerify(() => testSession.tree.indexForPath(testTree.apps + "/ab").valid) // tree re-read
    }
}
