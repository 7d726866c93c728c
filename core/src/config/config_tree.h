// SPDX-License-Identifier: Apache-2.0
// Config from an already parsed YAML tree, for callers in core/src that also need the tree
// (create.cpp edits the text around the `headers` entry) and must not parse twice.
#pragma once

#include "config/yaml/yaml_tree.h"
#include "redpak/base/diagnostic.h"
#include "redpak/config/config.h"

#include <string>
#include <vector>

namespace redpak::detail {

Config configFromTree(const YamlNode& root, const std::string& fileName,
                      std::vector<Diagnostic>* warnings);

} // namespace redpak::detail
