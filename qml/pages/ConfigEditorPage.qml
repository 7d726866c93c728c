// SPDX-License-Identifier: Apache-2.0
// Editor of the selected node: normal or admin file, as forms or as YAML text. Both views edit
// the same ConfigDocument; validity, the error position and "modified" come from C++.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Pane {
    id: page

    required property Session session
    readonly property ConfigDocument document: fileTabs.currentIndex === 1 ? session.adminDocument
                                                                            : session.normalDocument

    padding: 0

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 10
            spacing: 10
            Label {
                text: page.session.currentNode === "" ? qsTr("No node selected")
                                                      : page.session.currentNode.split("/").pop()
                font.pixelSize: 18
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                visible: page.document.modified
                text: qsTr("Unsaved changes")
                color: Colors.modified
                font.bold: true
            }
            Label {
                visible: page.document.status === ConfigDocument.Saving
                text: qsTr("Saving…")
            }
        }

        TabBar {
            id: fileTabs
            objectName: "fileTabs"
            visible: page.session.currentNode !== ""
            Layout.fillWidth: true
            Layout.leftMargin: 10
            Layout.rightMargin: 10
            FocusTabButton {
                text: qsTr("Normal configuration") + (page.session.normalDocument.modified ? " *" : "")
                Accessible.name: qsTr("Edit etc/redpak.yaml")
            }
            FocusTabButton {
                text: qsTr("Admin configuration") + (page.session.adminDocument.modified ? " *" : "")
                Accessible.name: qsTr("Edit etc/redpak-admin.yaml")
            }
        }

        Label {
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.topMargin: 4
            text: page.document.filePath
            elide: Text.ElideMiddle
            color: palette.placeholderText
            visible: page.document.filePath !== ""
        }

        MessageBanner {
            objectName: "conflictBanner"
            Layout.fillWidth: true
            tone: Colors.warning
            visible: page.document.conflict
            text: qsTr("This file changed on disk while you were editing it.")
            actionText: qsTr("Keep my version")
            secondActionText: qsTr("Load the file from disk")
            onActionTriggered: page.document.keepMine()
            onSecondActionTriggered: page.document.takeTheirs()
        }
        MessageBanner {
            Layout.fillWidth: true
            tone: Colors.error
            visible: page.document.errorString !== ""
            text: page.document.errorString
        }
        MessageBanner {
            objectName: "parseErrorBanner"
            Layout.fillWidth: true
            tone: Colors.error
            visible: !page.document.valid && page.document.errorMessage !== ""
            text: qsTr("Line %1, column %2: %3").arg(page.document.errorLine)
                  .arg(page.document.errorColumn).arg(page.document.errorMessage)
            actionText: editTabs.currentIndex === 0 ? qsTr("Show in YAML") : ""
            onActionTriggered: {
                editTabs.currentIndex = 1
                yaml.showLine(page.document.errorLine)
            }
        }
        MessageBanner {
            objectName: "familyErrorBanner"
            Layout.fillWidth: true
            tone: Colors.error
            visible: page.document.valid && page.document.familyCheck.errors.length > 0
            text: qsTr("With this text the node cannot be launched: its parent nodes forbid it.")
                  + "\n" + page.document.familyCheck.errors.join("\n")
        }
        MessageBanner {
            objectName: "familyWarningBanner"
            Layout.fillWidth: true
            tone: Colors.warning
            visible: page.document.valid && page.document.familyCheck.warnings.length > 0
            text: qsTr("New warnings against the parent nodes:") + "\n"
                  + page.document.familyCheck.warnings.join("\n")
        }
        MessageBanner {
            objectName: "refusedInputBanner"
            Layout.fillWidth: true
            tone: Colors.error
            visible: page.document.refusedInputs.length > 0
            text: qsTr("Cannot save: these fields hold values that were refused. Correct them or "
                       + "remove the key.") + "\n" + page.document.refusedInputs.join("\n")
        }
        MessageBanner {
            Layout.fillWidth: true
            tone: Colors.info
            visible: page.document.status === ConfigDocument.Ready && !page.document.fileExists
                     && page.document.text === ""
            text: qsTr("This node has no admin configuration. Settings in an admin file take "
                       + "precedence and cannot be overridden by children.")
            actionText: qsTr("Create it")
            onActionTriggered: page.document.createFile()
        }

        TabBar {
            id: editTabs
            objectName: "editTabs"
            visible: page.session.currentNode !== ""
            Layout.fillWidth: true
            Layout.leftMargin: 10
            Layout.rightMargin: 10
            Layout.topMargin: 6
            FocusTabButton { text: qsTr("Form") }
            FocusTabButton { text: qsTr("YAML") }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            // The third page stands in until a node is selected.
            currentIndex: page.session.currentNode === "" ? 2 : editTabs.currentIndex

            ScrollView {
                id: formScroll
                clip: true
                contentWidth: availableWidth
                enabled: page.document.formEditable

                ColumnLayout {
                    width: formScroll.availableWidth
                    spacing: 14

                    MessageBanner {
                        Layout.fillWidth: true
                        tone: Colors.info
                        visible: !page.document.formEditable && page.document.text !== ""
                        text: qsTr("The form is read-only until the YAML text parses again.")
                    }
                    HeadersSection { Layout.fillWidth: true; document: page.document }
                    ExportsSection { Layout.fillWidth: true; document: page.document }
                    EnvironSection { Layout.fillWidth: true; document: page.document }
                    SettingsSection { Layout.fillWidth: true; document: page.document }
                    CapabilitiesSection { Layout.fillWidth: true; document: page.document }
                    CgroupsSection { Layout.fillWidth: true; document: page.document }
                    Item { Layout.preferredHeight: 12 }
                }
            }

            YamlEditor {
                id: yaml
                document: page.document
            }

            Label {
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                wrapMode: Text.Wrap
                color: palette.placeholderText
                text: qsTr("Select a node in the tree to edit its configuration.")
            }
        }
    }
}
