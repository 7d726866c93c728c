// SPDX-License-Identifier: Apache-2.0
// Applications page with the fake launcher: sandbox a command, launch it in one click, see it
// running, stop it, put it in the menu (a temporary XDG_DATA_HOME) and remove it.
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

        function addCommand(name, command) {
            mouseClick(findChild(page, "sandboxApplicationButton"))
            const kinds = findChild(page, "sandboxKinds")
            tryVerify(() => kinds.visible)
            kinds.currentIndex = 1
            findChild(page, "applicationName").text = name
            findChild(page, "applicationCommand").text = command
            mouseClick(findChild(page, "addApplicationButton"))
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
            tryVerify(() => testSession.applications.error.indexOf("quote is not closed") >= 0)
            compare(list.count, before)
            findChild(page, "sandboxDialog").close()
        }
    }
}
