// SPDX-License-Identifier: Apache-2.0
// The trees opened lately, most recent first: a click opens one again (RecentTrees drops a
// tree that is gone). Usable as a popup or as an "Open Recent" submenu.
import QtQuick
import QtQuick.Controls
import RedPak.Models

Menu {
    id: menu

    required property RecentTrees recentTrees

    title: qsTr("Open Recent")
    enabled: recentTrees.paths.length > 0

    Instantiator {
        model: menu.recentTrees.paths
        delegate: MenuItem {
            required property string modelData
            objectName: "recentTree"
            text: modelData
            onTriggered: menu.recentTrees.open(modelData)
        }
        onObjectAdded: (index, object) => menu.insertItem(index, object)
        onObjectRemoved: (index, object) => menu.removeItem(object)
    }
    MenuSeparator {}
    MenuItem {
        text: qsTr("Clear the list")
        onTriggered: menu.recentTrees.clear()
    }
}
