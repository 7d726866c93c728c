// SPDX-License-Identifier: Apache-2.0
// New node below a parent, from a template. The alias check and the template list come from
// NodeActions (core rules); the dialog only binds.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Dialog {
    id: dialog

    required property NodeActions actions

    function openFor(parentPath) {
        actions.parentPath = parentPath
        actions.alias = ""
        open()
        aliasField.forceActiveFocus()
    }

    title: qsTr("New node")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: 520
    standardButtons: Dialog.Cancel
    closePolicy: Popup.CloseOnEscape

    Connections {
        target: dialog.actions
        function onCreated() { dialog.close() }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Label { text: qsTr("Parent directory") }
        TextField {
            Layout.fillWidth: true
            text: dialog.actions.parentPath
            selectByMouse: true
            Accessible.name: qsTr("Parent directory")
            onEditingFinished: dialog.actions.parentPath = text
        }
        Label { text: qsTr("Alias (also the directory name)") }
        TextField {
            id: aliasField
            objectName: "aliasField"
            Layout.fillWidth: true
            text: dialog.actions.alias
            selectByMouse: true
            Accessible.name: qsTr("Alias of the new node")
            onTextEdited: dialog.actions.alias = text
            onAccepted: dialog.actions.create()
        }
        Label {
            objectName: "aliasError"
            visible: dialog.actions.aliasError !== "" && aliasField.text !== ""
            text: dialog.actions.aliasError
            color: Colors.error
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { text: qsTr("Template") }
        ComboBox {
            Layout.fillWidth: true
            model: dialog.actions.templates
            currentIndex: dialog.actions.templateIndex
            Accessible.name: qsTr("Template")
            onActivated: i => dialog.actions.templateName = dialog.actions.templates[i]
        }
        Label {
            text: qsTr("Will create %1").arg(dialog.actions.targetPath)
            visible: dialog.actions.canCreate
            color: palette.placeholderText
            elide: Text.ElideMiddle
            Layout.fillWidth: true
        }
        Label {
            visible: dialog.actions.errorString !== ""
            text: dialog.actions.errorString
            color: Colors.error
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "createButton"
            text: qsTr("Create")
            enabled: dialog.actions.canCreate
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: dialog.actions.create()
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
