// SPDX-License-Identifier: Apache-2.0
// The node tree with its search field. Arrow keys move (Left/Right collapse/expand); the
// current node is requested from the window, which may ask about unsaved changes first.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQml.Models
import RedPak.Models
import RedPak.Manager

Pane {
    id: pane

    required property Session session
    signal nodeRequested(string path)
    // "Open tree…" asked for from the empty state (the window owns the folder dialog).
    signal openTreeRequested()

    function focusSearch() {
        search.forceActiveFocus()
        search.selectAll()
    }

    // Makes the tree show `session.currentNode` (start-up, create, cancelled switch).
    function showCurrent() {
        const index = session.filteredTree.indexForPath(session.currentNode)
        if (!index.valid) {
            selection.clear()
            return
        }
        tree.expandToIndex(index)
        selection.setCurrentIndex(index, ItemSelectionModel.ClearAndSelect)
        const cell = tree.cellAtIndex(index)
        if (cell.y >= 0)
            tree.positionViewAtRow(cell.y, TableView.Contain)
    }

    padding: 0

    Connections {
        target: pane.session
        function onCurrentNodeChanged() { Qt.callLater(pane.showCurrent) }
    }
    Connections {
        target: pane.session.filteredTree
        function onModelReset() { Qt.callLater(pane.showCurrent) }
        function onLayoutChanged() { Qt.callLater(pane.showCurrent) }
        function onRowsInserted() { Qt.callLater(pane.showCurrent) }
    }
    Component.onCompleted: Qt.callLater(showCurrent)

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        TextField {
            id: search
            objectName: "nodeSearch"
            Layout.fillWidth: true
            Layout.margins: 8
            placeholderText: qsTr("Search names and values…")
            Accessible.name: qsTr("Search nodes by name, path or configuration value")
            selectByMouse: true
            text: pane.session.filteredTree.filterText
            onTextEdited: pane.session.filteredTree.filterText = text
            Keys.onDownPressed: tree.forceActiveFocus()
            onTextChanged: if (text !== "") Qt.callLater(tree.expandRecursively)
        }

        // Badges and search text arrive from the inspection thread while the tree is usable.
        ProgressBar {
            objectName: "inspectionProgress"
            Layout.fillWidth: true
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            Layout.bottomMargin: 4
            visible: pane.session.tree.inspecting
            from: 0
            to: Math.max(1, pane.session.tree.inspectionTotal)
            value: pane.session.tree.inspectedCount
            ToolTip.visible: hovered
            ToolTip.text: Accessible.name
            Accessible.name: qsTr("Checking nodes: %1 of %2")
                             .arg(pane.session.tree.inspectedCount)
                             .arg(pane.session.tree.inspectionTotal)
        }

        Label {
            Layout.leftMargin: 10
            Layout.bottomMargin: 4
            visible: search.text !== ""
            text: qsTr("%n matching node(s)", "", pane.session.filteredTree.matchCount)
            color: palette.placeholderText
        }

        TreeView {
            id: tree
            objectName: "nodeTree"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: pane.session.filteredTree
            keyNavigationEnabled: true
            pointerNavigationEnabled: true
            activeFocusOnTab: true
            Accessible.name: qsTr("Node tree")
            selectionModel: ItemSelectionModel {
                id: selection
                model: tree.model
                onCurrentChanged: (current, previous) => {
                    if (!current.valid)
                        return
                    const path = tree.model.data(current, NodeTreeModel.PathRole)
                    if (path !== pane.session.currentNode)
                        pane.nodeRequested(path)
                }
            }
            delegate: NodeTreeDelegate {}
            ScrollBar.vertical: ScrollBar {}

            Component.onCompleted: expandRecursively()
            Connections {
                target: tree.model
                function onModelReset() { Qt.callLater(tree.expandRecursively) }
            }
        }

        Label {
            Layout.fillWidth: true
            Layout.margins: 12
            visible: pane.session.tree.nodeCount === 0 && !pane.session.tree.loading
            wrapMode: Text.Wrap
            text: pane.session.workspace.roots.length === 0
                  ? qsTr("No tree is open.")
                  : qsTr("No rednode was found in the opened roots. Use “New node…” to create one.")
        }
        // No tree open: the way to one, and the trees opened lately.
        ColumnLayout {
            visible: pane.session.workspace.roots.length === 0
            Layout.leftMargin: 12
            Layout.rightMargin: 12
            Button {
                objectName: "emptyOpenTreeButton"
                text: qsTr("Open tree…")
                highlighted: true
                onClicked: pane.openTreeRequested()
            }
            Repeater {
                model: pane.session.recentTrees.paths
                delegate: Button {
                    required property string modelData
                    objectName: "emptyRecentTree"
                    flat: true
                    text: modelData
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Open %1").arg(modelData)
                    onClicked: pane.session.recentTrees.open(modelData)
                }
            }
        }
    }
}
