// SPDX-License-Identifier: Apache-2.0
// Files changed by another program reach the views without Refresh: a parent's config changed
// on disk updates the child's effective configuration and tree badge (and keeps the text being
// edited), an approval made with the CLI updates the audit status, and the dry run's plan never
// outlives its node.
import QtQuick
import QtTest
import RedPak.Models
import RedPak.Manager

TestCase {
    name: "FileWatching"

    readonly property string appsConfig: testTree.apps + "/etc/redpak.yaml"

    function treeData(path, role) {
        const tree = testSession.tree
        return tree.data(tree.indexForPath(path), role)
    }

    function init() {
        tryCompare(testSession.tree, "inspecting", false)
    }

    function test_parentChangedOnDisk_data() {
        return [
            { tag: "replaced (rename)", inPlace: false },
            { tag: "written in place", inPlace: true }
        ]
    }

    function test_parentChangedOnDisk(data) {
        testSession.currentNode = testTree.browser
        const document = testSession.normalDocument
        tryCompare(document, "status", ConfigDocument.Ready)
        const typed = document.text + "# typed, not saved\n"
        document.editText(typed)
        compare(testSession.effective.errors.length, 0)
        compare(treeData(testTree.browser, NodeTreeModel.ErrorCountRole), 0)

        // platform (root template) disables share_ipc: enabling it in apps is a merge error of
        // apps and of every node below it.
        const original = testFiles.read(appsConfig)
        const conflicting = original.replace("config:\n", "config:\n  share_ipc: enabled\n")
        verify(conflicting !== original)
        verify(data.inPlace ? testFiles.writeInPlace(appsConfig, conflicting)
                            : testFiles.replace(appsConfig, conflicting))
        tryVerify(() => testSession.effective.errors.length > 0, 5000,
                  "the effective view of the child shows the parent's conflict")
        verify(testSession.effective.errors[0].indexOf("ipc") >= 0, testSession.effective.errors[0])
        tryVerify(() => treeData(testTree.browser, NodeTreeModel.ErrorCountRole) > 0, 5000,
                  "the child's badge counts the error")
        compare(document.text, typed) // the unsaved text stays
        verify(document.modified)

        verify(testFiles.replace(appsConfig, original))
        tryCompare(testSession.effective.errors, "length", 0, 5000)
        tryVerify(() => treeData(testTree.browser, NodeTreeModel.ErrorCountRole) === 0, 5000)
        document.revert()
    }

    function test_approvalMadeWithTheCli() {
        testSession.currentNode = testTree.apps
        tryCompare(testSession.audit, "state", AuditController.NotAudited)
        verify(testFiles.approve(testTree.apps))
        tryCompare(testSession.audit, "state", AuditController.Approved, 5000)
    }

    function test_dryRunBelongsToItsNode() {
        testSession.currentNode = testTree.browser
        const launches = testSession.launches
        launches.dryRun(testTree.browser, "/bin/true", false)
        tryVerify(() => launches.dryRunText !== "")
        compare(launches.dryRunNode, testTree.browser)
        testSession.currentNode = testTree.apps
        compare(launches.dryRunText, "")
        compare(launches.dryRunNode, "")
        // A plan still on its way when the node changes is dropped.
        launches.dryRun(testTree.apps, "/bin/true", false)
        testSession.currentNode = testTree.browser
        wait(0) // delivers the fake launcher's queued reply
        compare(launches.dryRunText, "")
    }
}
