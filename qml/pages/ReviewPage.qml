// SPDX-License-Identifier: Apache-2.0
// Review before a save: every change the edited file makes to the node and to the nodes below
// it, widening changes first, with the score change and the merge errors it would create. The
// page only shows `review` (a ReviewModel) and forwards the decision.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

Page {
    id: page

    required property ReviewModel review
    // The decision buttons, for the pages that review something else than a save.
    property string confirmText: review.newErrors.length > 0
                                 ? qsTr("Save with %n merge error(s)", "", review.newErrors.length)
                                 : review.wideningCount > 0
                                   ? qsTr("Save with %n widening change(s)", "", review.wideningCount)
                                   : qsTr("Save")
    property bool confirmEnabled: true
    property string cancelText: qsTr("Back to editing")

    signal saveRequested()
    signal cancelled()

    function directionText(direction) {
        switch (direction) {
        case ReviewModel.Widening: return qsTr("widening")
        case ReviewModel.Narrowing: return qsTr("narrowing")
        }
        return qsTr("neutral")
    }
    function kindText(kind) {
        switch (kind) {
        case ReviewModel.Added: return qsTr("added")
        case ReviewModel.Removed: return qsTr("removed")
        }
        return qsTr("modified")
    }

    header: ColumnLayout {
        spacing: 6

        Label {
            Layout.fillWidth: true
            Layout.margins: 10
            Layout.bottomMargin: 0
            font.bold: true
            wrapMode: Text.Wrap
            objectName: "reviewSummary"
            // A merge error is what matters most: the node would not launch any more.
            text: page.review.status !== ReviewModel.Ready ? ""
                  : (page.review.newErrors.length > 0
                     ? qsTr("%n merge error(s): the node cannot be launched after this change. ", "",
                            page.review.newErrors.length) : "")
                    + qsTr("%1 widening, %2 narrowing, %3 neutral in %n node(s)", "", page.review.changedNodes)
                        .arg(page.review.wideningCount).arg(page.review.narrowingCount)
                        .arg(page.review.neutralCount)
        }
        Label {
            objectName: "scoreChange"
            Layout.leftMargin: 10
            visible: page.review.scoreBefore !== ""
            color: page.review.scoreRises ? Colors.scoreRises : palette.windowText
            text: (page.review.adminMode ? qsTr("Exposure score in admin mode: %1 → %2")
                                         : qsTr("Exposure score: %1 → %2"))
                  .arg(page.review.scoreBefore).arg(page.review.scoreAfter)
        }
        Label {
            objectName: "adminModeNote"
            Layout.fillWidth: true
            Layout.leftMargin: 10
            Layout.rightMargin: 10
            wrapMode: Text.Wrap
            visible: page.review.status === ReviewModel.Ready && page.review.adminMode
            color: palette.placeholderText
            text: qsTr("Admin file: nodes are compared as launched in admin mode (redwrap --admin), the only mode that reads admin files.")
        }
        MessageBanner {
            Layout.fillWidth: true
            tone: Colors.error
            visible: page.review.status === ReviewModel.Failed
            text: page.review.errorString
        }
        MessageBanner {
            Layout.fillWidth: true
            tone: Colors.error
            visible: page.review.newErrors.length > 0
            text: qsTr("After this change these nodes could not be launched any more:") + "\n"
                  + page.review.newErrors.join("\n")
        }
        MessageBanner {
            Layout.fillWidth: true
            tone: Colors.warning
            objectName: "newWarningsBanner"
            // A node made from a template redefines many of its parent's items: the first
            // warnings only, so that the changes stay in sight, the rest on demand.
            property bool showAll: false
            readonly property int shown: showAll ? page.review.newWarnings.length : 3
            visible: page.review.newWarnings.length > 0
            text: qsTr("New merge warnings:") + "\n" + page.review.newWarnings.slice(0, shown).join("\n")
            actionText: page.review.newWarnings.length <= 3 ? ""
                        : showAll ? qsTr("Show fewer")
                                  : qsTr("Show all %1").arg(page.review.newWarnings.length)
            onActionTriggered: showAll = !showAll
        }
        Label {
            Layout.margins: 10
            visible: page.review.status === ReviewModel.Ready && page.review.changedNodes === 0
            text: qsTr("This change does not change what any node can do.")
        }
    }

    ListView {
        id: list
        objectName: "reviewList"
        anchors.fill: parent
        clip: true
        model: page.review
        activeFocusOnTab: true
        Accessible.name: qsTr("Changes, widening first")
        ScrollBar.vertical: ScrollBar {}

        delegate: ItemDelegate {
            id: row
            required property string node
            required property string alias
            required property int depth
            required property string item
            required property int changeDirection
            required property int changeKind
            required property string before
            required property string after
            required property string reason
            required property string scoreChange

            width: ListView.view.width
            Accessible.name: page.directionText(changeDirection) + ", " + alias + ", " + item + ": " + reason

            contentItem: RowLayout {
                spacing: 8
                Badge {
                    text: page.directionText(row.changeDirection)
                    tone: Colors.direction(row.changeDirection)
                    Layout.alignment: Qt.AlignTop
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        elide: Text.ElideMiddle
                        font.bold: true
                        text: qsTr("%1 — %2 (%3)").arg(row.alias).arg(row.item).arg(page.kindText(row.changeKind))
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: (row.before !== "" ? row.before : "–") + "  →  " + (row.after !== "" ? row.after : "–")
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        color: palette.placeholderText
                        text: row.reason
                    }
                    Label {
                        visible: row.scoreChange !== ""
                        color: palette.placeholderText
                        text: qsTr("Score of %1: %2").arg(row.alias).arg(row.scoreChange)
                    }
                }
            }
            ToolTip.visible: hovered
            ToolTip.text: row.node
            ToolTip.delay: 600
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "reviewSaveButton"
            text: page.confirmText
            enabled: page.review.status === ReviewModel.Ready && page.confirmEnabled
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            objectName: "reviewCancelButton"
            text: page.cancelText
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        onAccepted: page.saveRequested()
        onRejected: page.cancelled()
    }
}
