// SPDX-License-Identifier: Apache-2.0
// Run a command in the selected node: command line, dry run (the exact bwrap call), running
// and finished launches with their status, usage (cgroup), process tree, output and input.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Pane {
    id: page

    required property Session session
    readonly property LaunchModel launches: session.launches

    function launchNow() {
        if (session.currentNode === "")
            return
        const row = launches.launch(session.currentNode, command.text, admin.checked)
        if (row >= 0)
            launchList.currentIndex = row
    }

    // The usage of running launches is read only while the list is on screen.
    Binding {
        target: page.launches
        property: "statsActive"
        value: page.visible
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: 8
            rowSpacing: 6
            Label { text: qsTr("Command") }
            TextField {
                id: command
                objectName: "commandField"
                Layout.fillWidth: true
                // The command last launched in the selected node, remembered across runs.
                text: page.launches.lastCommand(page.session.currentNode)
                font.family: "monospace"
                selectByMouse: true
                Accessible.name: qsTr("Command to run in the node")
                onAccepted: page.launchNow()
            }
            Item { width: 1 }
            RowLayout {
                CheckBox {
                    id: admin
                    text: qsTr("Admin mode")
                    Accessible.description: qsTr("Merge the admin configurations too")
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "dryRunButton"
                    text: qsTr("Dry run")
                    enabled: page.session.currentNode !== "" && !page.launches.dryRunBusy
                    Accessible.description: qsTr("Show the bwrap command line without launching")
                    onClicked: page.launches.dryRun(page.session.currentNode, command.text, admin.checked)
                }
                Button {
                    objectName: "launchButton"
                    text: qsTr("Launch")
                    highlighted: true
                    enabled: page.session.currentNode !== ""
                    Accessible.description: qsTr("Run the command in the selected node")
                    onClicked: page.launchNow()
                }
            }
        }

        MessageBanner {
            Layout.fillWidth: true
            tone: Colors.error
            visible: page.launches.dryRunError !== ""
            text: page.launches.dryRunError
        }
        // The session forgets the plan when another node is shown or the node's files change.
        GroupBox {
            objectName: "dryRunBox"
            Layout.fillWidth: true
            Layout.preferredHeight: 170
            visible: page.launches.dryRunText !== ""
            title: qsTr("bwrap command line of %1 (dry run)").arg(page.launches.dryRunNode.split("/").pop())
            ScrollView {
                anchors.fill: parent
                clip: true
                TextArea {
                    objectName: "dryRunText"
                    readOnly: true
                    selectByMouse: true
                    text: page.launches.dryRunText
                    font.family: "monospace"
                    font.pixelSize: 12
                    wrapMode: TextEdit.NoWrap
                    Accessible.name: qsTr("bwrap command line")
                }
            }
        }

        Label {
            text: qsTr("Launches")
            font.bold: true
        }
        ListView {
            id: launchList
            objectName: "launchList"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 220)
            clip: true
            model: page.launches
            Accessible.name: qsTr("Launches")
            delegate: ItemDelegate {
                id: launchRow
                required property int index
                required property string command
                required property string nodePath
                required property string statusText
                required property bool running
                required property int outcome
                required property string errorLines
                required property string output
                required property string usageText
                required property var processes
                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                onClicked: launchList.currentIndex = index
                contentItem: ColumnLayout {
                    spacing: 2
                    RowLayout {
                        spacing: 8
                        Label {
                            text: launchRow.command
                            font.family: "monospace"
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            text: launchRow.nodePath.split("/").pop()
                            color: palette.placeholderText
                        }
                        Badge {
                            objectName: "launchStatus"
                            text: launchRow.statusText
                            tone: Colors.launchOutcome(launchRow.outcome)
                        }
                        Button {
                            objectName: "stopButton"
                            text: qsTr("Stop")
                            visible: launchRow.running
                            Accessible.name: qsTr("Stop %1").arg(launchRow.command)
                            onClicked: page.launches.stop(launchRow.index)
                        }
                    }
                    Label {
                        objectName: "launchErrorLines"
                        visible: launchRow.errorLines !== ""
                        text: launchRow.errorLines
                        color: Colors.launchOutcome(launchRow.outcome)
                        font.family: "monospace"
                        font.pixelSize: 11
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Accessible.name: qsTr("Last error messages of %1").arg(launchRow.command)
                    }
                    Label {
                        objectName: "launchUsage"
                        visible: launchRow.running && launchRow.usageText !== ""
                        text: launchRow.usageText
                        color: palette.placeholderText
                    }
                    Repeater {
                        model: launchRow.running ? launchRow.processes : []
                        delegate: Label {
                            required property var modelData
                            objectName: "launchProcess"
                            leftPadding: 12 * (modelData.depth + 1)
                            text: modelData.pid + "  " + modelData.command
                            font.family: "monospace"
                            font.pixelSize: 11
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
        Label {
            visible: launchList.count === 0
            text: qsTr("Nothing launched yet.")
            color: palette.placeholderText
        }

        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: launchList.currentItem !== null
            clip: true
            TextArea {
                objectName: "outputText"
                readOnly: true
                selectByMouse: true
                font.family: "monospace"
                font.pixelSize: 12
                text: launchList.currentItem ? launchList.currentItem.output : ""
                Accessible.name: qsTr("Output of the selected launch")
                onTextChanged: cursorPosition = length
            }
        }
        RowLayout {
            Layout.fillWidth: true
            visible: launchList.currentItem !== null && launchList.currentItem.running
            TextField {
                id: input
                Layout.fillWidth: true
                placeholderText: qsTr("Type a line for the command's input and press Enter")
                font.family: "monospace"
                Accessible.name: qsTr("Input for the selected launch")
                onAccepted: {
                    if (page.launches.sendLine(launchList.currentIndex, text))
                        text = ""
                }
            }
        }
        RowLayout {
            Item { Layout.fillWidth: true }
            Button {
                text: qsTr("Clear finished")
                enabled: launchList.count > page.launches.runningCount
                onClicked: page.launches.clearFinished()
            }
        }
    }
}
