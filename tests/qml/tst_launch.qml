// SPDX-License-Identifier: Apache-2.0
// Launch page with the fake launcher: launch, output, stop, exit status, dry run.
import QtQuick
import QtTest
import RedPak.Manager

Item {
    width: 520
    height: 800

    LaunchPage {
        id: page
        anchors.fill: parent
        session: testSession
    }

    TestCase {
        name: "Launch"
        when: windowShown

        function test_launchFlow() {
            testSession.currentNode = testTree.apps
            const command = findChild(page, "commandField")
            compare(command.text, testSession.launches.defaultCommand)
            command.text = "echo hello"
            mouseClick(findChild(page, "launchButton"))
            verify(fakeLauncher.startCount() >= 1)
            compare(fakeLauncher.lastCommand(), "echo hello")
            const id = fakeLauncher.lastId()
            fakeLauncher.playStarted(id)
            fakeLauncher.playOutput(id, "hello\n")
            tryVerify(() => findChild(page, "outputText").text === "hello\n")
            const stop = findChild(page, "stopButton")
            verify(stop && stop.visible)
            mouseClick(stop)
            fakeLauncher.playFinished(id, 143)
            tryCompare(findChild(page, "launchStatus"), "text", "killed by signal 15")
            compare(testSession.launches.runningCount, 0)
        }

        function test_dryRun() {
            testSession.currentNode = testTree.browser
            const launchesBefore = fakeLauncher.startCount()
            mouseClick(findChild(page, "dryRunButton"))
            tryVerify(() => findChild(page, "dryRunText").text.indexOf("--ro-bind /usr /usr") >= 0)
            compare(fakeLauncher.startCount(), launchesBefore) // nothing was launched
        }
    }
}
