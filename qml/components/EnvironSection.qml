// SPDX-License-Identifier: Apache-2.0
// `environ`: variable, mode and value; the value field is disabled for modes without a value.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

ColumnLayout {
    id: section

    property alias document: environ.document

    spacing: 4

    EnvironModel { id: environ }

    SectionHeader {
        Layout.fillWidth: true
        Layout.leftMargin: 12
        Layout.rightMargin: 12
        title: qsTr("Environment")
        explanation: qsTr("Default expands $TAGS, Static keeps the text, Execfd runs a command, "
                          + "Remove unsets the variable, Inherit takes it from the launcher.")
        addText: qsTr("Add variable")
        addObjectName: "addVariableButton"
        onAddClicked: environ.append()
    }

    Repeater {
        model: environ
        delegate: ColumnLayout {
            id: entry
            required property int index
            required property string key
            required property string mode
            required property int modeIndex
            required property string value
            required property bool valueEnabled
            required property string error
            required property string warning
            required property string familyError
            required property string familyWarning

            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 12
            spacing: 2

            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                ValueField {
                    Layout.preferredWidth: 150
                    text: entry.key
                    font.family: "monospace"
                    selectByMouse: true
                    Accessible.name: qsTr("Variable name")
                    onEditingFinished: if (text !== entry.key) environ.setKey(entry.index, text)
                }
                ComboBox {
                    Layout.preferredWidth: 110
                    model: environ.modes
                    currentIndex: entry.modeIndex
                    Accessible.name: qsTr("Mode of %1").arg(entry.key)
                    onActivated: i => environ.setMode(entry.index, environ.modes[i])
                }
                ValueField {
                    Layout.fillWidth: true
                    enabled: entry.valueEnabled
                    text: entry.value
                    placeholderText: entry.valueEnabled ? qsTr("value") : qsTr("no value for this mode")
                    selectByMouse: true
                    Accessible.name: qsTr("Value of %1").arg(entry.key)
                    onEditingFinished: if (text !== entry.value) environ.setValue(entry.index, text)
                }
                ToolButton {
                    text: "✕"
                    Accessible.name: qsTr("Remove %1").arg(entry.key)
                    onClicked: environ.remove(entry.index)
                }
            }
            Label {
                visible: entry.error !== ""
                text: entry.error
                color: Colors.error
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                visible: entry.warning !== ""
                text: entry.warning
                color: Colors.warning
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            FamilyMessages {
                Layout.fillWidth: true
                errors: entry.familyError
                warnings: entry.familyWarning
            }
        }
    }
    Label {
        visible: environ.count === 0
        Layout.leftMargin: 12
        text: qsTr("No variable is set by this file.")
        color: palette.placeholderText
    }
}
