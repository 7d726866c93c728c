// SPDX-License-Identifier: Apache-2.0
// Tree badges: hovering a count lists its messages (not the path), the counts follow the mode
// the effective view shows (admin-mode warnings only in admin mode), and error findings reach
// the tree.
import QtQuick
import QtQuick.Controls
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
        name: "TreeBadges"
        when: windowShown

        readonly property string browserAdmin: testTree.browser + "/etc/redpak-admin.yaml"
        readonly property string browserConfig: testTree.browser + "/etc/redpak.yaml"

        function treeData(path, role) {
            const tree = testSession.tree
            return tree.data(tree.indexForPath(path), role)
        }
        function rowItem(alias) {
            const tree = findChild(pane, "nodeTree")
            for (let row = 0; row < tree.rows; ++row) {
                const item = tree.itemAtCell(Qt.point(0, row))
                if (item && item.alias === alias)
                    return item
            }
            return null
        }

        function init() {
            testSession.effective.adminMode = false
            tryCompare(testSession.tree, "inspecting", false)
        }

        function test_hoverListsTheMessages() {
            tryVerify(() => rowItem("broken") !== null)
            const row = rowItem("broken")
            const badge = findChild(row, "errorBadge")
            tryCompare(badge, "visible", true)
            mouseMove(badge, badge.width / 2, badge.height / 2)
            tryCompare(badge, "hovered", true)
            tryCompare(badge.ToolTip.toolTip, "visible", true, 3000)
            verify(badge.ToolTip.toolTip.text.indexOf("sometimes") >= 0, badge.ToolTip.toolTip.text)
            verify(badge.ToolTip.toolTip.text.indexOf(testTree.broken + "\n") !== 0)
            verify(!row.ToolTip.visible) // the row's path tooltip gives way
            mouseMove(pane, 1, 1)
        }

        function test_countsFollowTheModeShown() {
            // An admin file that redefines a variable of the normal one: a warning of admin mode.
            verify(testFiles.replace(browserAdmin,
                                     "headers:\n  alias: browser\nenviron:\n  - key: PS1\n    value: 'admin> '\n"))
            tryVerify(() => treeData(testTree.browser, NodeTreeModel.HasAdminConfigRole), 5000)
            tryCompare(testSession.tree, "inspecting", false)
            const normalText = treeData(testTree.browser, NodeTreeModel.WarningTextRole)
            verify(normalText.indexOf("redpak-admin.yaml") < 0, normalText)
            // platform's admin file redefines its own PS1: one warning, of admin mode only.
            compare(treeData(testTree.platform, NodeTreeModel.WarningCountRole), 0)

            testSession.effective.adminMode = true
            compare(testSession.tree.adminMode, true)
            compare(treeData(testTree.platform, NodeTreeModel.WarningCountRole), 1)
            const adminText = treeData(testTree.browser, NodeTreeModel.WarningTextRole)
            verify(adminText.indexOf(browserAdmin + ":") >= 0, adminText)
            compare(treeData(testTree.browser, NodeTreeModel.WarningCountRole),
                    adminText.split("\n").length)

            testSession.effective.adminMode = false
            compare(treeData(testTree.platform, NodeTreeModel.WarningCountRole), 0)
            compare(treeData(testTree.browser, NodeTreeModel.WarningTextRole), normalText)
        }

        function test_errorFindingsReachTheTree() {
            const original = testFiles.read(browserConfig)
            compare(treeData(testTree.browser, NodeTreeModel.ErrorCountRole), 0)
            verify(testFiles.replace(browserConfig, original
                                     + "  - mode: Public\n    mount: /host-etc\n    path: /etc\n"))
            tryVerify(() => treeData(testTree.browser, NodeTreeModel.ErrorCountRole) > 0, 10000)
            const text = treeData(testTree.browser, NodeTreeModel.ErrorTextRole)
            verify(text.indexOf("host system directory /etc") >= 0, text)
            verify(testFiles.replace(browserConfig, original))
            tryVerify(() => treeData(testTree.browser, NodeTreeModel.ErrorCountRole) === 0, 10000)
        }
    }
}
