// SPDX-License-Identifier: Apache-2.0
// Applications page with the fake launcher: sandbox a command in the selected node, launch it
// in one click, see it running, stop it, put it in the menu (a temporary XDG_DATA_HOME) and
// remove it.
import QtQuick
import QtTest
import RedPak.Manager

Item {
    width: 640
    height: 700

    ApplicationsPage {
        id: page
        anchors.fill: parent
        session: testSession
    }

    TestCase {
        name: "Applications"
        when: windowShown

        // The command tab, Next, the selected node, then the confirmation after the review.
        function addCommand(name, command) {
            mouseClick(findChild(page, "sandboxApplicationButton"))
            const dialog = findChild(page, "sandboxDialog")
            tryCompare(dialog, "opened", true)
            const kinds = findChild(dialog, "sandboxKinds")
            kinds.currentIndex = 1
            findChild(dialog, "applicationName").text = name
            findChild(dialog, "applicationCommand").text = command
            mouseClick(findChild(dialog, "nextButton"))
            waitForRendering(dialog.contentItem)
            mouseClick(findChild(dialog, "selectedNodeChoice"))
            const confirm = findChild(dialog, "reviewSaveButton")
            tryCompare(confirm, "enabled", true)
            waitForRendering(dialog.contentItem)
            mouseClick(confirm)
        }

        function test_sandboxLaunchStopMenuRemove() {
            testSession.currentNode = testTree.browser
            verify(findChild(page, "noApplications").visible)
            addCommand("Hello", "sh -c 'echo \"hello world\"'")
            const list = findChild(page, "applicationList")
            tryCompare(list, "count", 1)
            compare(testSession.applications.error, "")

            const launch = findChild(page, "launchApplicationButton")
            compare(launch.text, "Launch")
            const before = fakeLauncher.startCount()
            mouseClick(launch)
            compare(fakeLauncher.startCount(), before + 1)
            compare(fakeLauncher.lastApplication(), "hello")
            fakeLauncher.playStarted(fakeLauncher.lastId())
            tryCompare(launch, "text", "Stop")
            mouseClick(launch)
            fakeLauncher.playFinished(fakeLauncher.lastId(), 0)
            tryCompare(launch, "text", "Launch")

            mouseClick(findChild(page, "inMenuCheck"))
            // The model reads the entry back from the menu directory: the new row says so.
            tryVerify(() => findChild(page, "inMenuCheck").checked)
            compare(testSession.applications.error, "")

            mouseClick(findChild(page, "removeApplicationButton"))
            tryCompare(list, "count", 0)
        }

        function test_badCommandIsRefusedWithTheReason() {
            testSession.currentNode = testTree.browser
            const list = findChild(page, "applicationList")
            const before = list.count
            addCommand("Broken", "sh -c 'unclosed")
            tryVerify(() => testSession.sandbox.errorString.indexOf("quote is not closed") >= 0)
            compare(list.count, before)
            findChild(page, "sandboxDialog").close()
        }
    }
}
