// SPDX-License-Identifier: Apache-2.0
// Help > About: what the program is, its version and its licence.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    id: dialog

    title: qsTr("About RedPak Manager")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: 460
    standardButtons: Dialog.Close

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            text: Qt.application.displayName
            font.bold: true
            font.pixelSize: Qt.application.font.pixelSize * 1.4
        }
        Label {
            objectName: "aboutVersion"
            text: qsTr("Version %1").arg(Qt.application.version)
        }
        Label {
            text: qsTr("Browse, edit, review and launch rednodes: light containers made with bubblewrap, configured by trees of YAML files.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "aboutLicence"
            text: qsTr("Licensed under the Apache License, version 2.0 (Apache-2.0). <a href=\"%1\">Read the licence</a>.")
                  .arg("https://www.apache.org/licenses/LICENSE-2.0")
            textFormat: Text.StyledText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            onLinkActivated: link => Qt.openUrlExternally(link)
        }
    }
}
