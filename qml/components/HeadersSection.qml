// SPDX-License-Identifier: Apache-2.0
// `headers`: alias (checked by the parser), name, description. Edits apply when a field is left.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

ColumnLayout {
    id: section

    property alias document: form.document

    spacing: 6

    HeadersForm { id: form }

    SectionHeader {
        Layout.fillWidth: true
        Layout.leftMargin: 12
        Layout.rightMargin: 12
        Layout.topMargin: 10
        title: qsTr("Headers")
    }

    GridLayout {
        Layout.fillWidth: true
        Layout.leftMargin: 12
        Layout.rightMargin: 12
        columns: 2
        columnSpacing: 12
        rowSpacing: 6

        Label { text: qsTr("Alias") }
        TextField {
            id: aliasField
            Layout.fillWidth: true
            text: form.alias
            selectByMouse: true
            Accessible.name: qsTr("Alias")
            onEditingFinished: form.setAlias(text)
        }
        Item { width: 1; visible: form.aliasError !== "" }
        Label {
            visible: form.aliasError !== ""
            text: form.aliasError
            color: Colors.error
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { text: qsTr("Name") }
        TextField {
            Layout.fillWidth: true
            text: form.name
            placeholderText: qsTr("identifier set at creation")
            selectByMouse: true
            Accessible.name: qsTr("Name")
            onEditingFinished: form.setName(text)
        }
        Label { text: qsTr("Description") }
        TextField {
            Layout.fillWidth: true
            text: form.info
            selectByMouse: true
            Accessible.name: qsTr("Description")
            onEditingFinished: form.setInfo(text)
        }
    }
}
