// SPDX-License-Identifier: Apache-2.0
// `exports`: what is mounted in the node. The host path field follows the mode (optional,
// required, or not used).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

ColumnLayout {
    id: section

    property alias document: exports.document

    spacing: 4

    ExportsModel { id: exports }

    SectionHeader {
        Layout.fillWidth: true
        Layout.leftMargin: 12
        Layout.rightMargin: 12
        title: qsTr("Exports")
        explanation: qsTr("Restricted mounts read-only, Public read-write; Private modes apply "
                          + "only when this node is launched itself. Without a host path the mount "
                          + "point is used.")
        addText: qsTr("Add export")
        addObjectName: "addExportButton"
        onAddClicked: exports.append()
    }

    Repeater {
        model: exports
        delegate: ColumnLayout {
            id: entry
            required property int index
            required property string mode
            required property int modeIndex
            required property string mount
            required property string path
            required property bool pathEnabled
            required property bool pathRequired
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
                ComboBox {
                    Layout.preferredWidth: 150
                    model: exports.modes
                    currentIndex: entry.modeIndex
                    Accessible.name: qsTr("Mode of %1").arg(entry.mount)
                    onActivated: i => exports.setMode(entry.index, exports.modes[i])
                }
                ValueField {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 2
                    text: entry.mount
                    font.family: "monospace"
                    placeholderText: qsTr("mount point in the node")
                    selectByMouse: true
                    Accessible.name: qsTr("Mount point")
                    onEditingFinished: if (text !== entry.mount) exports.setMount(entry.index, text)
                }
                ValueField {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 2
                    enabled: entry.pathEnabled
                    text: entry.path
                    font.family: "monospace"
                    placeholderText: !entry.pathEnabled ? qsTr("not used by this mode")
                                     : entry.pathRequired ? qsTr("host path (required)")
                                                          : qsTr("host path (default: same)")
                    selectByMouse: true
                    Accessible.name: qsTr("Host path for %1").arg(entry.mount)
                    onEditingFinished: if (text !== entry.path) exports.setPath(entry.index, text)
                }
                ToolButton {
                    text: "✕"
                    Accessible.name: qsTr("Remove the export %1").arg(entry.mount)
                    onClicked: exports.remove(entry.index)
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
        visible: exports.count === 0
        Layout.leftMargin: 12
        text: qsTr("Nothing is exported by this file.")
        color: palette.placeholderText
    }
}
