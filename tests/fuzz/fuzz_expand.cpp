// SPDX-License-Identifier: Apache-2.0
// Fuzz target for expansion (core/include/redpak/expand.h); no command is ever executed.
//
// The input is the text to expand; after kPairSeparator comes the text used for the node
// tags (alias, info). The text is expanded three times, with commands refused (the helper's
// policy), kept (viewers) and "allowed" through a recording runner that executes nothing.
// Properties beyond "no crash, no leak, no UB":
// * a refusal names the file of the origin and carries a message;
// * when the refusing expansion succeeds, the text holds no command: the allowing
//   expansion calls the runner zero times and gives the same text, and so does keep;
// * when it refuses, the allowing expansion either fails too or met a command.
#include "fuzz_common.h"
#include "fuzz_targets.h"
#include "redpak/merge/expand.h"

#include <cctype>
#include <optional>
#include <string>

namespace redpak::fuzz {
namespace {

// Pretends to run commands: records the call and returns a fixed output.
class RecordingRunner final : public CommandRunner {
public:
    std::string run(const std::string& command, const TextOrigin&) override {
        ++calls;
        return "ran[" + command.substr(0, 8) + "]\n";
    }
    int calls = 0;
};

std::optional<std::string> fixedEnvironment(const std::string& name) {
    if (name == "HOME") {
        return std::string("/home/fuzz");
    }
    return std::nullopt;
}

// $UUID gives a fresh value at each use, so outputs holding it cannot be compared.
bool usesFreshValues(std::string_view text) {
    for (std::size_t i = 0; i + 4 < text.size(); ++i) {
        if (text[i] != '$') {
            continue;
        }
        std::size_t end = i + 1;
        while (end < text.size() &&
               (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_')) {
            ++end;
        }
        std::string name(text.substr(i + 1, end - i - 1));
        for (char& c : name) {
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        if (name == "UUID") {
            return true;
        }
    }
    return false;
}

std::optional<std::string> expandOrNothing(const Expander& expander, std::string_view text,
                                           const NodeTags& defining, const NodeTags& leaf,
                                           const TextOrigin& origin) {
    try {
        return expander.expand(text, defining, leaf, origin);
    } catch (const InputError& error) {
        if (error.diagnostic().file != origin.file || error.diagnostic().message.empty()) {
            fuzzFailure("expansion refusal does not name the file", error.what());
        }
        return std::nullopt;
    }
}

} // namespace

int fuzzExpand(const std::uint8_t* data, std::size_t size) {
    const auto [text, tagText] = splitPair(asText(data, size));
    const NodeTags defining{std::string(tagText), "name-1", "/fuzz/root", std::string(tagText)};
    const NodeTags leaf{"leaf", "name-2", "/fuzz/root/leaf", "leaf info"};
    const TextOrigin origin{kFirstFile, SourcePos{3, 7}};

    const Expander refusing(CommandPolicy::refuse(), fixedEnvironment);
    RecordingRunner runner;
    const Expander allowing(CommandPolicy::allow(runner), fixedEnvironment);
    const Expander keeping(CommandPolicy::keep(), fixedEnvironment);

    const auto refused = expandOrNothing(refusing, text, defining, leaf, origin);
    const auto allowed = expandOrNothing(allowing, text, defining, leaf, origin);
    const auto kept = expandOrNothing(keeping, text, defining, leaf, origin);

    if (refused) {
        if (!allowed || runner.calls != 0) {
            fuzzFailure("text without commands ran a command when allowed", text);
        }
        if (!kept) {
            fuzzFailure("text without commands refused when commands are kept", text);
        }
        if (!usesFreshValues(text) && (*allowed != *refused || *kept != *refused)) {
            fuzzFailure("the command policy changed a text without commands", text);
        }
    } else if (allowed && runner.calls == 0) {
        fuzzFailure("refused a text that holds no command", text);
    }
    return 0;
}

} // namespace redpak::fuzz

REDPAK_FUZZ_ENTRY(redpak::fuzz::fuzzExpand)
