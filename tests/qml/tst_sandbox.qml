// SPDX-License-Identifier: Apache-2.0
// "Sandbox an application..." in the main window, as a user clicks it: the Applications tab,
// the button, a host application (from the test XDG_DATA_DIRS), a new node of its own proposed
// under the selected node with the graphical preset, the review before anything is written,
// the confirmation with the menu entry, and the application launched in one click (fake
// launcher). Also: the node proposed with nothing selected, Back, and unsaved edits of the node
// shown, which finishing never drops (the tree's guard asks first).
import QtQuick
import QtTest
import RedPak.Models
import RedPak.Manager

TestCase {
    id: testCase
    name: "SandboxApplication"
    when: windowShown

    Component {
        id: mainWindow
        Main { session: testSession }
    }

    function openDialog(window) {
        mouseClick(findChild(window, "sideTabs").itemAt(3)) // Applications
        mouseClick(findChild(window, "sandboxApplicationButton"))
        const dialog = findChild(window, "sandboxDialog")
        tryCompare(dialog, "opened", true)
        return dialog
    }

    // Types `text` in the search and clicks the first application listed.
    function chooseHostApplication(dialog, text) {
        findChild(dialog, "hostApplicationSearch").text = text
        const list = findChild(dialog, "hostApplicationList")
        tryCompare(list, "count", 1)
        tryVerify(() => list.itemAtIndex(0) !== null)
        mouseClick(list.itemAtIndex(0))
        tryCompare(findChild(dialog, "sandboxSteps"), "currentIndex", 1)
        waitForRendering(dialog.contentItem)
    }

    function test_hostApplicationInANewNodeThenLaunch() {
        const window = createTemporaryObject(mainWindow, testCase)
        verify(window)
        testSession.currentNode = testTree.apps
        const dialog = openDialog(window)
        chooseHostApplication(dialog, "eyes")

        const flow = testSession.sandbox
        compare(flow.applicationName, "Test Eyes")
        verify(findChild(dialog, "newNodeChoice").checked)
        compare(findChild(dialog, "newNodeAlias").text, "test-eyes")
        compare(flow.newNode.parentPath, testTree.apps)
        // Terminal=false: the graphical preset when it is built in (core decides which).
        compare(findChild(dialog, "newNodeTemplate").currentText, flow.newNode.templateName)
        verify(flow.graphical)
        const target = testTree.apps + "/test-eyes"
        compare(flow.targetNode, target)
        compare(findChild(dialog, "sandboxedCommand").text, "Runs xeyes in " + target)

        // The review is shown and nothing is written yet.
        tryCompare(flow.review, "status", ReviewModel.Ready)
        verify(findChild(dialog, "reviewList").count > 0)
        const confirm = findChild(dialog, "reviewSaveButton")
        verify(confirm.enabled)
        verify(confirm.text.indexOf("Sandbox") === 0)
        compare(testSession.tree.indexForPath(target).valid, false)

        mouseClick(findChild(dialog, "addToMenuCheck"))
        verify(flow.addToMenu)
        mouseClick(confirm)
        tryCompare(testSession, "currentNode", target)
        tryCompare(dialog, "visible", false)
        compare(flow.errorString, "")

        // In the Applications tab, in the menu, launched in one click.
        const list = findChild(window, "applicationList")
        tryCompare(list, "count", 1)
        tryVerify(() => list.itemAtIndex(0) !== null)
        tryVerify(() => findChild(list.itemAtIndex(0), "inMenuCheck").checked)
        const before = fakeLauncher.startCount()
        mouseClick(findChild(list.itemAtIndex(0), "launchApplicationButton"))
        compare(fakeLauncher.startCount(), before + 1)
        compare(fakeLauncher.lastApplication(), "org.test.Eyes")
    }

    function test_terminalApplicationGetsTheDefaultPresetAndBackReturns() {
        const window = createTemporaryObject(mainWindow, testCase)
        verify(window)
        testSession.currentNode = testTree.apps
        const dialog = openDialog(window)
        chooseHostApplication(dialog, "shell")
        verify(!testSession.sandbox.graphical)
        compare(testSession.sandbox.newNode.templateName, "leaf")
        // A preset that redefines much of its parent: the first warnings, the rest on demand.
        testSession.sandbox.newNode.templateName = "root"
        const warnings = testSession.sandbox.review.newWarnings
        verify(warnings.length > 3)
        const banner = findChild(dialog, "newWarningsBanner")
        compare(banner.text.split("\n").length, 1 + 3)
        compare(banner.actionText, "Show all " + warnings.length)
        banner.actionTriggered()
        compare(banner.text.split("\n").length, 1 + warnings.length)
        // Another node: the review is what that node grants, the target is that node.
        mouseClick(findChild(dialog, "existingNodeChoice"))
        compare(testSession.sandbox.target, SandboxFlow.ExistingNode)
        compare(testSession.sandbox.targetNode, testTree.apps)
        tryCompare(testSession.sandbox.review, "status", ReviewModel.Ready)
        mouseClick(findChild(dialog, "reviewCancelButton"))
        compare(findChild(dialog, "sandboxSteps").currentIndex, 0)
        dialog.close()
        tryCompare(dialog, "visible", false)
    }

    function test_finishingAsksBeforeLeavingUnsavedEdits() {
        const window = createTemporaryObject(mainWindow, testCase)
        verify(window)
        testSession.currentNode = testTree.apps
        const document = testSession.normalDocument
        tryCompare(document, "status", ConfigDocument.Ready)
        document.editText(document.text + "# edited\n")
        verify(testSession.modified)
        const dialog = openDialog(window)
        chooseHostApplication(dialog, "shell")
        const target = testSession.sandbox.targetNode
        const confirm = findChild(dialog, "reviewSaveButton")
        tryCompare(confirm, "enabled", true)
        mouseClick(confirm)
        tryCompare(dialog, "visible", false)
        const unsaved = findChild(window, "unsavedDialog")
        tryCompare(unsaved, "opened", true)
        compare(testSession.currentNode, testTree.apps) // nothing dropped before the answer
        mouseClick(findChild(window, "unsavedCancelButton"))
        tryCompare(unsaved, "visible", false)
        compare(testSession.currentNode, testTree.apps)
        verify(testSession.modified)
        verify(testSession.tree.indexForPath(target).valid)
        // Asked again, Discard: the new node is shown.
        window.requestNode(target)
        tryCompare(unsaved, "opened", true)
        mouseClick(findChild(window, "discardButton"))
        tryCompare(testSession, "currentNode", target)
        tryVerify(() => !testSession.modified) // the edits discarded, the new node loaded
    }
}
