// SPDX-License-Identifier: Apache-2.0
// One effective item: name, value, the node and file it comes from, what it overrode, and
// the merge warning.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Manager

ItemDelegate {
    id: row

    required property int index
    required property string item
    required property string value
    required property string sourceAlias
    required property string sourceKind
    required property bool fromAdmin
    required property string sourceFile
    required property int line
    required property string overriddenValue
    required property string overriddenSource
    required property string warning

    highlighted: ListView.isCurrentItem
    // Secondary text stays readable on the selection colour.
    readonly property color secondaryColor: highlighted ? palette.highlightedText : palette.placeholderText
    readonly property color warningColor: highlighted ? palette.highlightedText : Colors.warning
    Accessible.name: qsTr("%1: %2, from %3").arg(item).arg(value).arg(sourceAlias)

    contentItem: ColumnLayout {
        spacing: 2
        RowLayout {
            spacing: 8
            Label {
                text: row.item
                font.family: "monospace"
                font.bold: true
                elide: Text.ElideMiddle
                Layout.preferredWidth: 150
            }
            Label {
                text: row.value
                font.family: "monospace"
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Badge {
                visible: row.warning !== ""
                text: "!"
                tone: Colors.warning
                toolTip: row.warning
            }
            Label {
                text: row.sourceAlias + " · " + row.sourceKind
                color: row.fromAdmin && !row.highlighted ? Colors.adminSource : row.secondaryColor
                ToolTip.visible: sourceHover.hovered
                ToolTip.text: row.sourceFile + (row.line > 0 ? ":" + row.line : "")
                HoverHandler { id: sourceHover }
            }
        }
        Label {
            visible: row.overriddenSource !== ""
            text: qsTr("overrides %1 from %2").arg(row.overriddenValue).arg(row.overriddenSource)
            color: row.secondaryColor
            font.pixelSize: 12
            elide: Text.ElideRight
            Layout.fillWidth: true
            Layout.leftMargin: 158
        }
        Label {
            visible: row.warning !== ""
            text: row.warning
            color: row.warningColor
            font.pixelSize: 12
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Layout.leftMargin: 158
        }
    }
}
