// SPDX-License-Identifier: Apache-2.0
// The applications of the selected node: launch or stop each in one click, put it in the
// desktop menu, remove it, or sandbox another one (a host application or a command) in this
// node, another one or a new one. Their output and exit status are in the Launch tab, like
// any launch.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Pane {
    id: page

    required property Session session
    readonly property ApplicationsModel applications: session.applications
    readonly property bool hasNode: session.currentNode !== ""

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Applications")
                font.bold: true
                Layout.fillWidth: true
            }
            Button {
                objectName: "sandboxApplicationButton"
                text: qsTr("Sandbox an application...")
                enabled: page.session.workspace.roots.length > 0
                Accessible.description: qsTr("Run a host application or a command in a node, a new one by default")
                onClicked: sandboxDialog.openFor(page.session.currentNode)
            }
        }
        MessageBanner {
            objectName: "applicationsError"
            Layout.fillWidth: true
            tone: Colors.error
            visible: page.applications.error !== ""
            text: page.applications.error
        }
        Label {
            objectName: "noApplications"
            visible: applicationList.count === 0
            text: page.hasNode ? qsTr("No application in this node yet.")
                               : qsTr("Select a node, or sandbox an application in a new node of its own.")
            color: palette.placeholderText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ListView {
            id: applicationList
            objectName: "applicationList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: page.applications
            Accessible.name: qsTr("Applications of the node")
            delegate: ItemDelegate {
                id: row
                required property int index
                required property string applicationId
                required property string name
                required property string iconName
                required property string command
                required property bool inMenu
                required property bool running
                width: ListView.view.width
                icon.name: iconName
                Accessible.name: name
                contentItem: RowLayout {
                    spacing: 8
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label {
                            text: row.name
                            font.bold: true
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            text: row.command
                            font.family: "monospace"
                            font.pixelSize: 11
                            color: palette.placeholderText
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                    }
                    Badge {
                        visible: row.running
                        text: qsTr("running")
                        tone: Colors.running
                    }
                    CheckBox {
                        objectName: "inMenuCheck"
                        text: qsTr("In menu")
                        checked: row.inMenu
                        Accessible.description: qsTr("Show %1 in the desktop menu, sandboxed in this node").arg(row.name)
                        onToggled: page.applications.setInMenu(row.index, checked)
                    }
                    Button {
                        objectName: "launchApplicationButton"
                        text: row.running ? qsTr("Stop") : qsTr("Launch")
                        highlighted: !row.running
                        Accessible.name: (row.running ? qsTr("Stop %1") : qsTr("Launch %1")).arg(row.name)
                        onClicked: {
                            if (row.running)
                                page.applications.stop(row.index)
                            else
                                page.applications.launch(row.index, false)
                        }
                    }
                    Button {
                        objectName: "removeApplicationButton"
                        text: qsTr("Remove")
                        visible: page.applications.editable
                        Accessible.name: qsTr("Remove %1 from the node").arg(row.name)
                        onClicked: page.applications.remove(row.index)
                    }
                }
            }
        }
    }

    SandboxApplicationDialog {
        id: sandboxDialog
        objectName: "sandboxDialog"
        flow: page.session.sandbox
        hostApplications: page.session.hostApplications
    }
}
