// SPDX-License-Identifier: Apache-2.0
#include "redpak/base/diagnostic.h"

#include "redpak/base/text_escape.h"

#include <utility>

namespace redpak {

std::string Diagnostic::format() const {
    // Paths and messages quote configurations and file names: escaped, so that printing a
    // diagnostic never sends a control sequence to a terminal or a log.
    std::string out;
    if (!file.empty()) {
        out += escapeText(file);
        out += ':';
    }
    if (line > 0) {
        out += std::to_string(line);
        out += ':';
        if (column > 0) {
            out += std::to_string(column);
            out += ':';
        }
    }
    if (!out.empty()) {
        out += ' ';
    }
    out += escapeText(message);
    return out;
}

InputError::InputError(Diagnostic diagnostic)
    : std::runtime_error(diagnostic.format()), m_diagnostic(std::move(diagnostic)) {}

void failInput(const std::string& file, const std::string& message) {
    throw InputError(Diagnostic{file, 0, 0, message});
}

} // namespace redpak
