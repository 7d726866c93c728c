// SPDX-License-Identifier: Apache-2.0
// redconf: rednode configuration tool (merge-and-launch.md §4). This file only dispatches; each
// command lives in cmd_<name>.cpp and defines `const redconf::Command k<Name>Command`.
#include "command.h"

#include <cstdio>
#include <string>
#include <vector>

// The command table: one line per command, in the order `redconf --help` lists them.
#define REDCONF_COMMANDS(X)                                                                        \
    X(kCreateCommand)                                                                              \
    X(kTreeCommand)                                                                                \
    X(kConfigCommand)                                                                              \
    X(kMergeConfigCommand)                                                                         \
    X(kDiffCommand)                                                                                \
    X(kImpactCommand)                                                                              \
    X(kAuditCommand)                                                                               \
    X(kLintCommand)                                                                                \
    X(kVerifyCommand)                                                                              \
    X(kAppCommand)                                                                                 \
    X(kWhyCommand)

namespace redconf {
#define REDCONF_DECLARE(command) extern const Command command;
REDCONF_COMMANDS(REDCONF_DECLARE)
#undef REDCONF_DECLARE
} // namespace redconf

namespace {

#define REDCONF_ENTRY(command) &redconf::command,
const redconf::Command* const kCommands[] = {REDCONF_COMMANDS(REDCONF_ENTRY)};
#undef REDCONF_ENTRY

std::string globalUsage() {
    std::string text = "usage: redconf COMMAND [OPTIONS] ...\n\n"
                       "Creates and inspects rednodes (REDPAK light containers).\n\n"
                       "commands:\n";
    for (const redconf::Command* command : kCommands) {
        std::string name = "  " + std::string(command->name);
        name.resize(16, ' ');
        text += name + std::string(command->summary) + "\n";
    }
    text += "\n'redconf COMMAND --help' describes a command.\n";
    return text;
}

} // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    if (args.empty()) {
        redconf::printError(globalUsage());
        return 2;
    }
    if (args.front() == "--help" || args.front() == "-h" || args.front() == "help") {
        redconf::print(globalUsage());
        return 0;
    }
    for (const redconf::Command* command : kCommands) {
        if (command->name == args.front()) {
            return redconf::runCommand(*command, {args.begin() + 1, args.end()});
        }
    }
    redconf::printError("redconf: unknown command '" + args.front() + "'\nTry 'redconf --help'.\n");
    return 2;
}
