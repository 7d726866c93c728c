// SPDX-License-Identifier: Apache-2.0
// One node in the tree: alias, badges (admin config, errors, warnings, unaudited, running,
// disabled) and the path as tooltip. A badge's own tooltip says what it counts (the messages),
// and the row's stays hidden while a badge is hovered (one tooltip shows at a time). While
// searching, ancestors shown only for context are dimmed and in italics, so that the matches
// stand out.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Manager

TreeViewDelegate {
    id: row

    required property string alias
    required property string path
    required property bool hasAdminConfig
    required property bool disabled
    required property int errorCount
    required property string errorText
    required property int warningCount
    required property string warningText
    required property bool unaudited
    required property bool running
    required property bool usesHelper
    required property bool searchMatch

    implicitWidth: treeView.width
    implicitHeight: 30
    indentation: 16
    highlighted: current || selected
    Accessible.name: alias
    Accessible.description: path

    contentItem: RowLayout {
        id: badges
        // A badge under the pointer shows its own tooltip.
        readonly property bool badgeHovered: {
            for (let i = 0; i < children.length; ++i) {
                if (children[i].hovered === true)
                    return true
            }
            return false
        }
        spacing: 6
        Label {
            text: row.alias
            font.bold: row.current
            font.strikeout: row.disabled
            font.italic: !row.searchMatch
            opacity: row.searchMatch ? 1 : 0.6
            elide: Text.ElideRight
            color: row.highlighted ? row.palette.highlightedText : row.palette.text
            Layout.fillWidth: true
        }
        Badge {
            visible: row.running
            text: qsTr("running")
            tone: Colors.running
            toolTip: qsTr("A command launched from here is running in this node")
        }
        Badge {
            objectName: "errorBadge"
            visible: row.errorCount > 0
            text: row.errorCount
            tone: Colors.error
            toolTip: row.errorText
        }
        Badge {
            objectName: "warningBadge"
            visible: row.warningCount > 0
            text: row.warningCount
            tone: Colors.warning
            toolTip: row.warningText
        }
        Badge {
            visible: row.unaudited
            text: qsTr("unaudited")
            tone: Colors.warning
            toolTip: qsTr("The configuration changed since it was last approved")
        }
        Badge {
            visible: row.hasAdminConfig
            text: qsTr("admin")
            tone: Colors.info
            toolTip: qsTr("This node has an administrative configuration")
        }
        Badge {
            visible: row.usesHelper
            text: qsTr("system")
            tone: Colors.neutral
            toolTip: qsTr("System node: edited and launched through the privileged helper")
        }
    }

    ToolTip.visible: hovered && !pressed && !badges.badgeHovered
    ToolTip.delay: 700
    ToolTip.text: row.path + (row.disabled ? "\n" + qsTr("This node is disabled") : "")
}
