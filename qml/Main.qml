// SPDX-License-Identifier: Apache-2.0
// Main window: node tree on the left, the editor of the selected node in the middle, its
// effective configuration and launches on the right. Everything it shows comes from `session`.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

ApplicationWindow {
    id: window

    required property Session session
    readonly property ConfigDocument document: editor.document

    width: 1280
    height: 800
    minimumWidth: 960
    minimumHeight: 600
    visible: true
    title: session.currentNode === "" ? qsTr("RedPak Manager")
                                      : qsTr("%1 – RedPak Manager").arg(session.currentNode)
                                        + (session.modified ? " *" : "")

    // Every save is reviewed first: the semantic diff, its impact on the nodes below and the
    // score change (ReviewPage). Only the reviewed text can then be saved (ReviewModel).
    function reviewThenSave(document) {
        session.review.reviewDocument(document)
        reviewDialog.open()
    }

    // Switching nodes with unsaved edits asks first; nothing typed is dropped silently.
    function requestNode(path) {
        if (path === session.currentNode)
            return
        if (session.modified) {
            unsavedDialog.pendingPath = path
            unsavedDialog.open()
        } else {
            session.currentNode = path
        }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 6
            anchors.rightMargin: 6
            spacing: 2

            ToolButton {
                objectName: "openTreeButton"
                text: qsTr("Open tree…")
                Accessible.name: qsTr("Open a directory of nodes")
                onClicked: openTreeDialog.open()
            }
            ToolButton {
                objectName: "recentTreesButton"
                text: qsTr("Recent")
                Accessible.name: qsTr("Open a tree opened lately")
                enabled: session.recentTrees.paths.length > 0
                onClicked: recentTreesMenu.open()
                RecentTreesMenu {
                    id: recentTreesMenu
                    objectName: "recentTreesMenu"
                    y: parent.height
                    recentTrees: session.recentTrees
                }
            }
            ToolButton {
                text: qsTr("New node…")
                Accessible.name: qsTr("Create a node below the selected one")
                enabled: session.workspace.roots.length > 0
                onClicked: createDialog.openFor(session.currentNode !== "" ? session.currentNode
                                                                             : session.workspace.roots[0])
            }
            ToolButton {
                text: qsTr("Delete…")
                Accessible.name: qsTr("Delete the selected node")
                enabled: session.currentNode !== ""
                onClicked: deleteDialog.openFor(session.currentNode)
            }
            ToolButton {
                text: qsTr("Refresh")
                Accessible.name: qsTr("Reload the node tree from disk")
                onClicked: session.tree.reload()
            }
            ToolSeparator {}
            ToolButton {
                objectName: "saveButton"
                text: qsTr("Save")
                Accessible.name: qsTr("Save the configuration file")
                enabled: window.document.canSave
                onClicked: window.reviewThenSave(window.document)
            }
            ToolButton {
                text: qsTr("Undo")
                Accessible.name: qsTr("Undo %1").arg(window.document.undoText)
                enabled: window.document.canUndo
                onClicked: window.document.undo()
            }
            ToolButton {
                text: qsTr("Redo")
                Accessible.name: qsTr("Redo %1").arg(window.document.redoText)
                enabled: window.document.canRedo
                onClicked: window.document.redo()
            }
            ToolSeparator {}
            ToolButton {
                text: qsTr("Launch")
                Accessible.name: qsTr("Run the command in the selected node")
                enabled: session.currentNode !== ""
                onClicked: {
                    sideTabs.currentIndex = 1
                    launchPage.launchNow()
                }
            }
            Item { Layout.fillWidth: true }
            Label {
                text: session.currentNode
                elide: Text.ElideMiddle
                color: palette.placeholderText
                Layout.maximumWidth: 520
            }
        }
    }

    MessageBanner {
        id: openErrorBanner
        objectName: "openErrorBanner"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        tone: Colors.error
        visible: session.workspace.openError !== ""
        height: visible ? implicitHeight : 0
        text: session.workspace.openError
        actionText: session.recentTrees.paths.length > 0 ? qsTr("Recent trees") : ""
        secondActionText: qsTr("Open tree…")
        onActionTriggered: recentTreesMenu.open()
        onSecondActionTriggered: openTreeDialog.open()
    }

    FolderDialog {
        id: openTreeDialog
        objectName: "openTreeDialog"
        title: qsTr("Open a tree of nodes")
        onAccepted: session.recentTrees.openUrl(selectedFolder)
    }

    SplitView {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: openErrorBanner.bottom
        anchors.bottom: parent.bottom
        orientation: Qt.Horizontal

        NodeTreePane {
            id: treePane
            session: window.session
            SplitView.preferredWidth: 290
            SplitView.minimumWidth: 200
            onNodeRequested: path => window.requestNode(path)
            onOpenTreeRequested: openTreeDialog.open()
        }

        ConfigEditorPage {
            id: editor
            session: window.session
            SplitView.fillWidth: true
            SplitView.minimumWidth: 380
        }

        ColumnLayout {
            SplitView.preferredWidth: 470
            SplitView.minimumWidth: 320
            spacing: 0

            TabBar {
                id: sideTabs
                objectName: "sideTabs"
                Layout.fillWidth: true
                TabButton { text: qsTr("Effective configuration") }
                TabButton {
                    text: session.launches.runningCount > 0
                          ? qsTr("Launch (%1 running)").arg(session.launches.runningCount)
                          : qsTr("Launch")
                }
                TabButton { text: qsTr("Audit and findings") }
                TabButton {
                    objectName: "applicationsTab"
                    text: qsTr("Applications")
                }
                TabButton { text: qsTr("Verify") }
            }
            StackLayout {
                currentIndex: sideTabs.currentIndex
                Layout.fillWidth: true
                Layout.fillHeight: true
                EffectiveConfigPage { effective: window.session.effective }
                LaunchPage {
                    id: launchPage
                    session: window.session
                }
                FindingsPage {
                    findings: window.session.findings
                    audit: window.session.audit
                }
                ApplicationsPage { session: window.session }
                VerifyPage { session: window.session }
            }
        }
    }

    footer: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 10
            anchors.rightMargin: 10
            Label {
                text: qsTr("%n node(s) in %1", "", session.tree.nodeCount)
                      .arg(session.workspace.roots.join(", "))
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                visible: window.document.usesHelper
                text: qsTr("System node: changes go through the privileged helper")
            }
        }
    }

    Shortcut { sequences: [StandardKey.Save]; onActivated: if (window.document.canSave) window.reviewThenSave(window.document) }
    Shortcut { sequences: [StandardKey.Undo]; onActivated: window.document.undo() }
    Shortcut { sequences: [StandardKey.Redo]; onActivated: window.document.redo() }
    Shortcut { sequences: [StandardKey.Find]; onActivated: treePane.focusSearch() }
    Shortcut { sequences: [StandardKey.Refresh]; onActivated: session.tree.reload() }

    CreateNodeDialog {
        id: createDialog
        objectName: "createDialog"
        actions: window.session.actions
    }
    DeleteNodeDialog {
        id: deleteDialog
        objectName: "deleteDialog"
        actions: window.session.actions
    }
    UnsavedChangesDialog {
        id: unsavedDialog
        objectName: "unsavedDialog"
        session: window.session
        onReviewRequested: document => window.reviewThenSave(document)
    }
    Dialog {
        id: reviewDialog
        objectName: "reviewDialog"
        title: qsTr("Review before saving")
        modal: true
        anchors.centerIn: parent
        width: Math.min(window.width - 80, 900)
        height: Math.min(window.height - 80, 640)
        padding: 0
        ReviewPage {
            anchors.fill: parent
            review: window.session.review
            onSaveRequested: {
                reviewDialog.close()
                window.session.review.applyReviewed(window.session.review.reviewToken)
            }
            onCancelled: reviewDialog.close()
        }
    }
}
