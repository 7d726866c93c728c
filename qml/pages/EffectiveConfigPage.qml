// SPDX-License-Identifier: Apache-2.0
// The merged configuration of the selected node, item by item with where it comes from;
// selecting an item explains it in the "why" panel below.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Pane {
    id: page

    required property EffectiveConfigModel effective

    padding: 0

    // Shown over the (empty) page until a node is selected.
    Rectangle {
        anchors.fill: parent
        z: 1
        color: palette.window
        visible: page.effective.nodePath === ""
        Label {
            anchors.centerIn: parent
            width: parent.width - 40
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: palette.placeholderText
            text: qsTr("The merged configuration of the selected node, with the origin of every item, appears here.")
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 10
            spacing: 8
            Label {
                text: page.effective.family.join("  ›  ")
                elide: Text.ElideLeft
                Layout.fillWidth: true
                color: palette.placeholderText
            }
            Label { text: qsTr("Mode") }
            ComboBox {
                model: [qsTr("Normal"), qsTr("Admin")]
                currentIndex: page.effective.adminMode ? 1 : 0
                Accessible.name: qsTr("Merge mode")
                onActivated: i => page.effective.adminMode = (i === 1)
            }
        }

        MessageBanner {
            Layout.fillWidth: true
            tone: Colors.error
            visible: page.effective.status === EffectiveConfigModel.Failed
            text: page.effective.errorString
        }
        MessageBanner {
            Layout.fillWidth: true
            tone: Colors.error
            visible: page.effective.errors.length > 0
            text: qsTr("This node cannot be launched:") + "\n" + page.effective.errors.join("\n")
        }
        MessageBanner {
            id: warningsBanner
            property bool expanded: false
            Layout.fillWidth: true
            tone: Colors.warning
            visible: page.effective.warnings.length > 0
            text: expanded ? page.effective.warnings.join("\n")
                           : qsTr("%n merge warning(s): items marked ! were redefined by a child.", "",
                                  page.effective.warnings.length)
            actionText: expanded ? qsTr("Hide") : qsTr("Details")
            onActionTriggered: expanded = !expanded
        }

        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: Qt.Vertical

            ListView {
                id: list
                objectName: "effectiveList"
                SplitView.fillHeight: true
                SplitView.minimumHeight: 160
                clip: true
                model: page.effective
                currentIndex: -1
                keyNavigationEnabled: true
                activeFocusOnTab: true
                Accessible.name: qsTr("Effective configuration")
                section.property: "section"
                section.delegate: Pane {
                    id: heading
                    required property string section
                    width: ListView.view.width
                    padding: 6
                    leftPadding: 10
                    background: Rectangle { color: heading.palette.alternateBase }
                    Label {
                        text: heading.section
                        font.bold: true
                    }
                }
                delegate: EffectiveDelegate {
                    width: ListView.view.width
                    onClicked: {
                        list.currentIndex = index
                        list.forceActiveFocus()
                    }
                }
                ScrollBar.vertical: ScrollBar {}

                Label {
                    anchors.centerIn: parent
                    visible: list.count === 0 && page.effective.status === EffectiveConfigModel.Ready
                    text: qsTr("Nothing is set for this node.")
                    color: palette.placeholderText
                }
                Connections {
                    target: page.effective
                    function onModelAboutToBeReset() { list.currentIndex = -1 }
                    function onResultChanged() { list.showFirstWarning() }
                }
                Component.onCompleted: showFirstWarning()

                // Opening a node explains its first warning, if any.
                function showFirstWarning() {
                    currentIndex = page.effective.firstWarningRow
                    if (currentIndex >= 0)
                        positionViewAtIndex(currentIndex, ListView.Contain)
                }
            }

            WhyPanel {
                SplitView.preferredHeight: 250
                SplitView.minimumHeight: 120
                effective: page.effective
                row: list.currentIndex
            }
        }
    }
}
