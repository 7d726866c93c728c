// SPDX-License-Identifier: Apache-2.0
// The fuzz targets of tests/fuzz, one per file fuzz_<name>.cpp (see fuzz_common.h).
#pragma once

#include <cstddef>
#include <cstdint>

namespace redpak::fuzz {

// Parser and validator: refusals name the file, the two entry points agree, and every
// accepted config survives write -> parse unchanged.
int fuzzParser(const std::uint8_t* data, std::size_t size);

// Parse two configs, merge them in the five layouts of the conformance cases, in normal and
// admin mode, build the bwrap plan and its dump text (nothing is executed).
int fuzzMerge(const std::uint8_t* data, std::size_t size);

// Expansion with commands refused, kept, and recorded (never executed).
int fuzzExpand(const std::uint8_t* data, std::size_t size);

// Semantic diff of two configs and of their effective configurations: identity,
// antisymmetry, ordering, agreement with the canonical text.
int fuzzDiff(const std::uint8_t* data, std::size_t size);

// The block-subset YAML reader against yaml-cpp: same tree for every text it accepts.
int fuzzYamlSubset(const std::uint8_t* data, std::size_t size);

} // namespace redpak::fuzz
