// SPDX-License-Identifier: Apache-2.0
// The raw YAML of the document with line numbers; the line the parser refuses is highlighted.
// Every edit goes to ConfigDocument (parsed live, undoable there).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RedPak.Models
import RedPak.Manager

ScrollView {
    id: editor

    required property ConfigDocument document

    // Moves the cursor to the start of 1-based `line`.
    function showLine(line) {
        const lines = area.text.split("\n")
        let position = 0
        for (let i = 0; i < line - 1 && i < lines.length; ++i)
            position += lines[i].length + 1
        area.cursorPosition = position
        area.forceActiveFocus()
    }

    clip: true

    TextArea {
        id: area
        objectName: "yamlText"

        readonly property real lineHeight: fontMetrics.lineSpacing

        text: editor.document.text
        font.family: "monospace"
        font.pixelSize: 13
        leftPadding: gutter.width + 8
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

        FontMetrics {
            id: fontMetrics
            font: area.font
        }

        Rectangle {
            visible: !editor.document.valid && editor.document.errorLine > 0
            x: gutter.width
            y: area.topPadding + (editor.document.errorLine - 1) * area.lineHeight
            width: Math.max(area.width, editor.width) - gutter.width
            height: area.lineHeight
            color: Colors.errorLine
        }

        Rectangle {
            id: gutter
            width: Math.max(36, lineNumbers.implicitWidth + 14)
            height: Math.max(area.height, editor.height)
            color: palette.alternateBase
            Column {
                id: lineNumbers
                x: gutter.width - width - 6
                y: area.topPadding
                Repeater {
                    model: area.lineCount
                    Label {
                        required property int index
                        height: area.lineHeight
                        text: index + 1
                        font: area.font
                        color: index + 1 === editor.document.errorLine && !editor.document.valid
                               ? Colors.error : palette.placeholderText
                    }
                }
            }
        }
    }
}
