// SPDX-License-Identifier: Apache-2.0
// Verify page on a user node: the real redpak-probe runs through the fake launcher, which
// sandboxes nothing (a stand-in for a launcher that drops every isolation). The identity the
// node gets is the launcher's, so that group passes; the node's own network namespace is
// missing, so that check fails and shows what was expected and what was seen. A launcher that
// does not launch from this process (the helper) gets the explanation instead. As root with
// bwrap, the same page verifies through the real redwrap and bwrap, and every check passes.
import QtQuick
import QtTest
import RedPak.Models
import RedPak.Manager

Item {
    width: 560
    height: 900

    VerifyPage {
        id: page
        anchors.fill: parent
        session: testSession
    }

    Loader {
        id: realPage
        active: realVerify !== null
        anchors.fill: parent
        visible: false
        sourceComponent: VerifyPage {
            session: testSession
            verify: realVerify
        }
    }

    TestCase {
        name: "Verify"
        when: windowShown

        function init() {
            tryVerify(() => !testSession.verify.busy, 60000)
            fakeLauncher.setCaptures(true)
            fakeLauncher.setCaptureProgram(probeProgram)
            // Any path below /usr, which the root template exports: the fake runs probeProgram.
            testSession.verify.probePath = "/usr/libexec/redpak/redpak-probe"
        }

        function rowOf(list, subject) {
            for (let i = 0; i < list.count; ++i) {
                list.positionViewAtIndex(i, ListView.Contain)
                const item = list.itemAtIndex(i)
                if (item && item.subject === subject)
                    return item
            }
            return null
        }

        function headerOf(list, title) {
            for (let i = 0; i < list.contentItem.children.length; ++i) {
                const child = list.contentItem.children[i]
                if (child.objectName === "checkGroup" && child.section === title)
                    return child
            }
            return null
        }

        function test_userNode() {
            testSession.currentNode = testTree.platform
            mouseClick(findChild(page, "verifyButton"))
            verify(testSession.verify.busy)
            tryCompare(testSession.verify, "status", VerifyModel.Done, 60000)
            const list = findChild(page, "checkList")
            verify(list.count > 10)
            verify(testSession.verify.failedCount > 0)

            // A passing group: identity is the launcher's own.
            verify(testSession.verify.groupPassed("Identity"))
            list.positionViewAtBeginning()
            const uid = rowOf(list, "uid")
            verify(uid !== null)
            verify(!findChild(uid, "checkMismatch").visible)
            const identity = headerOf(list, "Identity")
            verify(identity !== null)
            compare(findChild(identity, "groupOutcome").text, "all passed")

            // A failing check with what was expected and what was seen.
            verify(!testSession.verify.groupPassed("Namespaces"))
            list.positionViewAtBeginning()
            const net = rowOf(list, "net")
            verify(net !== null)
            compare(net.outcome, VerifyModel.Fail)
            verify(net.provenance.indexOf("redpak.yaml") >= 0 || net.provenance === "default")
            const mismatch = findChild(net, "checkMismatch")
            verify(mismatch.visible)
            compare(mismatch.text, "expected unshared, seen shared")
            // The probe ran as the node's command, at its path inside the node.
            compare(fakeLauncher.lastCaptureCommand().split(" ")[0],
                    "/usr/libexec/redpak/redpak-probe")
        }

        function test_realLaunch() {
            if (realVerify === null)
                skip("needs root and /usr/bin/bwrap: the probe is placed below /usr/local/libexec")
            testSession.currentNode = testTree.platform
            // The page is hidden under the other one: its button is pressed, not clicked at.
            const button = findChild(realPage.item, "verifyButton")
            verify(button.enabled)
            button.clicked()
            tryVerify(() => realVerify.status !== VerifyModel.Preparing
                            && realVerify.status !== VerifyModel.Running, 60000)
            compare(realVerify.errorText, "")
            compare(realVerify.status, VerifyModel.Done)
            compare(realVerify.failedCount, 0)
            verify(realVerify.groupPassed("Namespaces"))
            verify(realVerify.groupPassed("Mounts"))
            const net = rowOf(findChild(realPage.item, "checkList"), "net")
            verify(net !== null)
            compare(net.outcome, VerifyModel.Pass)
            verify(!findChild(net, "checkMismatch").visible)
        }

        function test_systemNodeExplains() {
            fakeLauncher.setCaptures(false)
            testSession.currentNode = testTree.apps
            mouseClick(findChild(page, "verifyButton"))
            compare(testSession.verify.status, VerifyModel.Unsupported)
            const banner = findChild(page, "verifyUnsupported")
            verify(banner.visible)
            verify(banner.text.indexOf("sudo redconf verify --redpath " + testTree.apps) >= 0)
            compare(findChild(page, "checkList").count, 0)
        }
    }
}
