// SPDX-License-Identifier: Apache-2.0
// Verify the selected node from inside: redpak-probe runs in it through the normal launch and
// each check (VerifyModel) shows, by group, with where its expectation comes from and, when it
// fails, what was expected and what was seen. Findings the runtime contradicts come first.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Pane {
    id: page

    required property Session session
    property VerifyModel verify: session.verify

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("Runs a probe in the node through the same launch as any command, then checks what the node really gets against its plan and configuration.")
        }
        RowLayout {
            Layout.fillWidth: true
            CheckBox {
                id: admin
                text: qsTr("Admin mode")
                Accessible.description: qsTr("Merge the admin configurations too")
            }
            BusyIndicator {
                running: page.verify.busy
                visible: running
                implicitWidth: 28
                implicitHeight: 28
            }
            Label {
                objectName: "verifyProgress"
                visible: page.verify.busy
                text: page.verify.status === VerifyModel.Preparing ? qsTr("Preparing the launch…")
                                                                   : qsTr("Probing the node…")
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "verifyButton"
                text: qsTr("Verify")
                highlighted: true
                enabled: page.session.currentNode !== "" && !page.verify.busy
                Accessible.description: qsTr("Launch the probe in the selected node and check what it sees")
                onClicked: page.verify.verify(page.session.currentNode, admin.checked)
            }
        }

        MessageBanner {
            objectName: "verifyError"
            Layout.fillWidth: true
            tone: Colors.error
            visible: page.verify.status === VerifyModel.Error
            text: qsTr("The node could not be verified: %1").arg(page.verify.errorText)
        }
        MessageBanner {
            objectName: "verifyUnsupported"
            Layout.fillWidth: true
            tone: Colors.info
            visible: page.verify.status === VerifyModel.Unsupported
            text: qsTr("A system node is verified with “sudo redconf verify --redpath %1”. The checks compare the node with the identity, capabilities and namespaces of the process that launches it; system nodes are launched by the privileged helper, which does not report its own.").arg(page.verify.nodePath)
        }
        Label {
            objectName: "verifySummary"
            visible: page.verify.status === VerifyModel.Done
            font.bold: true
            text: qsTr("%1 passed, %2 failed, %3 not observable")
                  .arg(page.verify.passedCount).arg(page.verify.failedCount)
                  .arg(page.verify.unknownCount)
        }
        Repeater {
            model: page.verify.contradictedFindings
            delegate: MessageBanner {
                required property var modelData
                objectName: "contradictedFinding"
                Layout.fillWidth: true
                tone: Colors.warning
                text: qsTr("Finding %1 (%2) is contradicted by runtime: it says %3, the check %4 saw %5.")
                      .arg(modelData.id).arg(modelData.item).arg(modelData.claimed)
                      .arg(modelData.check).arg(modelData.observed)
            }
        }

        ListView {
            id: checkList
            objectName: "checkList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: page.verify
            Accessible.name: qsTr("Checks")
            section.property: "groupTitle"
            section.delegate: RowLayout {
                id: groupHeader
                required property string section
                readonly property bool passed: page.verify.groupPassed(section)
                objectName: "checkGroup"
                width: ListView.view.width
                spacing: 8
                Label {
                    text: groupHeader.section
                    font.bold: true
                    topPadding: 8
                }
                Badge {
                    objectName: "groupOutcome"
                    Layout.alignment: Qt.AlignBottom
                    text: groupHeader.passed ? qsTr("all passed") : qsTr("not all passed")
                    tone: groupHeader.passed ? Colors.running : Colors.error
                }
            }
            delegate: ColumnLayout {
                id: checkRow
                required property string subject
                required property string expected
                required property string observed
                required property int outcome
                required property string outcomeText
                required property bool failed
                required property string provenance
                objectName: "checkRow"
                width: ListView.view.width
                spacing: 0
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 8
                    Badge {
                        text: checkRow.outcomeText
                        tone: Colors.verifyOutcome(checkRow.outcome)
                    }
                    Label {
                        text: checkRow.subject
                        font.family: "monospace"
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: checkRow.provenance
                        color: palette.placeholderText
                        elide: Text.ElideLeft
                        Layout.maximumWidth: checkRow.width / 2
                    }
                }
                Label {
                    objectName: "checkMismatch"
                    visible: checkRow.failed
                    Layout.fillWidth: true
                    leftPadding: 12
                    wrapMode: Text.WordWrap
                    color: Colors.error
                    text: qsTr("expected %1, seen %2").arg(checkRow.expected).arg(checkRow.observed)
                }
            }
        }
        Label {
            visible: page.verify.status === VerifyModel.Idle
            text: qsTr("Not verified yet.")
            color: palette.placeholderText
        }
    }
}
