// SPDX-License-Identifier: Apache-2.0
// A message strip (error, warning, info: `tone` is one of Colors) with up to two actions.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Manager

Rectangle {
    id: banner

    property alias text: label.text
    property color tone: Colors.info
    property string actionText: ""
    property string secondActionText: ""
    signal actionTriggered()
    signal secondActionTriggered()

    implicitHeight: layout.implicitHeight + 14
    color: Colors.tint(tone, 0.10)
    border.color: Colors.tint(tone, 0.45)
    radius: 4
    Accessible.role: Accessible.AlertMessage
    Accessible.name: label.text

    Rectangle {
        width: 4
        height: parent.height
        radius: 2
        color: banner.tone
    }

    RowLayout {
        id: layout
        anchors.fill: parent
        anchors.leftMargin: 14
        anchors.rightMargin: 8
        spacing: 8
        Label {
            id: label
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            textFormat: Text.PlainText
        }
        Button {
            visible: banner.actionText !== ""
            text: banner.actionText
            flat: true
            onClicked: banner.actionTriggered()
        }
        Button {
            visible: banner.secondActionText !== ""
            text: banner.secondActionText
            flat: true
            onClicked: banner.secondActionTriggered()
        }
    }
}
