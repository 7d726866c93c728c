// SPDX-License-Identifier: Apache-2.0
// The palette of redpak-manager, colours by meaning: every colour the QML uses that is not the
// style's (`palette.*`) comes from here, and so do the mappings from the models' enums to a
// colour. Named Colors because QtQuick already has a type named Palette (the style's).
pragma Singleton
import QtQuick
import RedPak.Models

QtObject {
    // Tones of badges, banners and messages.
    readonly property color error: "#c62828"
    readonly property color warning: "#b26a00"
    readonly property color info: "#1565c0"
    readonly property color running: "#2e7d32"
    readonly property color neutral: "#616161"
    // Launches killed by a signal, and launches that never started.
    readonly property color signalled: "#6a1b9a"
    readonly property color failedToStart: "#4e342e"
    // Text drawn on a tone (badges).
    readonly property color onTone: "#ffffff"
    // A value that comes from an admin file.
    readonly property color adminSource: info
    // Unsaved edits.
    readonly property color modified: warning
    // A score that rises with the change under review.
    readonly property color scoreRises: error
    // The line of a parse error in the YAML editor, behind the text.
    readonly property color errorLine: tint(error, 0.2)

    // `tone` made transparent (banner backgrounds and borders).
    function tint(tone, alpha) {
        return Qt.rgba(tone.r, tone.g, tone.b, alpha)
    }
    // FindingsModel.Level
    function severity(level) {
        switch (level) {
        case FindingsModel.Error: return error
        case FindingsModel.Warning: return warning
        }
        return info
    }
    // ReviewModel.ChangeDirection: what a change does to the sandbox.
    function direction(changeDirection) {
        switch (changeDirection) {
        case ReviewModel.Widening: return error
        case ReviewModel.Narrowing: return running
        }
        return neutral
    }
    // AuditController.State
    function auditState(state) {
        switch (state) {
        case AuditController.Approved: return running
        case AuditController.NotAudited: return neutral
        }
        return error
    }
    // LaunchModel.Outcome: how a launch went.
    function launchOutcome(outcome) {
        switch (outcome) {
        case LaunchModel.InProgress: return info
        case LaunchModel.Succeeded: return running
        case LaunchModel.SucceededWithErrors: return warning
        case LaunchModel.Failed: return error
        case LaunchModel.Signalled: return signalled
        }
        return failedToStart
    }
    // VerifyModel.Outcome
    function verifyOutcome(outcome) {
        switch (outcome) {
        case VerifyModel.Pass: return running
        case VerifyModel.Fail: return error
        }
        return neutral
    }
}
