// SPDX-License-Identifier: Apache-2.0
// Recent trees in the main window: a tree opened is offered again by the Recent menu, most
// recent first; one that is gone is forgotten, with the error and the way out in the banner.
import QtQuick
import QtTest
import RedPak.Models
import RedPak.Manager

TestCase {
    id: testCase
    name: "RecentTrees"
    when: windowShown

    Component {
        id: mainWindow
        Main { session: testSession }
    }

    function test_openedTreesAreOfferedAgain() {
        const window = createTemporaryObject(mainWindow, testCase)
        verify(window)
        const recent = testSession.recentTrees
        recent.clear()
        const button = findChild(window, "recentTreesButton")
        verify(!button.enabled)

        verify(recent.open(testTree.root))
        verify(recent.open(testHostData))
        compare(recent.paths, [testHostData, testTree.root])
        verify(testSession.workspace.roots.indexOf(testHostData) >= 0)
        tryCompare(button, "enabled", true)
        mouseClick(button)
        const menu = findChild(window, "recentTreesMenu")
        tryCompare(menu, "opened", true)
        compare(menu.count, 4) // two trees, the separator, "Clear the list"
        compare(menu.itemAt(0).text, testHostData)
        menu.itemAt(1).triggered()
        compare(recent.paths, [testTree.root, testHostData])
        menu.close()

        // Gone: forgotten, and the banner says why and offers the others and "Open tree…".
        verify(!recent.open(testTree.root + "/no-such-tree"))
        const banner = findChild(window, "openErrorBanner")
        tryCompare(banner, "visible", true)
        verify(banner.text.indexOf("no-such-tree") >= 0)
        compare(banner.actionText, "Recent trees")
        compare(banner.secondActionText, "Open tree…")
        compare(recent.paths, [testTree.root, testHostData])
        testSession.workspace.setOpenError("")
        recent.clear()
        tryCompare(button, "enabled", false)
    }
}
