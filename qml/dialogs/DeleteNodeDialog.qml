// SPDX-License-Identifier: Apache-2.0
// Confirms the deletion of a node (its directory and everything in it).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Dialog {
    id: dialog

    required property NodeActions actions
    property string path: ""

    function openFor(nodePath) {
        path = nodePath
        open()
    }

    title: qsTr("Delete node")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: 480

    Connections {
        target: dialog.actions
        function onRemoved() { dialog.close() }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            text: qsTr("Delete %1 and everything in its directory? This cannot be undone.").arg(dialog.path)
            wrapMode: Text.Wrap
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
            text: qsTr("Delete")
            enabled: !dialog.actions.busy
            DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
            onClicked: dialog.actions.remove(dialog.path)
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
