// SPDX-License-Identifier: Apache-2.0
// Fuzz target for the block-subset YAML reader (core/src/yaml_block_reader.cpp): on every
// input it accepts, it must build exactly the tree yaml-cpp builds (values, positions, styles).
// Beyond "no crash, no leak, no UB", a disagreement aborts with both readings named.
#include "fuzz_common.h"
#include "fuzz_targets.h"
#include "yaml_subset_check.h"

namespace redpak::fuzz {

int fuzzYamlSubset(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = asText(data, size);
    const SubsetComparison comparison = compareSubsetWithYamlCpp(text);
    if (!comparison.failure.empty()) {
        fuzzFailure("the subset reader and yaml-cpp disagree",
                    comparison.failure + "\n" + std::string(text));
    }
    return 0;
}

} // namespace redpak::fuzz

REDPAK_FUZZ_ENTRY(redpak::fuzz::fuzzYamlSubset)
