// SPDX-License-Identifier: Apache-2.0
// `config.cgroups`: cgroup v2 limits of this node (controller, key, value).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

ColumnLayout {
    id: section

    property alias document: cgroups.document

    spacing: 4

    CgroupsModel { id: cgroups }

    SectionHeader {
        Layout.fillWidth: true
        Layout.leftMargin: 12
        Layout.rightMargin: 12
        title: qsTr("Cgroup limits")
        addText: qsTr("Add limit")
        onAddClicked: cgroups.append()
    }

    Repeater {
        model: cgroups
        delegate: ColumnLayout {
            id: entry
            required property int index
            required property string controller
            required property int controllerIndex
            required property string key
            required property string value
            required property string error

            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 12
            spacing: 2

            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                ComboBox {
                    Layout.preferredWidth: 110
                    model: cgroups.controllers
                    currentIndex: entry.controllerIndex
                    Accessible.name: qsTr("Controller")
                    onActivated: i => cgroups.setController(entry.index, cgroups.controllers[i])
                }
                ValueField {
                    Layout.preferredWidth: 130
                    text: entry.key
                    font.family: "monospace"
                    selectByMouse: true
                    Accessible.name: qsTr("Limit")
                    onEditingFinished: if (text !== entry.key) cgroups.setKey(entry.index, text)
                }
                ValueField {
                    Layout.fillWidth: true
                    text: entry.value
                    selectByMouse: true
                    Accessible.name: qsTr("Value of %1").arg(entry.key)
                    onEditingFinished: if (text !== entry.value) cgroups.setValue(entry.index, text)
                }
                ToolButton {
                    text: "✕"
                    Accessible.name: qsTr("Remove the limit %1").arg(entry.key)
                    onClicked: cgroups.remove(entry.index)
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
        visible: cgroups.count === 0
        Layout.leftMargin: 12
        text: qsTr("No cgroup limit is set by this file.")
        color: palette.placeholderText
    }
}
