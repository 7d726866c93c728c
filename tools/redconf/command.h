// SPDX-License-Identifier: Apache-2.0
// What every redconf command shares: its description (name, one-line help, options), strict
// argument parsing and the error/exit-code conventions (0 success, 1 refused input with
// "redconf: FILE:LINE:COL: message", 2 usage error).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace redconf {

struct Option {
    std::string_view name;      // "--alias"
    std::string_view valueName; // "A"; empty for a flag
    std::string_view help;
};

class Arguments;

struct Command {
    std::string_view name;
    std::string_view summary;  // one line, shown by `redconf --help`
    std::string_view operands; // e.g. "DIR", shown after the options in the usage line
    std::vector<Option> options;
    std::size_t minOperands = 0;
    std::size_t maxOperands = 0;
    int (*run)(const Arguments&);
};

// Thrown for bad command lines (exit status 2).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Parsed command line of one command: `--flag`, `--option VALUE`, `--option=VALUE`,
// operands; `--` ends the options.
class Arguments {
public:
    Arguments(const Command& command, const std::vector<std::string>& args);

    bool has(std::string_view option) const;
    std::optional<std::string> value(std::string_view option) const;
    const std::vector<std::string>& operands() const { return m_operands; }
    bool helpRequested() const { return m_help; }

    // The directory given either as `option DIR` or as the single operand (not both).
    std::string directory(std::string_view option) const;

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> m_options;
    std::vector<std::string> m_operands;
    bool m_help = false;
};

// Usage text of one command (for `redconf CMD --help`).
std::string usage(const Command& command);

// Parses, runs and reports errors the common way; returns the exit status.
int runCommand(const Command& command, const std::vector<std::string>& args);

// Small output helpers (stdio: no iostream start-up cost).
void print(std::string_view text);
void printError(std::string_view text);

} // namespace redconf
