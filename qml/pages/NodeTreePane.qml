// SPDX-License-Identifier: Apache-2.0
// The node tree with its search field. Arrow keys move (Left/Right collapse/expand), Delete
// asks to delete, the context menu (right button or Menu key) acts on the node. The current
// node is requested from the window, which may ask about unsaved changes first; only the
// user's choices request one: the search and reloads never change the node shown.
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
    signal newNodeRequested()
    signal deleteRequested()
    signal launchRequested()

    function focusSearch() {
        search.forceActiveFocus()
        search.selectAll()
    }

    function clearSearch() {
        search.clear()
        session.filteredTree.filterText = ""
    }

    // The context menu of the node at `position` (in the tree's content): choosing the node
    // first, as a click would, so that the menu acts on the node shown in the editor.
    function openContextMenu(position) {
        const index = tree.modelIndex(tree.cellAtPosition(position, false))
        if (!index.valid)
            return
        const path = tree.model.data(index, NodeTreeModel.PathRole)
        if (path !== session.currentNode)
            pane.nodeRequested(path)
        if (path === session.currentNode)
            contextMenu.popup(tree.contentItem, position)
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
        // The selection model moved off a row the search hid: show the edited node again.
        function onRowsRemoved() { Qt.callLater(pane.showCurrent) }
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
            Accessible.name: qsTr("Search nodes by name or configuration value")
            selectByMouse: true
            text: pane.session.filteredTree.filterText
            onTextEdited: pane.session.filteredTree.filterText = text
            Keys.onDownPressed: tree.forceActiveFocus()
            Keys.onEscapePressed: event => {
                event.accepted = text !== ""
                pane.clearSearch()
            }
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
                    // Moved by the model (rows the search hides): not a choice of the user.
                    if (!current.valid || tree.model.isRemovingRows())
                        return
                    const path = tree.model.data(current, NodeTreeModel.PathRole)
                    if (path !== pane.session.currentNode)
                        pane.nodeRequested(path)
                }
            }
            delegate: NodeTreeDelegate {}
            ScrollBar.vertical: ScrollBar {}
            Keys.onDeletePressed: pane.deleteRequested()
            Keys.onMenuPressed: {
                const cell = tree.cellAtIndex(selection.currentIndex)
                const item = tree.itemAtCell(cell)
                if (item)
                    contextMenu.popup(item, 0, item.height)
            }

            // A child of the content item: positions are in the content's coordinates.
            TapHandler {
                acceptedButtons: Qt.RightButton
                onTapped: eventPoint => pane.openContextMenu(eventPoint.position)
            }

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

    // The tree draws the current row; this frame says the keyboard is in the tree.
    FocusFrame {
        parent: tree
        shown: tree.activeFocus
    }

    Menu {
        id: contextMenu
        objectName: "nodeContextMenu"
        MenuItem {
            objectName: "contextNewNode"
            text: qsTr("New node below…")
            onTriggered: pane.newNodeRequested()
        }
        MenuItem {
            objectName: "contextLaunch"
            text: qsTr("Launch")
            onTriggered: pane.launchRequested()
        }
        MenuSeparator {}
        MenuItem {
            objectName: "contextDelete"
            text: qsTr("Delete…")
            onTriggered: pane.deleteRequested()
        }
    }
}
