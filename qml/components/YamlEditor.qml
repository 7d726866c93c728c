// SPDX-License-Identifier: Apache-2.0
// The raw YAML of the document with line numbers; the line the parser refuses is highlighted.
// Every edit goes to ConfigDocument (parsed live, undoable there). Numbers and highlight are
// placed where the text area lays its lines out (never from a font metric, which drifts from
// the layout on long files); long lines scroll horizontally.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

ScrollView {
    id: editor

    required property ConfigDocument document

    // Offset in the text of the start of 1-based `line` (the end of the text past the last).
    function lineStart(line) {
        let position = 0
        for (let i = 1; i < line; ++i) {
            const next = area.text.indexOf("\n", position)
            if (next < 0)
                return area.length
            position = next + 1
        }
        return position
    }

    // Moves the cursor to the start of 1-based `line`.
    function showLine(line) {
        area.cursorPosition = lineStart(line)
        area.forceActiveFocus()
    }

    clip: true
    ScrollBar.horizontal.policy: ScrollBar.AsNeeded

    TextArea {
        id: area
        objectName: "yamlText"

        // Top of the first line and distance between two lines, as laid out: in a monospace
        // text without wrapping every line has the same height. Measured again when the
        // layout changes (contentHeight).
        readonly property real firstLineY: contentHeight >= 0 ? positionToRectangle(0).y : 0
        readonly property real lineStep: {
            const lines = contentHeight >= 0 ? lineCount : 0
            if (lines < 2)
                return positionToRectangle(0).height
            const lastStart = text.lastIndexOf("\n") + 1
            return (positionToRectangle(lastStart).y - firstLineY) / (lines - 1)
        }

        text: editor.document.text
        font.family: "monospace"
        font.pixelSize: 13
        leftPadding: gutter.width + 8
        rightPadding: 8
        topPadding: 8
        wrapMode: TextEdit.NoWrap
        selectByMouse: true
        persistentSelection: true
        readOnly: editor.document.status !== ConfigDocument.Ready
        Accessible.name: qsTr("YAML text of %1").arg(editor.document.filePath)
        onTextChanged: if (text !== editor.document.text) editor.document.editText(text)

        // The document's undo stack holds every change (forms and text); the text area's own
        // history would only know the typing.
        Keys.onPressed: event => {
            if (event.matches(StandardKey.Undo)) {
                editor.document.undo()
                event.accepted = true
            } else if (event.matches(StandardKey.Redo)) {
                editor.document.redo()
                event.accepted = true
            }
        }

        Rectangle {
            objectName: "errorHighlight"
            visible: !editor.document.valid && editor.document.errorLine > 0
            x: gutter.width
            y: visible ? area.positionToRectangle(editor.lineStart(editor.document.errorLine)).y
                       : 0
            width: Math.max(area.width, area.contentWidth + area.leftPadding) - gutter.width
            height: area.lineStep
            color: Colors.errorLine
        }

        Rectangle {
            id: gutter
            width: Math.max(36, widest.implicitWidth + 14)
            height: Math.max(area.height, editor.height)
            color: palette.alternateBase
            Label {
                id: widest
                visible: false
                text: area.lineCount
                font: area.font
            }
            Repeater {
                objectName: "lineNumbers"
                model: area.lineCount
                Label {
                    required property int index
                    x: gutter.width - implicitWidth - 6
                    y: area.firstLineY + index * area.lineStep
                    text: index + 1
                    font: area.font
                    color: index + 1 === editor.document.errorLine && !editor.document.valid
                           ? Colors.error : palette.placeholderText
                }
            }
        }
    }
}
