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
    // The smallest size at which every pane stays usable (tested at exactly this size).
    minimumWidth: 1024
    minimumHeight: 700
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

    // The side tabs, in order (tab bar and View menu).
    readonly property var sideTabTitles: [qsTr("Effective configuration"), qsTr("Launch"),
                                          qsTr("Audit and findings"), qsTr("Applications"),
                                          qsTr("Verify")]
    // Set once the user chose to quit, so that closing does not ask again.
    property bool quitConfirmed: false

    function newNode() {
        createDialog.openFor(session.currentNode !== "" ? session.currentNode
                                                        : session.workspace.roots[0])
    }
    function deleteNode() {
        if (session.currentNode !== "")
            deleteDialog.openFor(session.currentNode)
    }
    function launchNow() {
        sideTabs.currentIndex = 1
        launchPage.launchNow()
    }
    function save() {
        if (window.document.canSave)
            window.reviewThenSave(window.document)
    }

    // Closing with unsaved edits or running launches asks first (the title-bar button, Ctrl+Q
    // or the window manager): nothing typed is lost and no sandboxed app is stopped silently.
    onClosing: close => {
        if (!quitConfirmed && (session.modified || session.launches.runningCount > 0)) {
            close.accepted = false
            quitDialog.ask()
            return
        }
        rememberLayout()
    }

    WindowSettings { id: windowSettings }

    function rememberLayout() {
        if (window.visibility === Window.Windowed)
            windowSettings.geometry = Qt.rect(window.x, window.y, window.width, window.height)
        windowSettings.splitterState = splitView.saveState()
    }
    function restoreLayout() {
        const saved = windowSettings.geometry
        if (saved.width >= minimumWidth && saved.height >= minimumHeight) {
            window.x = saved.x
            window.y = saved.y
            window.width = saved.width
            window.height = saved.height
        }
        if (windowSettings.hasSplitterState)
            splitView.restoreState(windowSettings.splitterState)
        session.reopenNode(windowSettings.lastNode)
    }
    Component.onCompleted: restoreLayout()
    Connections {
        target: window.session
        function onCurrentNodeChanged() { windowSettings.lastNode = window.session.currentNode }
    }
    // A sandboxed application's node is shown once made, unless edits of the node shown are
    // kept (the same guard as a click in the tree).
    Connections {
        target: window.session.sandbox
        function onFinished(path) { window.requestNode(path) }
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

    menuBar: AppMenuBar {
        session: window.session
        document: window.document
        sideTabTitles: window.sideTabTitles
        onOpenTreeRequested: openTreeDialog.open()
        onSaveRequested: window.save()
        onQuitRequested: window.close()
        onFindRequested: treePane.focusSearch()
        onNewNodeRequested: window.newNode()
        onDeleteNodeRequested: window.deleteNode()
        onLaunchRequested: window.launchNow()
        onSideTabRequested: index => sideTabs.currentIndex = index
        onAboutRequested: aboutDialog.open()
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 6
            anchors.rightMargin: 6
            spacing: 2

            FocusToolButton {
                objectName: "openTreeButton"
                text: qsTr("Open tree…")
                Accessible.name: qsTr("Open a directory of nodes")
                onClicked: openTreeDialog.open()
            }
            FocusToolButton {
                text: qsTr("New node…")
                Accessible.name: qsTr("Create a node below the selected one")
                enabled: session.workspace.roots.length > 0
                onClicked: window.newNode()
            }
            FocusToolButton {
                text: qsTr("Delete…")
                Accessible.name: qsTr("Delete the selected node")
                enabled: session.currentNode !== ""
                onClicked: window.deleteNode()
            }
            FocusToolButton {
                text: qsTr("Refresh")
                Accessible.name: qsTr("Reload the node tree from disk")
                onClicked: session.tree.reload()
            }
            ToolSeparator {}
            FocusToolButton {
                objectName: "saveButton"
                text: qsTr("Save")
                Accessible.name: qsTr("Save the configuration file")
                enabled: window.document.canSave
                onClicked: window.save()
            }
            FocusToolButton {
                text: qsTr("Undo")
                Accessible.name: qsTr("Undo %1").arg(window.document.undoText)
                enabled: window.document.canUndo
                onClicked: window.document.undo()
            }
            FocusToolButton {
                text: qsTr("Redo")
                Accessible.name: qsTr("Redo %1").arg(window.document.redoText)
                enabled: window.document.canRedo
                onClicked: window.document.redo()
            }
            ToolSeparator {}
            FocusToolButton {
                text: qsTr("Launch")
                Accessible.name: qsTr("Run the command in the selected node")
                enabled: session.currentNode !== ""
                onClicked: window.launchNow()
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
        onActionTriggered: recentTreesPopup.open()
        onSecondActionTriggered: openTreeDialog.open()
        RecentTreesMenu {
            id: recentTreesPopup
            objectName: "recentTreesPopup"
            y: parent.height
            recentTrees: session.recentTrees
        }
    }

    FolderDialog {
        id: openTreeDialog
        objectName: "openTreeDialog"
        title: qsTr("Open a tree of nodes")
        onAccepted: session.recentTrees.openUrl(selectedFolder)
    }

    SplitView {
        id: splitView
        objectName: "splitView"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: openErrorBanner.bottom
        anchors.bottom: parent.bottom
        orientation: Qt.Horizontal
        // Wider than the style's 2 pixels, so that the handles are easy to grab.
        handle: Rectangle {
            implicitWidth: 6
            color: SplitHandle.pressed ? palette.highlight
                                       : SplitHandle.hovered ? palette.midlight : palette.window
            Rectangle {
                anchors.centerIn: parent
                width: 1
                height: parent.height
                color: palette.mid
            }
        }

        // The editor fills what the side panes leave; when the window gets narrower than they
        // need (a smaller screen, a layout saved in a wider window), the side panes give way
        // first so that nothing runs past the window's edge.
        function fitPanes() {
            const handles = 12
            let excess = treePane.width + sidePane.width + editor.SplitView.minimumWidth + handles
                         - width
            if (excess <= 0)
                return
            const side = Math.max(sidePane.SplitView.minimumWidth, sidePane.width - excess)
            excess -= sidePane.width - side
            sidePane.SplitView.preferredWidth = side
            if (excess > 0)
                treePane.SplitView.preferredWidth = Math.max(treePane.SplitView.minimumWidth,
                                                             treePane.width - excess)
        }
        onWidthChanged: Qt.callLater(fitPanes)

        NodeTreePane {
            id: treePane
            objectName: "treePane"
            session: window.session
            SplitView.preferredWidth: 250
            SplitView.minimumWidth: 180
            onNodeRequested: path => window.requestNode(path)
            onOpenTreeRequested: openTreeDialog.open()
            onNewNodeRequested: window.newNode()
            onDeleteRequested: window.deleteNode()
            onLaunchRequested: window.launchNow()
        }

        ConfigEditorPage {
            id: editor
            objectName: "editorPane"
            session: window.session
            SplitView.fillWidth: true
            SplitView.minimumWidth: 340
        }

        ColumnLayout {
            id: sidePane
            objectName: "sidePane"
            SplitView.preferredWidth: 460
            // What the Launch tab's command row needs.
            SplitView.minimumWidth: 370
            spacing: 0

            TabBar {
                id: sideTabs
                objectName: "sideTabs"
                Layout.fillWidth: true
                Repeater {
                    model: window.sideTabTitles
                    FocusTabButton {
                        required property int index
                        required property string modelData
                        objectName: index === 3 ? "applicationsTab" : ""
                        // The Launch tab counts what runs.
                        text: index === 1 && session.launches.runningCount > 0
                              ? qsTr("Launch (%1 running)").arg(session.launches.runningCount)
                              : modelData
                    }
                }
            }
            StackLayout {
                objectName: "sidePages"
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
        // Cancel (or Escape): the tree goes back to the node still being edited.
        onClosed: treePane.showCurrent()
    }
    QuitDialog {
        id: quitDialog
        objectName: "quitDialog"
        session: window.session
        onReviewRequested: document => window.reviewThenSave(document)
        onQuitConfirmed: {
            window.quitConfirmed = true
            quitDialog.close()
            window.close()
        }
    }
    AboutDialog {
        id: aboutDialog
        objectName: "aboutDialog"
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
