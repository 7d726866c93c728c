// SPDX-License-Identifier: Apache-2.0
#include "redpak/diagnostic.h"

#include <utility>

namespace redpak {

std::string Diagnostic::format() const {
    std::string out;
    if (!file.empty()) {
        out += file;
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
    out += message;
    return out;
}

InputError::InputError(Diagnostic diagnostic)
    : std::runtime_error(diagnostic.format()), m_diagnostic(std::move(diagnostic)) {}

} // namespace redpak
