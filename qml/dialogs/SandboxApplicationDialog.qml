// SPDX-License-Identifier: Apache-2.0
// "Sandbox an application...": first the application, one installed on the host (its desktop
// entry, searched by name; a click chooses it) or a command typed with shell quoting; then its
// node (a new one by default) with the review of what that node grants, and the confirmation.
// `flow` (SandboxFlow) checks, reviews and writes; nothing is written before the confirmation.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Dialog {
    id: dialog

    required property SandboxFlow flow
    required property HostApplicationsModel hostApplications
    // What the chosen application runs, shown with the node it will run in.
    property string chosenCommand: ""

    function openFor(node) {
        flow.start(node)
        hostApplications.reload()
        search.text = ""
        hostList.currentIndex = -1
        steps.currentIndex = 0
        open()
        search.forceActiveFocus()
    }

    function chooseHost(row) {
        hostList.currentIndex = row.index
        chosenCommand = row.command
        flow.chooseHostApplication(row.file, row.name, row.terminal)
        steps.currentIndex = 1
    }

    function chooseCommand() {
        chosenCommand = command.text
        flow.chooseCommand(name.text, command.text, terminal.checked)
        steps.currentIndex = 1
    }

    Connections {
        target: dialog.flow
        function onFinished() {
            if (dialog.flow.errorString === "")
                dialog.close()
        }
    }

    title: steps.currentIndex === 0 ? qsTr("Sandbox an application")
                                    : qsTr("Sandbox %1").arg(flow.applicationName)
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(760, Overlay.overlay ? Overlay.overlay.width - 40 : 760)
    height: Math.min(740, Overlay.overlay ? Overlay.overlay.height - 40 : 740)

    StackLayout {
        id: steps
        objectName: "sandboxSteps"
        anchors.fill: parent
        ColumnLayout {
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
                            required property bool terminal
                            width: ListView.view.width
                            highlighted: ListView.isCurrentItem
                            icon.name: iconName
                            text: name
                            onClicked: dialog.chooseHost(hostRow)
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
        }
        ColumnLayout {
            spacing: 6
            Label {
                objectName: "sandboxedCommand"
                text: qsTr("Runs %1 in %2").arg(dialog.chosenCommand).arg(dialog.flow.targetNode)
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
            SandboxTargetForm {
                flow: dialog.flow
                Layout.fillWidth: true
            }
            MessageBanner {
                objectName: "sandboxError"
                Layout.fillWidth: true
                tone: Colors.error
                visible: dialog.flow.errorString !== ""
                text: dialog.flow.errorString
            }
            ReviewPage {
                objectName: "sandboxReview"
                Layout.fillWidth: true
                Layout.fillHeight: true
                review: dialog.flow.review
                confirmEnabled: dialog.flow.canConfirm
                confirmText: review.wideningCount > 0
                             ? qsTr("Sandbox with %n widening change(s)", "", review.wideningCount)
                             : qsTr("Sandbox")
                cancelText: qsTr("Back")
                onSaveRequested: dialog.flow.confirm()
                onCancelled: steps.currentIndex = 0
            }
        }
    }

    // The review step has its own buttons (Sandbox, Back).
    footer: DialogButtonBox {
        visible: steps.currentIndex === 0
        Button {
            objectName: "nextButton"
            visible: steps.currentIndex === 0 && kinds.currentIndex === 1
            text: qsTr("Next")
            highlighted: true
            enabled: name.text.trim() !== "" && command.text.trim() !== ""
            onClicked: dialog.chooseCommand()
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
