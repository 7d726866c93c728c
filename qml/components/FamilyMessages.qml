// SPDX-License-Identifier: Apache-2.0
// Under a field: what the edited value does against the node's ancestors (the document's
// family check, computed in C++): merge errors in red, new merge warnings in amber.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Manager

ColumnLayout {
    id: messages

    property string errors: ""
    property string warnings: ""

    spacing: 2
    visible: errors !== "" || warnings !== ""

    Label {
        objectName: "familyError"
        visible: messages.errors !== ""
        text: qsTr("Against the parent nodes: %1").arg(messages.errors)
        color: Colors.error
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    Label {
        objectName: "familyWarning"
        visible: messages.warnings !== ""
        text: messages.warnings
        color: Colors.warning
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
