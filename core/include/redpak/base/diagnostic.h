// SPDX-License-Identifier: Apache-2.0
// Errors and warnings about user input, always pointing at a file and a position.
#pragma once

#include <stdexcept>
#include <string>

namespace redpak {

struct Diagnostic {
    std::string file;    // path as given by the caller; empty when not from a file
    int line = 0;        // 1-based, 0 when unknown
    int column = 0;      // 1-based, 0 when unknown
    std::string message; // what is wrong and what was expected, in English

    // "FILE:LINE:COLUMN: MESSAGE" (position parts omitted when unknown), file and message
    // escaped for a terminal (text_escape.h).
    std::string format() const;
};

// Thrown for input the program refuses (invalid config, missing node, hostile file...).
class InputError : public std::runtime_error {
public:
    explicit InputError(Diagnostic diagnostic);
    const Diagnostic& diagnostic() const { return m_diagnostic; }

private:
    Diagnostic m_diagnostic;
};

// Throws InputError about `file` as a whole (no position).
[[noreturn]] void failInput(const std::string& file, const std::string& message);

} // namespace redpak
