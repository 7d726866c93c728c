// SPDX-License-Identifier: Apache-2.0
// The YAML editor on a long file: the line the parser reports is the line highlighted, every
// gutter number sits beside its text line down to the last, and long lines scroll.
import QtQuick
import QtQuick.Controls
import QtTest
import RedPak.Models
import RedPak.Manager

Item {
    width: 600
    height: 500

    YamlEditor {
        id: editor
        anchors.fill: parent
        document: testSession.normalDocument
    }

    TestCase {
        name: "YamlEditor"
        when: windowShown

        readonly property int badLine: 150
        readonly property int lineCount: 200

        // `lineCount` lines: environ entries of two lines each, an invalid variable name at
        // `badLine`.
        function longText() {
            let lines = ["headers:", "  alias: browser", "environ:"]
            while (lines.length < lineCount) {
                const n = lines.length
                lines.push(n + 1 === badLine ? "  - key: 1BAD" : "  - key: VAR" + n)
                lines.push("    value: v" + n)
            }
            return lines.slice(0, lineCount).join("\n")
        }

        function area() { return findChild(editor, "yamlText") }
        function lineY(line) { return area().positionToRectangle(editor.lineStart(line)).y }
        function numberLabel(line) { return findChild(editor, "lineNumbers").itemAt(line - 1) }
        function numberY(line) { return numberLabel(line).mapToItem(area(), 0, 0).y }

        function init() {
            testSession.currentNode = testTree.browser
            tryCompare(testSession.normalDocument, "status", ConfigDocument.Ready)
            testSession.normalDocument.revert()
        }

        function test_errorHighlightIsOnTheReportedLine() {
            area().text = longText()
            const document = testSession.normalDocument
            verify(!document.valid)
            compare(document.errorLine, badLine)
            compare(area().lineCount, lineCount)
            const highlight = findChild(editor, "errorHighlight")
            tryCompare(highlight, "visible", true)
            fuzzyCompare(highlight.y, lineY(badLine), 0.5)
            // The highlight covers that line and not its neighbours.
            verify(highlight.y + highlight.height <= lineY(badLine + 1) + 0.5)
            verify(highlight.y >= lineY(badLine - 1) + area().lineStep - 0.5)
        }

        function test_gutterNumbersFollowTheTextLines_data() {
            return [1, 2, 100, 149, 150, 151, 199, 200].map(line => ({ tag: "line " + line, line: line }))
        }

        function test_gutterNumbersFollowTheTextLines(data) {
            area().text = longText()
            compare(numberLabel(data.line).text, String(data.line))
            fuzzyCompare(numberY(data.line), lineY(data.line), 0.5)
        }

        function test_longLinesScroll() {
            area().text = "headers:\n  alias: browser\n# " + "x".repeat(600) + "\n"
            const flickable = editor.contentItem
            tryVerify(() => flickable.contentWidth > flickable.width)
            verify(editor.ScrollBar.horizontal.size < 1)
            editor.ScrollBar.horizontal.position = 0.5
            tryVerify(() => flickable.contentX > 0)
        }
    }
}
