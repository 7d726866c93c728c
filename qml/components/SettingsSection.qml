// SPDX-License-Identifier: Apache-2.0
// The scalar keys of `config`, grouped (namespaces, process, identity, paths, packages).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

ColumnLayout {
    id: section

    property alias document: settingsModel.document

    spacing: 4

    SettingsModel {
        id: settingsModel
        objectName: "settingsModel"
    }

    SectionHeader {
        Layout.fillWidth: true
        Layout.leftMargin: 12
        Layout.rightMargin: 12
        title: qsTr("Settings")
        explanation: qsTr("Unset keys inherit from the parent nodes. Sharings: enabled shares the "
                          + "host namespace, disabled creates a new one, a path joins an existing one.")
    }

    CheckBox {
        id: showAllBox
        Layout.leftMargin: 8
        text: qsTr("Show all keys (%1 set in this file)").arg(settingsModel.setCount)
        checked: settingsModel.setCount === 0
    }

    Repeater {
        model: settingsModel
        delegate: SettingDelegate {
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 12
            settings: settingsModel
            showAll: showAllBox.checked
        }
    }
}
