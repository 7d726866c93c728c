// SPDX-License-Identifier: Apache-2.0
// The main window as a desktop application: closing asks about unsaved edits and running
// launches, the tree shows the node being edited (after Cancel, while searching), the menu
// bar, Delete key and context menu act on that node, the layout is remembered, and nothing is
// cut off at the minimum size.
import QtQuick
import QtQuick.Controls
import QtTest
import RedPak.Models
import RedPak.Manager

TestCase {
    id: testCase
    name: "DesktopWindow"
    when: windowShown

    Component {
        id: mainWindow
        Main { session: testSession }
    }

    function openWindow() {
        const window = createTemporaryObject(mainWindow, testCase)
        verify(window)
        window.requestActivate()
        tryVerify(() => window.active)
        return window
    }

    function openNode(window, path) {
        window.requestNode(path)
        tryCompare(testSession, "currentNode", path)
        tryCompare(testSession.normalDocument, "status", ConfigDocument.Ready)
    }

    function edit() {
        testSession.normalDocument.editText(testSession.normalDocument.text + "# edited\n")
        verify(testSession.modified)
    }

    // The delegate of the node at `path` in the window's tree.
    function treeRow(window, path) {
        const tree = findChild(window, "nodeTree")
        let item = null
        tryVerify(() => {
            const index = testSession.filteredTree.indexForPath(path)
            item = index.valid ? tree.itemAtCell(tree.cellAtIndex(index)) : null
            return item !== null
        })
        return item
    }

    function shownPath(window) {
        const selection = findChild(window, "nodeTree").selectionModel
        return selection.currentIndex.valid
                ? testSession.filteredTree.data(selection.currentIndex, NodeTreeModel.PathRole) : ""
    }

    // The window's settings are the process's: the other test files start from none.
    function cleanupTestCase() {
        const settings = createTemporaryObject(settingsComponent, testCase)
        settings.geometry = Qt.rect(0, 0, 0, 0)
        settings.splitterState = new ArrayBuffer(0)
        settings.lastNode = ""
    }

    function init() {
        testSession.filteredTree.filterText = ""
        testSession.currentNode = ""
    }

    function test_closingWithUnsavedEditsAsks_data() {
        return [
            { tag: "title-bar close", byKey: false },
            { tag: "Ctrl+Q", byKey: true }
        ]
    }

    function test_closingWithUnsavedEditsAsks(data) {
        const window = openWindow()
        openNode(window, testTree.apps)
        edit()
        const dialog = findChild(window, "quitDialog")
        if (data.byKey)
            keyClick(Qt.Key_Q, Qt.ControlModifier)
        else
            window.close()
        tryCompare(dialog, "opened", true)
        verify(window.visible)
        verify(findChild(window, "quitUnsavedText").visible)
        mouseClick(findChild(window, "quitCancelButton"))
        tryCompare(dialog, "visible", false)
        verify(window.visible) // Cancel keeps the window and the edits
        verify(testSession.modified)
        window.close()
        tryCompare(dialog, "opened", true)
        mouseClick(findChild(window, "quitDiscardButton"))
        tryCompare(window, "visible", false)
    }

    function test_closingWithoutEditsOrLaunchesDoesNotAsk() {
        const window = openWindow()
        openNode(window, testTree.apps)
        window.close()
        tryCompare(window, "visible", false)
        verify(!findChild(window, "quitDialog").visible)
    }

    function test_runningLaunchesAreListed_data() {
        return [
            { tag: "stopped on quit", detached: false, says: "stopped when you quit" },
            { tag: "detached (helper)", detached: true, says: "keeps running" }
        ]
    }

    function test_runningLaunchesAreListed(data) {
        const window = openWindow()
        openNode(window, testTree.browser)
        fakeLauncher.setKeepsRunning(data.detached)
        testSession.launches.launch(testTree.browser, "xterm", false)
        const id = fakeLauncher.lastId()
        fakeLauncher.playStarted(id)
        window.close()
        const dialog = findChild(window, "quitDialog")
        tryCompare(dialog, "opened", true)
        verify(!findChild(window, "quitUnsavedText").visible)
        const launches = findChild(window, "quitLaunches")
        compare(launches.count, 1)
        const line = launches.itemAt(0).text
        verify(line.indexOf("xterm") >= 0, line)
        verify(line.indexOf(testTree.browser) >= 0, line)
        verify(line.indexOf(data.says) >= 0, line)
        compare(findChild(window, "quitDiscardButton").text, "Quit")
        mouseClick(findChild(window, "quitCancelButton"))
        tryCompare(dialog, "visible", false)
        verify(window.visible)
        fakeLauncher.playFinished(id, 0)
        fakeLauncher.setKeepsRunning(false)
        tryCompare(testSession.launches, "runningCount", 0)
    }

    // After Cancel the tree shows the edited node again, and Delete targets it.
    function test_selectionAfterCancel() {
        const window = openWindow()
        openNode(window, testTree.apps)
        edit()
        mouseClick(treeRow(window, testTree.browser))
        const dialog = findChild(window, "unsavedDialog")
        tryCompare(dialog, "opened", true)
        mouseClick(findChild(window, "unsavedCancelButton"))
        tryCompare(dialog, "visible", false)
        compare(testSession.currentNode, testTree.apps)
        tryVerify(() => shownPath(window) === testTree.apps)
        window.deleteNode()
        const deleteDialog = findChild(window, "deleteDialog")
        tryCompare(deleteDialog, "opened", true)
        compare(deleteDialog.path, testTree.apps)
        deleteDialog.close()
        testSession.normalDocument.load(testTree.apps) // drops the edit
    }

    // Typing in the search hides the edited node without asking, although the selection model
    // moves to the sibling that stays (broken and platform are both top level); the edited
    // node stays open and is shown again when the search is cleared.
    function test_searchNeverAsks() {
        const window = openWindow()
        openNode(window, testTree.broken)
        tryVerify(() => shownPath(window) === testTree.broken)
        edit()
        const search = findChild(window, "nodeSearch")
        search.forceActiveFocus()
        for (const c of "platform")
            keyClick(c)
        compare(search.text, "platform")
        compare(testSession.filteredTree.filterText, "platform")
        wait(50)
        verify(!findChild(window, "unsavedDialog").visible)
        compare(testSession.currentNode, testTree.broken)
        verify(!testSession.filteredTree.indexForPath(testTree.broken).valid) // hidden
        tryVerify(() => shownPath(window) === "") // and no other node looks selected
        keyClick(Qt.Key_Escape)
        compare(search.text, "")
        compare(testSession.filteredTree.filterText, "")
        tryVerify(() => shownPath(window) === testTree.broken)
        verify(!findChild(window, "unsavedDialog").visible)
        testSession.normalDocument.load(testTree.broken)
    }

    function test_deleteKeyInTheTree() {
        const window = openWindow()
        openNode(window, testTree.apps)
        tryVerify(() => shownPath(window) === testTree.apps)
        findChild(window, "nodeTree").forceActiveFocus()
        keyClick(Qt.Key_Delete)
        const dialog = findChild(window, "deleteDialog")
        tryCompare(dialog, "opened", true)
        compare(dialog.path, testTree.apps)
        dialog.close()
        tryCompare(dialog, "visible", false)
    }

    // The context menu opens on the node clicked, which becomes the node shown.
    function test_contextMenu() {
        const window = openWindow()
        openNode(window, testTree.apps)
        mouseClick(treeRow(window, testTree.browser), 10, 10, Qt.RightButton)
        tryCompare(testSession, "currentNode", testTree.browser)
        const menu = findChild(window, "nodeContextMenu")
        tryCompare(menu, "opened", true)
        mouseClick(findChild(window, "contextDelete"))
        const dialog = findChild(window, "deleteDialog")
        tryCompare(dialog, "opened", true)
        compare(dialog.path, testTree.browser)
        dialog.close()
        tryCompare(dialog, "visible", false)
    }

    function test_menuBarAndAbout() {
        const window = openWindow()
        verify(window.menuBar)
        compare(window.menuBar.count, 5) // File, Edit, Node, View, Help
        keyClick(Qt.Key_2, Qt.ControlModifier)
        tryCompare(findChild(window, "sideTabs"), "currentIndex", 1)
        findChild(window, "aboutAction").trigger()
        const about = findChild(window, "aboutDialog")
        tryCompare(about, "opened", true)
        verify(findChild(window, "aboutVersion").text.indexOf(Qt.application.version) >= 0)
        verify(findChild(window, "aboutLicence").text.indexOf("Apache-2.0") >= 0)
        about.close()
    }

    Component {
        id: settingsComponent
        WindowSettings {}
    }

    function test_layoutAndLastNodeAreRemembered() {
        const first = openWindow()
        openNode(first, testTree.apps)
        first.width = 1100
        first.height = 760
        const pane = findChild(first, "treePane")
        const before = pane.width
        const split = findChild(first, "splitView")
        mouseDrag(split, before + 3, split.height / 2, 40, 0)
        tryVerify(() => pane.width > before + 20)
        const dragged = pane.width
        first.close()
        tryCompare(first, "visible", false)
        const saved = createTemporaryObject(settingsComponent, testCase)
        compare(saved.lastNode, testTree.apps)
        verify(saved.hasSplitterState)
        first.destroy() // a window left would save the node closed next
        wait(0)
        testSession.currentNode = ""

        const second = openWindow()
        compare(second.width, 1100)
        compare(second.height, 760)
        tryCompare(findChild(second, "treePane"), "width", dragged)
        compare(testSession.currentNode, testTree.apps) // reopened
    }

    // The first visible item below `item` that runs past the right edge of `pane`, or null.
    // Inside a clipping item (a scrolled list, a text view) content may be wider: not searched.
    function overflowing(item, pane) {
        for (let i = 0; i < item.children.length; ++i) {
            const child = item.children[i]
            if (!child.visible || child.width <= 0)
                continue
            if (child.mapToItem(pane, 0, 0).x + child.width > pane.width + 1)
                return child
            if (!child.clip) {
                const inner = overflowing(child, pane)
                if (inner)
                    return inner
            }
        }
        return null
    }

    function checkSidePages(window, side) {
        const tabs = findChild(window, "sideTabs")
        const pages = findChild(window, "sidePages")
        for (let tab = 0; tab < pages.children.length; ++tab) {
            tabs.currentIndex = tab
            waitForRendering(pages)
            const page = pages.children[tab]
            verify(page.visible)
            compare(page.width, side.width)
            const cut = overflowing(page, side)
            verify(cut === null, "tab " + tab + " at side width " + side.width + ": "
                   + (cut ? cut + " " + (cut.text || "") + " ends at "
                            + (cut.mapToItem(side, 0, 0).x + cut.width) : ""))
        }
    }

    // At the minimum size every pane fits in the window, the right one keeps a usable width,
    // its controls fit, also when the splitter gives it its minimum, and the splitter moves it.
    function test_minimumSizeFits() {
        createTemporaryObject(settingsComponent, testCase).splitterState = new ArrayBuffer(0)
        const window = openWindow()
        openNode(window, testTree.browser)
        window.width = window.minimumWidth
        window.height = window.minimumHeight
        compare(window.minimumWidth, 1024)
        compare(window.minimumHeight, 700)
        const split = findChild(window, "splitView")
        const side = findChild(window, "sidePane")
        const editor = findChild(window, "editorPane")
        tryVerify(() => split.width === 1024)
        tryVerify(() => side.x + side.width <= split.width + 0.5, 5000,
                  "side pane ends at " + (side.x + side.width))
        verify(side.width >= side.SplitView.minimumWidth, "side pane width " + side.width)
        verify(editor.width >= 340, "editor width " + editor.width)
        checkSidePages(window, side)

        mouseDrag(split, side.x - 3, split.height / 2, 300, 0) // as narrow as it goes
        tryVerify(() => side.width <= side.SplitView.minimumWidth + 0.5)
        verify(side.x + side.width <= split.width + 0.5)
        checkSidePages(window, side)

        const before = side.width
        mouseDrag(split, side.x - 3, split.height / 2, -60, 0)
        tryVerify(() => side.width > before + 30)
        verify(side.x + side.width <= split.width + 0.5)
        verify(editor.width >= 340, "editor width " + editor.width)
    }
}
