// SPDX-License-Identifier: Apache-2.0
// A frame around its parent while `shown` (by default: the parent has focus from the keyboard),
// so that keyboard users see where they are in the tree, the tab bars and the tool bar.
import QtQuick

Rectangle {
    property bool shown: parent.visualFocus === true

    anchors.fill: parent
    anchors.margins: 1
    color: "transparent"
    border.width: 2
    border.color: palette.highlight
    radius: 2
    visible: shown
    z: 10
}
