// SPDX-License-Identifier: Apache-2.0
// The window's menu bar: File, Edit, Node, View and Help with the usual shortcuts. It holds no
// behaviour of its own: each entry asks the window (signals) or calls the document's model.
import QtQuick
import QtQuick.Controls
import QtQml.Models
import RedPak.Models

MenuBar {
    id: bar

    required property Session session
    required property ConfigDocument document
    // The window's side tabs, in order, for View > the tab entries.
    required property var sideTabTitles

    signal openTreeRequested()
    signal saveRequested()
    signal quitRequested()
    signal findRequested()
    signal newNodeRequested()
    signal deleteNodeRequested()
    signal launchRequested()
    signal sideTabRequested(int index)
    signal aboutRequested()

    readonly property bool hasNode: session.currentNode !== ""

    Menu {
        id: fileMenu
        objectName: "fileMenu"
        title: qsTr("&File")
        Action {
            text: qsTr("&Open tree…")
            shortcut: StandardKey.Open
            onTriggered: bar.openTreeRequested()
        }
        RecentTreesMenu {
            objectName: "recentTreesMenu"
            recentTrees: bar.session.recentTrees
        }
        MenuSeparator {}
        Action {
            objectName: "saveAction"
            text: qsTr("&Save…")
            shortcut: StandardKey.Save
            enabled: bar.document.canSave
            onTriggered: bar.saveRequested()
        }
        MenuSeparator {}
        Action {
            objectName: "quitAction"
            text: qsTr("&Quit")
            shortcut: "Ctrl+Q"
            onTriggered: bar.quitRequested()
        }
    }
    Menu {
        title: qsTr("&Edit")
        Action {
            text: bar.document.undoText === "" ? qsTr("&Undo")
                                               : qsTr("&Undo %1").arg(bar.document.undoText)
            shortcut: StandardKey.Undo
            enabled: bar.document.canUndo
            onTriggered: bar.document.undo()
        }
        Action {
            text: bar.document.redoText === "" ? qsTr("&Redo")
                                               : qsTr("&Redo %1").arg(bar.document.redoText)
            shortcut: StandardKey.Redo
            enabled: bar.document.canRedo
            onTriggered: bar.document.redo()
        }
        MenuSeparator {}
        Action {
            text: qsTr("&Find node…")
            shortcut: StandardKey.Find
            onTriggered: bar.findRequested()
        }
    }
    Menu {
        title: qsTr("&Node")
        Action {
            text: qsTr("&New node…")
            shortcut: StandardKey.New
            enabled: bar.session.workspace.roots.length > 0
            onTriggered: bar.newNodeRequested()
        }
        Action {
            // Delete alone deletes in the tree (where the focus says what is meant).
            text: qsTr("&Delete node…")
            shortcut: "Shift+Del"
            enabled: bar.hasNode
            onTriggered: bar.deleteNodeRequested()
        }
        MenuSeparator {}
        Action {
            text: qsTr("&Launch")
            shortcut: "Ctrl+Shift+R"
            enabled: bar.hasNode
            onTriggered: bar.launchRequested()
        }
    }
    Menu {
        id: viewMenu
        title: qsTr("&View")
        Action {
            text: qsTr("&Refresh")
            shortcut: StandardKey.Refresh
            onTriggered: bar.session.tree.reload()
        }
        MenuSeparator {}
        // One entry per side tab, Ctrl+1 for the first, after the two items above.
        Instantiator {
            model: bar.sideTabTitles
            delegate: MenuItem {
                id: tabEntry
                required property int index
                required property string modelData
                action: Action {
                    text: tabEntry.modelData
                    shortcut: "Ctrl+" + (tabEntry.index + 1)
                    onTriggered: bar.sideTabRequested(tabEntry.index)
                }
            }
            onObjectAdded: (index, item) => viewMenu.insertItem(2 + index, item)
            onObjectRemoved: (index, item) => viewMenu.removeItem(item)
        }
    }
    Menu {
        title: qsTr("&Help")
        Action {
            objectName: "aboutAction"
            text: qsTr("&About RedPak Manager")
            onTriggered: bar.aboutRequested()
        }
    }
}
