// SPDX-License-Identifier: Apache-2.0
// A small YAML document tree with source positions, built from yaml-cpp *events*.
//
// Going through YAML::EventHandler (not YAML::Node) lets us refuse hostile constructs as soon
// as the parser meets them, before anything is expanded or allocated for them: anchors and
// aliases (no billion laughs), explicit tags, duplicate keys (compared without case, since the
// spec's keys are case-insensitive), keys that are not scalars, nesting deeper than the limit,
// and more than one document. This header is private to core/src: yaml-cpp never leaks out.
#pragma once

#include "redpak/config/config.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak::detail {

struct YamlEntry;

struct YamlNode {
    enum class Kind { Null, Scalar, Sequence, Map };

    Kind kind = Kind::Null;
    SourcePos pos{};
    std::string text;               // Scalar only
    std::vector<YamlNode> items;    // Sequence only
    std::vector<YamlEntry> entries; // Map only, in file order
    bool flowStyle = false;         // Map/Sequence written as {...} / [...]
};

struct YamlEntry {
    std::string key;
    SourcePos keyPos{};
    YamlNode value;
};

std::string_view describe(YamlNode::Kind kind); // "a map", "a sequence", ...

// Parses one YAML document after checking the text limits (size, NUL, UTF-8). An empty text
// gives a Null node. Throws InputError. Reads with readBlockSubset when it can, with yaml-cpp
// otherwise: both give the same tree for every text the first one accepts.
YamlNode parseYaml(std::string_view text, const std::string& fileName);

// The two readers behind parseYaml, without the text checks (tests compare them).
//
// readYamlCpp: full YAML through yaml-cpp events; refuses hostile constructs (anchors, aliases,
// tags, directives, a second document, unterminated quotes). Throws InputError.
YamlNode readYamlCpp(std::string_view text, const std::string& fileName);
// readBlockSubset: the block-style subset configurations are written in (block maps and
// sequences, one-line plain, quoted and flow values, comments), read directly: yaml-cpp's
// scanner dominates redwrap's start-up. Anything outside the subset, or wrong, gives nullopt and
// never an error, so that yaml-cpp reads the text and reports exactly what it finds.
std::optional<YamlNode> readBlockSubset(std::string_view text, const std::string& fileName);

} // namespace redpak::detail
