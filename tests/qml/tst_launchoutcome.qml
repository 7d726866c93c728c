// SPDX-License-Identifier: Apache-2.0
// Exit badges coloured by outcome, with the last lines of the error output under a launch that
// failed: a program that reports its failure on stderr and exits 0 (xterm as root: "Cannot
// chown /dev/pts/0") is not shown as "exited with status 0".
import QtQuick
import QtTest
import RedPak.Models
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
        name: "LaunchOutcome"
        when: windowShown

        function init() {
            testSession.currentNode = testTree.apps
            testSession.launches.clearFinished()
        }

        function test_outcome_data() {
            return [
                { tag: "success", output: "done\n", errors: "", status: 0,
                  outcome: LaunchModel.Succeeded, tone: Colors.running,
                  statusText: "exited with status 0", lines: "" },
                { tag: "prompt only", output: "", errors: "$ $ ", status: 0,
                  outcome: LaunchModel.Succeeded, tone: Colors.running,
                  statusText: "exited with status 0", lines: "" },
                { tag: "status 0 after errors", output: "",
                  errors: "xterm: Cannot chown /dev/pts/0 to 0,5: Invalid argument\n", status: 0,
                  outcome: LaunchModel.SucceededWithErrors, tone: Colors.warning,
                  statusText: "ended with error messages (status 0)",
                  lines: "xterm: Cannot chown /dev/pts/0 to 0,5: Invalid argument" },
                { tag: "failure", output: "starting\n", errors: "one\ntwo\nthree\nfour\nfive\nsix\n",
                  status: 3, outcome: LaunchModel.Failed, tone: Colors.error,
                  statusText: "exited with status 3", lines: "two\nthree\nfour\nfive\nsix" },
                { tag: "failure without error output", output: "a\nlast words\n", errors: "",
                  status: 1, outcome: LaunchModel.Failed, tone: Colors.error,
                  statusText: "exited with status 1", lines: "a\nlast words" },
                { tag: "signal", output: "", errors: "", status: 137,
                  outcome: LaunchModel.Signalled, tone: Colors.signalled,
                  statusText: "killed by signal 9", lines: "" }
            ]
        }

        // The delegate of `row` once the list shows the launch it is for.
        function rowItem(row, statusText) {
            const list = findChild(page, "launchList")
            tryVerify(() => list.itemAtIndex(row) !== null
                      && findChild(list.itemAtIndex(row), "launchStatus").text === statusText)
            return list.itemAtIndex(row)
        }

        function test_outcome(data) {
            const launches = testSession.launches
            const row = launches.launch(testTree.apps, "/bin/program", false)
            const id = fakeLauncher.lastId()
            fakeLauncher.playStarted(id)
            const running = findChild(rowItem(row, "running"), "launchStatus")
            verify(Qt.colorEqual(running.tone, Colors.launchOutcome(LaunchModel.InProgress)))
            if (data.output !== "")
                fakeLauncher.playOutput(id, data.output)
            if (data.errors !== "")
                fakeLauncher.playErrorOutput(id, data.errors)
            fakeLauncher.playFinished(id, data.status)
            const index = launches.index(row, 0)
            compare(launches.data(index, LaunchModel.OutcomeRole), data.outcome)
            const item = rowItem(row, data.statusText)
            const badge = findChild(item, "launchStatus")
            verify(Qt.colorEqual(badge.tone, data.tone), badge.tone + " " + data.tone)
            const lines = findChild(item, "launchErrorLines")
            compare(lines.visible, data.lines !== "")
            compare(lines.text, data.lines)
            // The error output is part of the output shown.
            if (data.errors !== "")
                verify(launches.data(index, LaunchModel.OutputRole).indexOf(data.errors) >= 0)
        }

        function test_failedToStart() {
            const row = testSession.launches.launch(testTree.apps, "/bin/sh -c 'unclosed", false)
            const status = testSession.launches.data(testSession.launches.index(row, 0),
                                                     LaunchModel.StatusTextRole)
            verify(status.indexOf("failed to start") === 0, status)
            const badge = findChild(rowItem(row, status), "launchStatus")
            verify(Qt.colorEqual(badge.tone, Colors.failedToStart))
            // Four outcomes, four colours.
            const tones = [Colors.running, Colors.error, Colors.signalled, Colors.failedToStart]
            for (let i = 0; i < tones.length; ++i)
                for (let j = i + 1; j < tones.length; ++j)
                    verify(!Qt.colorEqual(tones[i], tones[j]))
        }
    }
}
