// SPDX-License-Identifier: Apache-2.0
// Fuzz target for the config parser and validator (core/include/redpak/parser.h).
//
// Properties checked on every input, beyond "no crash, no leak, no UB":
// * parseConfig and validateConfigText agree on acceptance;
// * a refusal names the file it was given and a position inside the text;
// * an accepted config is written back (writer.h) to a text the parser accepts and that
//   gives the same model: what the GUI and the helper save is what they validated;
// * yamlScalar() quotes any accepted string so that it reads back unchanged.
#include "fuzz_common.h"
#include "fuzz_targets.h"
#include "redpak/config/parser.h"
#include "redpak/config/writer.h"

#include <optional>
#include <string>

namespace redpak::fuzz {
namespace {

void checkRoundTrip(const Config& config) {
    const std::string written = writeConfig(config);
    try {
        const Config reread = parseConfig(written, kSecondFile);
        if (!(reread == config)) {
            fuzzFailure("write -> parse changed the config", written);
        }
    } catch (const InputError& error) {
        fuzzFailure("the parser refuses what the writer wrote", error.what() + ("\n" + written));
    }
}

// A free-text header holding the fuzzed bytes, quoted by yamlScalar(), must read back as is.
void checkScalarQuoting(std::string_view text) {
    const std::string document = "headers:\n  alias: fuzz\n  info: " + yamlScalar(text) + "\n";
    ValidationResult result = validateConfigText(document, kSecondFile);
    if (result.ok() && result.config->headers.info && result.config->headers.info->value != text) {
        fuzzFailure("yamlScalar() does not read back unchanged", document);
    }
}

} // namespace

int fuzzParser(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);

    const ValidationResult validation = validateConfigText(text, kFirstFile);
    if (validation.error) {
        checkDiagnostic(*validation.error, kFirstFile, text);
    }

    std::optional<Config> parsed;
    try {
        parsed = parseConfig(text, kFirstFile);
    } catch (const InputError& error) {
        checkDiagnostic(error.diagnostic(), kFirstFile, text);
    }
    if (parsed.has_value() != validation.ok()) {
        fuzzFailure("parseConfig and validateConfigText disagree", text);
    }
    if (parsed) {
        if (!(*parsed == *validation.config)) {
            fuzzFailure("parseConfig and validateConfigText give different configs", text);
        }
        checkRoundTrip(*parsed);
    }
    checkScalarQuoting(text);
    return 0;
}

} // namespace redpak::fuzz

REDPAK_FUZZ_ENTRY(redpak::fuzz::fuzzParser)
