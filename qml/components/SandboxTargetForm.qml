// SPDX-License-Identifier: Apache-2.0
// Where a sandboxed application goes: a new node of its own (parent, alias, preset), the
// selected node or another existing one. Binds to a SandboxFlow, which checks and reviews.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

ColumnLayout {
    id: form

    required property SandboxFlow flow
    readonly property NodeActions newNode: flow.newNode

    spacing: 4

    RadioButton {
        objectName: "newNodeChoice"
        text: qsTr("A new node of its own")
        checked: form.flow.target === SandboxFlow.NewNode
        onClicked: form.flow.target = SandboxFlow.NewNode
    }
    GridLayout {
        visible: form.flow.target === SandboxFlow.NewNode
        columns: 2
        columnSpacing: 8
        rowSpacing: 4
        Layout.leftMargin: 28
        Layout.fillWidth: true
        Label { text: qsTr("Below") }
        ComboBox {
            objectName: "newNodeParent"
            Layout.fillWidth: true
            model: form.flow.nodes
            currentIndex: form.flow.nodes.indexOf(form.newNode.parentPath)
            displayText: form.newNode.parentPath
            Accessible.name: qsTr("Parent of the new node")
            onActivated: i => form.newNode.parentPath = form.flow.nodes[i]
        }
        Label { text: qsTr("Alias") }
        TextField {
            objectName: "newNodeAlias"
            Layout.fillWidth: true
            text: form.newNode.alias
            selectByMouse: true
            Accessible.name: qsTr("Alias of the new node")
            onTextEdited: form.newNode.alias = text
        }
        Label { text: qsTr("Preset") }
        ComboBox {
            objectName: "newNodeTemplate"
            Layout.fillWidth: true
            model: form.newNode.templates
            currentIndex: form.newNode.templateIndex
            Accessible.name: qsTr("Template of the new node")
            onActivated: i => form.newNode.templateName = form.newNode.templates[i]
        }
    }
    RadioButton {
        objectName: "selectedNodeChoice"
        visible: form.flow.selectedNode !== ""
        text: qsTr("The selected node, %1").arg(form.flow.selectedNode)
        checked: form.flow.target === SandboxFlow.SelectedNode
        onClicked: form.flow.target = SandboxFlow.SelectedNode
    }
    RadioButton {
        objectName: "existingNodeChoice"
        visible: form.flow.nodes.length > 0
        text: qsTr("Another node")
        checked: form.flow.target === SandboxFlow.ExistingNode
        onClicked: form.flow.target = SandboxFlow.ExistingNode
    }
    ComboBox {
        objectName: "existingNode"
        visible: form.flow.target === SandboxFlow.ExistingNode
        Layout.leftMargin: 28
        Layout.fillWidth: true
        model: form.flow.nodes
        currentIndex: form.flow.nodes.indexOf(form.flow.existingNode)
        displayText: form.flow.existingNode
        Accessible.name: qsTr("Node of the application")
        onActivated: i => form.flow.existingNode = form.flow.nodes[i]
    }
    Label {
        objectName: "targetError"
        visible: form.flow.targetError !== ""
        text: form.flow.targetError
        color: Colors.error
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    CheckBox {
        objectName: "addToMenuCheck"
        text: qsTr("Add it to the desktop menu")
        checked: form.flow.addToMenu
        onToggled: form.flow.addToMenu = checked
    }
}
