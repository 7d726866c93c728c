// SPDX-License-Identifier: Apache-2.0
// Recent trees in the main window: a tree opened is offered again by File > Open Recent, most
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
        const menu = findChild(window, "recentTreesMenu")
        verify(menu)
        compare(findChild(window, "fileMenu").menuAt(1), menu) // below Open tree
        verify(!findChild(window, "recentTreesButton")) // the menu bar holds it
        verify(!menu.enabled)

        verify(recent.open(testTree.root))
        verify(recent.open(testHostData))
        compare(recent.paths, [testHostData, testTree.root])
        verify(testSession.workspace.roots.indexOf(testHostData) >= 0)
        tryCompare(menu, "enabled", true)
        compare(menu.count, 4) // two trees, the separator, "Clear the list"
        compare(menu.itemAt(0).text, testHostData)
        menu.itemAt(1).triggered()
        compare(recent.paths, [testTree.root, testHostData])

        // Gone: forgotten, and the banner says why and offers the others and "Open tree…".
        verify(!recent.open(testTree.root + "/no-such-tree"))
        const banner = findChild(window, "openErrorBanner")
        tryCompare(banner, "visible", true)
        verify(banner.text.indexOf("no-such-tree") >= 0)
        compare(banner.actionText, "Recent trees")
        compare(banner.secondActionText, "Open tree…")
        compare(recent.paths, [testTree.root, testHostData])
        banner.actionTriggered()
        const popup = findChild(window, "recentTreesPopup")
        tryCompare(popup, "opened", true)
        compare(popup.count, 4)
        compare(popup.itemAt(0).text, testTree.root)
        popup.close()
        testSession.workspace.setOpenError("")
        recent.clear()
        tryCompare(menu, "enabled", false)
    }
}
