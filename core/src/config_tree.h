// SPDX-License-Identifier: Apache-2.0
// Config from an already parsed YAML tree, for callers in core/src that also need the tree
// (create.cpp edits the text around the `headers` entry) and must not parse twice.
#pragma once

#include "redpak/config.h"
#include "redpak/diagnostic.h"
#include "yaml_tree.h"

#include <string>
#include <vector>

namespace redpak::detail {

Config configFromTree(const YamlNode& root, const std::string& fileName,
                      std::vector<Diagnostic>* warnings);

} // namespace redpak::detail
