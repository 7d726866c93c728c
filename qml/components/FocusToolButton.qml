// SPDX-License-Identifier: Apache-2.0
// A tool bar button with a visible keyboard focus.
import QtQuick
import QtQuick.Controls

ToolButton {
    FocusFrame {}
}
