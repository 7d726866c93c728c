// SPDX-License-Identifier: Apache-2.0
// Audit status and risk findings of the selected node: approve the family as it is, show its
// drift from the approved version, and the findings of the risk analysis filtered by severity.
// Everything comes from `findings` (FindingsModel) and `audit` (AuditController).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Pane {
    id: page

    required property FindingsModel findings
    required property AuditController audit

    padding: 0

    function stateText(state) {
        switch (state) {
        case AuditController.Approved: return qsTr("approved")
        case AuditController.Drifted: return qsTr("changed since approval")
        case AuditController.NotAudited: return qsTr("never approved")
        case AuditController.Invalid: return qsTr("audit record damaged")
        }
        return ""
    }
    Connections {
        // The comment belongs to the approval it was typed for.
        target: page.audit
        function onApproved() { comment.clear() }
    }

    function severityText(level) {
        switch (level) {
        case FindingsModel.Error: return qsTr("error")
        case FindingsModel.Warning: return qsTr("warning")
        }
        return qsTr("info")
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        GroupBox {
            title: qsTr("Audit")
            Layout.fillWidth: true
            Layout.margins: 10

            ColumnLayout {
                anchors.fill: parent
                spacing: 6
                RowLayout {
                    spacing: 8
                    Badge {
                        text: page.stateText(page.audit.state)
                        visible: text !== ""
                        tone: Colors.auditState(page.audit.state)
                    }
                    Label {
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                        visible: page.audit.approvedBy !== ""
                        text: qsTr("by %1 at %2").arg(page.audit.approvedBy).arg(page.audit.approvedAt)
                              + (page.audit.comment !== "" ? " — " + page.audit.comment : "")
                    }
                }
                Label {
                    visible: page.audit.scoreChange !== ""
                    text: qsTr("Exposure score: %1").arg(page.audit.scoreChange)
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    visible: page.audit.driftedFiles.length > 0
                    text: page.audit.driftedFiles.join("\n")
                }
                MessageBanner {
                    objectName: "driftMergeErrors"
                    Layout.fillWidth: true
                    tone: Colors.error
                    visible: page.audit.mergeErrors.length > 0
                    text: qsTr("Since its approval the node cannot be launched any more:") + "\n"
                          + page.audit.mergeErrors.join("\n")
                }
                MessageBanner {
                    Layout.fillWidth: true
                    tone: Colors.error
                    visible: page.audit.errorString !== "" || page.audit.problem !== ""
                    text: page.audit.errorString !== "" ? page.audit.errorString : page.audit.problem
                }
                RowLayout {
                    spacing: 6
                    TextField {
                        id: comment
                        objectName: "approvalComment"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 80 // grows into the room the buttons leave
                        placeholderText: qsTr("Why this configuration is approved")
                        Accessible.name: qsTr("Approval comment")
                    }
                    Button {
                        objectName: "approveButton"
                        text: page.audit.busy ? qsTr("Approving…") : qsTr("Approve")
                        enabled: page.audit.nodePath !== "" && !page.audit.busy
                                 && page.audit.state !== AuditController.Approved
                        onClicked: page.audit.approve(comment.text)
                    }
                    Button {
                        id: showDrift
                        text: checked ? qsTr("Hide drift") : qsTr("Show drift")
                        checkable: true
                        enabled: page.audit.state === AuditController.Drifted
                    }
                }
                ScrollView {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 220
                    visible: showDrift.checked && showDrift.enabled
                    TextArea {
                        objectName: "driftText"
                        readOnly: true
                        font.family: "monospace"
                        wrapMode: TextEdit.NoWrap
                        text: (page.audit.mergeErrors.length > 0
                               ? qsTr("Merge errors:") + "\n" + page.audit.mergeErrors.join("\n") + "\n\n"
                               : "")
                              + page.audit.semanticSummary + "\n\n" + page.audit.driftText
                        Accessible.name: qsTr("Drift from the approved version")
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 10
            Layout.rightMargin: 10
            spacing: 8
            // Everything in this row gives way at the window's minimum width.
            Label {
                Layout.fillWidth: true
                Layout.minimumWidth: 60
                elide: Text.ElideRight
                font.bold: true
                text: qsTr("Findings (score %1)").arg(page.findings.score)
            }
            CheckBox {
                text: qsTr("Whole tree")
                checked: page.findings.recursive
                onToggled: page.findings.recursive = checked
            }
            ComboBox {
                id: severityFilter
                Layout.fillWidth: true
                Layout.minimumWidth: 90
                Layout.maximumWidth: implicitWidth
                model: [qsTr("All"), qsTr("Warnings and errors"), qsTr("Errors")]
                Accessible.name: qsTr("Minimum severity")
            }
        }
        MessageBanner {
            Layout.fillWidth: true
            tone: Colors.error
            visible: page.findings.errorString !== ""
            text: page.findings.errorString
        }

        ListView {
            objectName: "findingsList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            activeFocusOnTab: true
            Accessible.name: qsTr("Findings")
            ScrollBar.vertical: ScrollBar {}
            model: FindingsFilterModel {
                sourceModel: page.findings
                minimumSeverity: severityFilter.currentIndex
            }
            delegate: ItemDelegate {
                id: finding
                required property string findingId
                required property int severityLevel
                required property string node
                required property string item
                required property string explanation
                required property string source

                width: ListView.view.width
                Accessible.name: page.severityText(severityLevel) + ", " + findingId + ", " + item
                contentItem: RowLayout {
                    spacing: 8
                    Badge {
                        Layout.alignment: Qt.AlignTop
                        text: page.severityText(finding.severityLevel)
                        tone: Colors.severity(finding.severityLevel)
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideMiddle
                            font.bold: true
                            text: finding.findingId + "  " + finding.item
                        }
                        Label {
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            text: finding.explanation
                        }
                        Label {
                            Layout.fillWidth: true
                            elide: Text.ElideMiddle
                            visible: finding.source !== "" || page.findings.recursive
                            color: palette.placeholderText
                            text: page.findings.recursive ? finding.node + "  " + finding.source : finding.source
                        }
                    }
                }
            }
        }
    }
}
