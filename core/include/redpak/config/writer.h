// SPDX-License-Identifier: Apache-2.0
// Serialising the typed model back to YAML (canonical form).
//
// parseConfig(writeConfig(c)) == c for every valid Config (positions aside), with the
// canonical key spelling of the spec (`headers`, `die-with-parent`, `share_net`, modes as
// `Restricted`, `PublicFile`...). The model holds no comments (yaml-cpp's event API does not
// report them): writeConfigKeepingComments carries those of the text the model was edited from.
// Limits of the `cgroups` map are grouped by controller, in order of first appearance.
#pragma once

#include "redpak/config/config.h"
#include "redpak/config/status.h"

#include <string>
#include <string_view>

namespace redpak {

std::string writeConfig(const Config& config);

// writeConfig(config) with the comments of `previousText` (the text `config` was edited from)
// carried to the lines holding the same key or item; a comment whose key is gone goes before
// the next one still there. The canonical text alone when `previousText` does not parse or
// the result would not read back as `config`.
std::string writeConfigKeepingComments(const Config& config, std::string_view previousText);

// The `headers:` block alone (used to rewrite the headers of a file and keep the rest).
std::string writeHeaders(const Headers& headers);

// A status file (.rednode.yaml).
std::string writeStatus(const NodeStatus& status);

// A YAML scalar for `text`: plain when unambiguous, otherwise double-quoted with escapes.
std::string yamlScalar(std::string_view text);

} // namespace redpak
