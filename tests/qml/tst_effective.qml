// SPDX-License-Identifier: Apache-2.0
// Effective view: items with their source, and the "why" chain of one item.
import QtQuick
import QtTest
import RedPak.Models
import RedPak.Manager

Item {
    width: 520
    height: 800

    EffectiveConfigPage {
        id: page
        anchors.fill: parent
        effective: testSession.effective
    }

    TestCase {
        name: "EffectiveView"
        when: windowShown

        function rowOf(item) {
            const model = testSession.effective
            for (let row = 0; row < model.rowCount(); ++row) {
                if (model.data(model.index(row, 0), EffectiveConfigModel.ItemRole) === item)
                    return row
            }
            return -1
        }

        function test_whyShowsTheChain() {
            testSession.currentNode = testTree.browser
            tryCompare(testSession.effective, "status", EffectiveConfigModel.Ready)
            const list = findChild(page, "effectiveList")
            const row = rowOf("PS1")
            verify(row >= 0)
            list.positionViewAtIndex(row, ListView.Center)
            let item = null
            tryVerify(() => (item = list.itemAtIndex(row)) !== null)
            compare(item.sourceAlias, "browser")
            verify(item.warning !== "")
            mouseClick(item)
            compare(list.currentIndex, row)
            const why = findChild(page, "whyList")
            tryCompare(why, "count", 3)
            verify(findChild(page, "whyTitle").text.indexOf("PS1") >= 0)
        }

        function test_adminMode() {
            testSession.currentNode = testTree.apps
            testSession.effective.adminMode = true
            compare(testSession.effective.status, EffectiveConfigModel.Ready)
            testSession.effective.adminMode = false
        }
    }
}
