// SPDX-License-Identifier: Apache-2.0
// A small coloured label ("3" errors, "admin", "running"...). `tone` picks the colour.
import QtQuick
import QtQuick.Controls

Rectangle {
    id: badge

    property alias text: label.text
    property string tone: "neutral" // error, warning, info, running, neutral
    property string toolTip: ""

    readonly property var colors: ({
        error: "#c62828", warning: "#b26a00", info: "#1565c0", running: "#2e7d32", neutral: "#616161"
    })

    implicitWidth: label.implicitWidth + 12
    implicitHeight: label.implicitHeight + 4
    radius: height / 2
    color: colors[tone] || colors.neutral
    Accessible.role: Accessible.StaticText
    Accessible.name: label.text + (toolTip !== "" ? ": " + toolTip : "")

    Label {
        id: label
        anchors.centerIn: parent
        color: "white"
        font.pixelSize: 11
        font.bold: true
    }
    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered && badge.toolTip !== ""
    ToolTip.text: badge.toolTip
    ToolTip.delay: 400
}
