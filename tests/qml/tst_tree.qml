// SPDX-License-Identifier: Apache-2.0
// Node tree pane: hierarchy, search over names and values, keyboard navigation.
import QtQuick
import QtTest
import RedPak.Models
import RedPak.Manager

Item {
    width: 420
    height: 600

    NodeTreePane {
        id: pane
        anchors.fill: parent
        session: testSession
        onNodeRequested: path => testSession.currentNode = path
    }

    TestCase {
        name: "NodeTree"
        when: windowShown

        function tree() { return findChild(pane, "nodeTree") }
        function search() { return findChild(pane, "nodeSearch") }

        function init() {
            search().text = ""
            testSession.filteredTree.filterText = ""
            testSession.currentNode = ""
        }

        function test_showsTheWholeHierarchy() {
            tryCompare(tree(), "rows", 4) // broken, platform, apps, browser (expanded)
        }

        function test_searchByConfigValue() {
            search().text = "/opt/browser"
            search().textEdited()
            tryCompare(testSession.filteredTree, "matchCount", 1)
            tryCompare(tree(), "rows", 3) // browser with its ancestors
            search().forceActiveFocus()
            search().selectAll()
            keyClick(Qt.Key_Delete)
            tryCompare(tree(), "rows", 4)
        }

        function test_keyboardNavigation() {
            testSession.currentNode = testTree.platform
            tryVerify(() => tree().selectionModel.currentIndex.valid)
            tree().forceActiveFocus()
            keyClick(Qt.Key_Down)
            tryCompare(testSession, "currentNode", testTree.apps)
            keyClick(Qt.Key_Down)
            tryCompare(testSession, "currentNode", testTree.browser)
            keyClick(Qt.Key_Up)
            tryCompare(testSession, "currentNode", testTree.apps)
        }

        function test_selectionFollowsTheSession() {
            testSession.currentNode = testTree.browser
            tryVerify(() => tree().selectionModel.currentIndex.valid)
            compare(testSession.filteredTree.data(tree().selectionModel.currentIndex,
                                                  NodeTreeModel.PathRole), testTree.browser)
        }
    }
}
