// SPDX-License-Identifier: Apache-2.0
// Conventions of the review commands (diff, impact, audit, lint), made for CI: exit 0 when
// there is nothing to report, 1 when something reaches `--fail-on SEVERITY` (default
// warning), 2 for a usage or input error (a file that cannot be read or parsed).
#pragma once

#include "command.h"
#include "redpak/base/diagnostic.h"
#include "redpak/review/findings.h"

#include <optional>

namespace redconf::review {

inline constexpr int kNothingToReport = 0;
inline constexpr int kReported = 1;
inline constexpr int kInputError = 2;

inline constexpr Option kJsonOption{"--json", "", "JSON output"};
inline constexpr Option kFailOnOption{
    "--fail-on", "SEVERITY", "exit 1 from this severity on: info, warning (default), error"};

inline redpak::Severity failOn(const Arguments& args) {
    const std::optional<std::string> text = args.value("--fail-on");
    if (!text) {
        return redpak::Severity::Warning;
    }
    const std::optional<redpak::Severity> severity = redpak::severityFromString(*text);
    if (!severity) {
        throw UsageError("--fail-on takes info, warning or error, not '" + *text + "'");
    }
    return *severity;
}

inline int exitStatus(std::optional<redpak::Severity> highest, redpak::Severity threshold) {
    return highest && static_cast<int>(*highest) >= static_cast<int>(threshold) ? kReported
                                                                                : kNothingToReport;
}

// Runs `body`; a refused input is exit 2 here (not 1 as in the other commands): 1 means
// "reported", and CI must tell a finding from a broken file.
template <typename Body> int guarded(Body&& body) {
    try {
        return body();
    } catch (const redpak::InputError& error) {
        printError("redconf: " + error.diagnostic().format() + "\n");
        return kInputError;
    }
}

} // namespace redconf::review
