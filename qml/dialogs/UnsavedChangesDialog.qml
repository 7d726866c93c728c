// SPDX-License-Identifier: Apache-2.0
// Asked before leaving a node with unsaved edits: save (each modified file is reviewed first),
// discard or stay.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models

Dialog {
    id: dialog

    required property Session session
    property string pendingPath: ""

    // The window reviews `document`; a reviewed save of it may follow.
    signal reviewRequested(ConfigDocument document)

    title: qsTr("Unsaved changes")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: 460

    // Once every modified file is saved `modified` clears; then the switch happens.
    Connections {
        target: dialog.session
        function onModifiedChanged() {
            if (dialog.visible && !dialog.session.modified) {
                dialog.session.currentNode = dialog.pendingPath
                dialog.close()
            }
        }
    }

    Label {
        anchors.fill: parent
        wrapMode: Text.Wrap
        text: qsTr("The configuration of this node has unsaved changes. Save them before opening another node?")
    }

    footer: DialogButtonBox {
        Button {
            objectName: "unsavedSaveButton"
            text: qsTr("Save")
            highlighted: true
            enabled: dialog.session.canSaveAll
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: dialog.reviewRequested(dialog.session.modifiedDocument)
        }
        Button {
            objectName: "discardButton"
            text: qsTr("Discard")
            DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
            onClicked: {
                dialog.session.currentNode = dialog.pendingPath
                dialog.close()
            }
        }
        Button {
            objectName: "unsavedCancelButton"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            onClicked: dialog.close()
        }
    }
}
