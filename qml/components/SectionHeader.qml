// SPDX-License-Identifier: Apache-2.0
// Title of a form section, with an optional explanation and "add" button.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ColumnLayout {
    id: header

    property string title
    property string explanation: ""
    property string addText: ""
    property string addObjectName: ""
    property bool addEnabled: true
    signal addClicked()

    spacing: 2

    RowLayout {
        Layout.fillWidth: true
        Label {
            text: header.title
            font.bold: true
            font.pixelSize: 15
            Layout.fillWidth: true
        }
        Button {
            objectName: header.addObjectName
            visible: header.addText !== ""
            enabled: header.addEnabled
            text: header.addText
            Accessible.name: header.addText
            onClicked: header.addClicked()
        }
    }
    Label {
        visible: header.explanation !== ""
        text: header.explanation
        wrapMode: Text.Wrap
        color: palette.placeholderText
        Layout.fillWidth: true
    }
    Rectangle {
        Layout.fillWidth: true
        Layout.topMargin: 4
        height: 1
        color: palette.mid
    }
}
