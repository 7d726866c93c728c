// SPDX-License-Identifier: Apache-2.0
// One key of `config`: a choice list for booleans, EDU and sharings (plus a path to join a
// namespace), a text field otherwise. Refused input stays in the field with the parser's message.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

ColumnLayout {
    id: row

    required property int index
    required property string key
    required property string group
    required property bool firstInGroup
    required property string value
    required property bool isSet
    required property var choices
    required property int choiceIndex
    required property string pendingText
    required property int line
    required property string error
    required property string warning
    required property string familyError
    required property string familyWarning
    required property SettingsModel settings
    // false: only the keys written in the file are shown (with no group titles).
    property bool showAll: true

    required property bool isChoice
    required property bool isSharing
    required property string joinPlaceholder
    required property bool joins

    spacing: 2
    visible: showAll || isSet || pendingText !== ""

    Label {
        visible: row.firstInGroup && row.showAll
        text: row.group
        font.bold: true
        color: palette.placeholderText
        Layout.topMargin: row.index === 0 ? 2 : 10
    }

    RowLayout {
        spacing: 10
        Layout.fillWidth: true

        Label {
            text: row.key
            font.family: "monospace"
            font.bold: row.isSet
            Layout.preferredWidth: 150
            elide: Text.ElideRight
        }
        ComboBox {
            id: choice
            visible: row.isChoice
            Layout.preferredWidth: 170
            Accessible.name: row.key
            // The empty choice means "not written in this file".
            model: row.choices.map(c => c === "" ? qsTr("(not set)") : c)
                   .concat(row.isSharing ? [qsTr("join a namespace…")] : [])
            currentIndex: row.choiceIndex
            onActivated: i => {
                if (i < row.choices.length)
                    row.settings.setValue(row.index, row.choices[i])
                else
                    joinPath.forceActiveFocus()
            }
        }
        ValueField {
            id: joinPath
            visible: row.isSharing && (row.joins || choice.currentIndex === row.choices.length)
            Layout.fillWidth: true
            text: row.joins ? row.value : ""
            placeholderText: row.joinPlaceholder
            selectByMouse: true
            Accessible.name: qsTr("Namespace to join for %1").arg(row.key)
            onEditingFinished: if (text !== row.value) row.settings.setValue(row.index, text)
        }
        ValueField {
            visible: !row.isChoice
            Layout.fillWidth: true
            text: row.pendingText !== "" ? row.pendingText : row.value
            placeholderText: qsTr("not set")
            selectByMouse: true
            Accessible.name: row.key
            onEditingFinished: if (text !== row.value) row.settings.setValue(row.index, text)
        }
        Item { visible: row.isChoice && !joinPath.visible; Layout.fillWidth: true }
        ToolButton {
            text: "✕"
            visible: row.isSet
            Accessible.name: qsTr("Remove %1 from this file").arg(row.key)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Remove %1 from this file").arg(row.key)
            onClicked: row.settings.unset(row.index)
        }
    }
    Label {
        visible: row.error !== ""
        text: row.error
        color: Colors.error
        wrapMode: Text.Wrap
        Layout.fillWidth: true
        Layout.leftMargin: 160
    }
    Label {
        visible: row.warning !== ""
        text: row.warning
        color: Colors.warning
        wrapMode: Text.Wrap
        Layout.fillWidth: true
        Layout.leftMargin: 160
    }
    FamilyMessages {
        Layout.fillWidth: true
        Layout.leftMargin: 160
        errors: row.familyError
        warnings: row.familyWarning
    }
}
