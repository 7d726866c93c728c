// SPDX-License-Identifier: Apache-2.0
// Asked before the window closes with unsaved edits or running launches: save (each modified
// file is reviewed first), discard and quit, or stay. Running launches are listed, each with
// what quitting does to it (stopped, or kept running by the helper).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Dialog {
    id: dialog

    required property Session session
    // {node, command, keepsRunning} of each running launch (LaunchModel::runningLaunches).
    property var launches: []

    // The window reviews `document`; a reviewed save of it may follow.
    signal reviewRequested(ConfigDocument document)
    // The user chose to quit: the window closes without asking again.
    signal quitConfirmed()

    function ask() {
        launches = session.launches.runningLaunches()
        open()
    }

    title: qsTr("Quit RedPak Manager?")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(560, Overlay.overlay ? Overlay.overlay.width - 40 : 560)

    // Once every modified file is saved, quitting goes on unless launches are still to decide.
    Connections {
        target: dialog.session
        function onModifiedChanged() {
            if (dialog.visible && !dialog.session.modified && dialog.launches.length === 0)
                dialog.quitConfirmed()
        }
    }
    Connections {
        target: dialog.session.launches
        function onRunningChanged() {
            if (dialog.visible)
                dialog.launches = dialog.session.launches.runningLaunches()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            objectName: "quitUnsavedText"
            visible: dialog.session.modified
            text: qsTr("The configuration of %1 has unsaved changes.").arg(dialog.session.currentNode)
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: dialog.launches.length > 0
            text: qsTr("%n launch(es) still running:", "", dialog.launches.length)
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Repeater {
            objectName: "quitLaunches"
            model: dialog.launches
            Label {
                required property var modelData
                text: qsTr("%1 in %2: %3").arg(modelData.command).arg(modelData.node)
                      .arg(modelData.keepsRunning ? qsTr("keeps running")
                                                  : qsTr("stopped when you quit"))
                color: modelData.keepsRunning ? palette.text : Colors.warning
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.leftMargin: 12
            }
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "quitSaveButton"
            visible: dialog.session.modified
            text: qsTr("Save…")
            highlighted: true
            enabled: dialog.session.canSaveAll
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: dialog.reviewRequested(dialog.session.modifiedDocument)
        }
        Button {
            objectName: "quitDiscardButton"
            text: dialog.session.modified ? qsTr("Discard and quit") : qsTr("Quit")
            DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
            onClicked: dialog.quitConfirmed()
        }
        Button {
            objectName: "quitCancelButton"
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            onClicked: dialog.close()
        }
    }
}
