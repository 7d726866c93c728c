// SPDX-License-Identifier: Apache-2.0
#include "command.h"

#include "redpak/base/diagnostic.h"
#include "redpak/base/text_escape.h"

#include <algorithm>
#include <cstdio>
#include <exception>

namespace redconf {

namespace {

const Option* findOption(const Command& command, std::string_view name) {
    const auto it = std::find_if(command.options.begin(), command.options.end(),
                                 [name](const Option& option) { return option.name == name; });
    return it == command.options.end() ? nullptr : &*it;
}

} // namespace

Arguments::Arguments(const Command& command, const std::vector<std::string>& args) {
    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (optionsEnded || arg.size() < 2 || arg.compare(0, 1, "-") != 0) {
            m_operands.push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        if (arg == "--help" || arg == "-h") {
            m_help = true;
            continue;
        }
        const std::size_t equals = arg.find('=');
        const std::string name = arg.substr(0, equals);
        const Option* option = findOption(command, name);
        if (option == nullptr) {
            throw UsageError("unknown option '" + name + "'");
        }
        if (has(name)) {
            throw UsageError("option '" + name + "' given twice");
        }
        if (option->valueName.empty()) {
            if (equals != std::string::npos) {
                throw UsageError("option '" + name + "' takes no value");
            }
            m_options.emplace_back(name, std::nullopt);
        } else if (equals != std::string::npos) {
            m_options.emplace_back(name, arg.substr(equals + 1));
        } else if (i + 1 < args.size()) {
            m_options.emplace_back(name, args[++i]);
        } else {
            throw UsageError("option '" + name + "' needs a value (" +
                             std::string(option->valueName) + ")");
        }
    }
    if (m_help) {
        return;
    }
    if (m_operands.size() > command.maxOperands) {
        throw UsageError("unexpected argument '" + m_operands[command.maxOperands] + "'");
    }
    if (m_operands.size() < command.minOperands) {
        throw UsageError("missing " + std::string(command.operands));
    }
}

bool Arguments::has(std::string_view option) const {
    return std::any_of(m_options.begin(), m_options.end(),
                       [option](const auto& entry) { return entry.first == option; });
}

std::optional<std::string> Arguments::value(std::string_view option) const {
    for (const auto& [name, value] : m_options) {
        if (name == option) {
            return value;
        }
    }
    return std::nullopt;
}

std::string Arguments::directory(std::string_view option) const {
    const auto fromOption = value(option);
    if (fromOption && !m_operands.empty()) {
        throw UsageError("give the directory either with " + std::string(option) +
                         " or as an argument, not both");
    }
    if (fromOption) {
        return *fromOption;
    }
    if (m_operands.size() != 1) {
        throw UsageError("missing DIR");
    }
    return m_operands.front();
}

std::string usage(const Command& command) {
    std::string text = "usage: redconf " + std::string(command.name);
    for (const Option& option : command.options) {
        text += " [" + std::string(option.name);
        if (!option.valueName.empty()) {
            text += " " + std::string(option.valueName);
        }
        text += "]";
    }
    text += " " + std::string(command.operands) + "\n\n" + std::string(command.summary) + "\n";
    if (!command.options.empty()) {
        text += "\noptions:\n";
    }
    for (const Option& option : command.options) {
        std::string left = "  " + std::string(option.name);
        if (!option.valueName.empty()) {
            left += " " + std::string(option.valueName);
        }
        left.resize(std::max<std::size_t>(left.size() + 2, 24), ' ');
        text += left + std::string(option.help) + "\n";
    }
    std::string help = "  --help";
    help.resize(24, ' ');
    text += help + "show this help\n";
    return text;
}

int runCommand(const Command& command, const std::vector<std::string>& args) {
    try {
        const Arguments arguments(command, args);
        if (arguments.helpRequested()) {
            print(usage(command));
            return 0;
        }
        return command.run(arguments);
    } catch (const UsageError& error) {
        printError("redconf " + std::string(command.name) + ": " +
                   redpak::escapeText(error.what()) + "\nTry 'redconf " +
                   std::string(command.name) + " --help'.\n");
        return 2;
    } catch (const redpak::InputError& error) {
        printError("redconf: " + error.diagnostic().format() + "\n");
        return 1;
    } catch (const std::exception& error) {
        printError("redconf: " + redpak::escapeText(error.what()) + "\n");
        return 1;
    }
}

void print(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
}

void printError(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stderr);
}

} // namespace redconf
