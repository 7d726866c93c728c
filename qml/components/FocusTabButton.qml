// SPDX-License-Identifier: Apache-2.0
// A tab with a visible keyboard focus.
import QtQuick
import QtQuick.Controls

TabButton {
    FocusFrame {}
}
