// SPDX-License-Identifier: Apache-2.0
// "Why": every definition of the selected item in the family, root first, which one applies,
// which one it overrode, and the merge rule that decided.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Pane {
    id: panel

    property alias effective: why.effective
    property alias row: why.row

    WhyModel { id: why }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        Label {
            objectName: "whyTitle"
            text: why.row < 0 ? qsTr("Why?") : qsTr("Why: %1").arg(why.item)
            font.bold: true
            font.pixelSize: 15
        }
        Label {
            visible: why.row < 0
            text: qsTr("Select an item above to see the definitions that produced it.")
            color: palette.placeholderText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: why.row >= 0
            text: why.rule
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ListView {
            objectName: "whyList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: why
            spacing: 4
            Accessible.name: qsTr("Definitions of the selected item")
            delegate: RowLayout {
                id: step
                required property int index
                required property string alias
                required property string kind
                required property string file
                required property int line
                required property string key
                required property string value
                required property bool applied
                required property bool overridden
                required property string effectLabel

                width: ListView.view.width
                spacing: 8
                Label {
                    text: (step.index + 1) + "."
                    color: palette.placeholderText
                }
                Label {
                    text: step.alias + " · " + step.kind
                    font.bold: step.applied
                    Layout.preferredWidth: 140
                    elide: Text.ElideRight
                    ToolTip.visible: hover.hovered
                    ToolTip.text: step.file + (step.line > 0 ? ":" + step.line : "")
                    HoverHandler { id: hover }
                }
                Label {
                    text: step.key + ": " + step.value
                    font.family: "monospace"
                    font.strikeout: step.overridden
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Badge {
                    text: step.effectLabel
                    tone: step.applied ? Colors.running
                          : step.overridden ? Colors.warning : Colors.neutral
                }
            }
        }
    }
}
