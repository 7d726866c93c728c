// SPDX-License-Identifier: Apache-2.0
// Text field for a configuration value: shows the start of long values (paths, tags) when it
// does not have the focus, and selects with the mouse.
import QtQuick
import QtQuick.Controls

TextField {
    selectByMouse: true
    // Setting the text moves the cursor to its end; bring the start back into view.
    onTextChanged: if (!activeFocus) cursorPosition = 0
    onActiveFocusChanged: if (!activeFocus) cursorPosition = 0
    Component.onCompleted: cursorPosition = 0
    ToolTip.visible: hovered && !activeFocus && contentWidth > width && text !== ""
    ToolTip.text: text
    ToolTip.delay: 600
}
