// SPDX-License-Identifier: Apache-2.0
// A small coloured label ("3" errors, "admin", "running"...). `tone` is one of Colors.
import QtQuick
import QtQuick.Controls
import RedPak.Manager

Rectangle {
    id: badge

    property alias text: label.text
    property color tone: Colors.neutral
    property string toolTip: ""
    readonly property alias hovered: hover.hovered

    implicitWidth: label.implicitWidth + 12
    implicitHeight: label.implicitHeight + 4
    radius: height / 2
    color: tone
    Accessible.role: Accessible.StaticText
    Accessible.name: label.text + (toolTip !== "" ? ": " + toolTip : "")

    Label {
        id: label
        anchors.centerIn: parent
        color: Colors.onTone
        font.pixelSize: 11
        font.bold: true
    }
    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered && badge.toolTip !== ""
    ToolTip.text: badge.toolTip
    ToolTip.delay: 400
}
