// SPDX-License-Identifier: Apache-2.0
// `config.capabilities`: each capability added to or dropped from the node.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

ColumnLayout {
    id: section

    property alias document: capabilities.document

    spacing: 4

    CapabilitiesModel { id: capabilities }

    SectionHeader {
        Layout.fillWidth: true
        Layout.leftMargin: 12
        Layout.rightMargin: 12
        title: qsTr("Capabilities")
        explanation: qsTr("A child can never add a capability a parent dropped. Keep CAP_SYS_ADMIN dropped.")
        addText: qsTr("Add capability")
        onAddClicked: capabilities.append()
    }

    Repeater {
        model: capabilities
        delegate: ColumnLayout {
            id: entry
            required property int index
            required property string name
            required property int nameIndex
            required property bool add
            required property string error

            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 12
            spacing: 2

            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                ComboBox {
                    Layout.preferredWidth: 240
                    model: capabilities.names
                    currentIndex: entry.nameIndex
                    Accessible.name: qsTr("Capability")
                    onActivated: i => capabilities.setName(entry.index, capabilities.names[i])
                }
                ComboBox {
                    Layout.preferredWidth: 120
                    model: [qsTr("drop"), qsTr("add")]
                    currentIndex: entry.add ? 1 : 0
                    Accessible.name: qsTr("Add or drop %1").arg(entry.name)
                    onActivated: i => capabilities.setAdd(entry.index, i === 1)
                }
                Item { Layout.fillWidth: true }
                ToolButton {
                    text: "✕"
                    Accessible.name: qsTr("Remove %1").arg(entry.name)
                    onClicked: capabilities.remove(entry.index)
                }
            }
            Label {
                visible: entry.error !== ""
                text: entry.error
                color: Colors.error
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }
    Label {
        visible: capabilities.count === 0
        Layout.leftMargin: 12
        text: qsTr("No capability is set by this file.")
        color: palette.placeholderText
    }
}
