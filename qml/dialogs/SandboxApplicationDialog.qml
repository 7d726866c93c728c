// SPDX-License-Identifier: Apache-2.0
// Adds an application to a node: one installed on the host (its desktop entry, searched by
// name), or a command typed with shell quoting. Core validates what is written.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Dialog {
    id: dialog

    required property ApplicationsModel applications
    required property HostApplicationsModel hostApplications
    property string nodePath: ""

    function openFor(node) {
        nodePath = node
        hostApplications.reload()
        search.text = ""
        hostList.currentIndex = -1
        open()
        search.forceActiveFocus()
    }

    function add() {
        const added = kinds.currentIndex === 0
                ? (hostList.currentItem !== null
                   && applications.importHostApplication(hostList.currentItem.file))
                : applications.addCommand(name.text, command.text, terminal.checked)
        if (added)
            close()
    }

    title: qsTr("Sandbox an application in %1").arg(nodePath)
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(640, Overlay.overlay ? Overlay.overlay.width - 40 : 640)
    height: Math.min(560, Overlay.overlay ? Overlay.overlay.height - 40 : 560)

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        TabBar {
            id: kinds
            objectName: "sandboxKinds"
            Layout.fillWidth: true
            TabButton { text: qsTr("Installed application") }
            TabButton { text: qsTr("Command") }
        }
        StackLayout {
            currentIndex: kinds.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true
            ColumnLayout {
                TextField {
                    id: search
                    objectName: "hostApplicationSearch"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Search the installed applications")
                    Accessible.name: qsTr("Search the installed applications")
                    onTextChanged: dialog.hostApplications.filter = text
                    Keys.onDownPressed: hostList.forceActiveFocus()
                }
                ListView {
                    id: hostList
                    objectName: "hostApplicationList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: dialog.hostApplications
                    currentIndex: -1
                    Accessible.name: qsTr("Installed applications")
                    delegate: ItemDelegate {
                        id: hostRow
                        required property int index
                        required property string name
                        required property string iconName
                        required property string command
                        required property string file
                        width: ListView.view.width
                        highlighted: ListView.isCurrentItem
                        icon.name: iconName
                        text: name
                        onClicked: hostList.currentIndex = index
                        onDoubleClicked: dialog.add()
                        ToolTip.visible: hovered
                        ToolTip.text: command
                    }
                }
                Label {
                    visible: hostList.count === 0
                    text: qsTr("No installed application matches.")
                    color: palette.placeholderText
                }
            }
            GridLayout {
                columns: 2
                columnSpacing: 8
                rowSpacing: 6
                Label { text: qsTr("Name") }
                TextField {
                    id: name
                    objectName: "applicationName"
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Name of the application")
                }
                Label { text: qsTr("Command") }
                TextField {
                    id: command
                    objectName: "applicationCommand"
                    Layout.fillWidth: true
                    font.family: "monospace"
                    placeholderText: qsTr("for example: sh -c 'echo hello'")
                    Accessible.name: qsTr("Command of the application, with shell quoting")
                }
                Item { width: 1 }
                CheckBox {
                    id: terminal
                    text: qsTr("Runs in a terminal")
                }
                Item { Layout.fillHeight: true }
            }
        }
        Label {
            visible: dialog.applications.error !== ""
            text: dialog.applications.error
            color: Colors.error
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "addApplicationButton"
            text: qsTr("Add to the node")
            highlighted: true
            enabled: kinds.currentIndex === 0 ? hostList.currentIndex >= 0
                                              : name.text.trim() !== "" && command.text.trim() !== ""
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        onAccepted: dialog.add()
    }
}
