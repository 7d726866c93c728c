// SPDX-License-Identifier: Apache-2.0
// Config editor: forms and YAML stay in sync, the parser's error is shown with its line,
// unsaved changes are flagged, undo restores.
import QtQuick
import QtTest
import RedPak.Models
import RedPak.Manager

Item {
    width: 700
    height: 800

    ConfigEditorPage {
        id: page
        anchors.fill: parent
        session: testSession
    }

    TestCase {
        name: "ConfigEditor"
        when: windowShown

        function document() { return testSession.normalDocument }

        function init() {
            testSession.currentNode = testTree.browser
            tryCompare(document(), "status", ConfigDocument.Ready)
            document().revert()
            findChild(page, "editTabs").currentIndex = 0
        }

        function test_formEditRegeneratesYaml() {
            verify(!document().modified)
            const add = findChild(page, "addExportButton")
            verify(add)
            mouseClick(add)
            verify(document().modified)
            verify(document().valid)
            verify(document().text.indexOf("/new/mount/point") >= 0)
            findChild(page, "editTabs").currentIndex = 1
            const yaml = findChild(page, "yamlText")
            compare(yaml.text, document().text)
            document().undo()
            verify(!document().modified)
            verify(yaml.text.indexOf("/new/mount/point") < 0)
        }

        function test_yamlErrorPointsAtTheLine() {
            findChild(page, "editTabs").currentIndex = 1
            const yaml = findChild(page, "yamlText")
            yaml.text = "headers:\n  alias: browser\nconfig:\n  share_net: sometimes\n"
            compare(document().text, yaml.text)
            verify(!document().valid)
            const banner = findChild(page, "parseErrorBanner")
            tryCompare(banner, "visible", true)
            verify(banner.text.indexOf(qsTr("Line %1").arg(document().errorLine)) === 0, banner.text)
            compare(document().errorLine, 4)
            verify(!document().formEditable)
            yaml.text = "headers:\n  alias: browser\nconfig:\n  share_net: enabled\n"
            verify(document().valid)
            tryCompare(banner, "visible", false)
            verify(document().formEditable)
        }

        function test_adminTabEditsTheAdminFile() {
            const tabs = findChild(page, "fileTabs")
            tabs.currentIndex = 1
            compare(page.document, testSession.adminDocument)
            tryCompare(testSession.adminDocument, "status", ConfigDocument.Ready)
            verify(!testSession.adminDocument.fileExists)
            tabs.currentIndex = 0
            compare(page.document, testSession.normalDocument)
        }
    }
}
