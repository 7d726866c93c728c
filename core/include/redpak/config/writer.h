// SPDX-License-Identifier: Apache-2.0
// Serialising the typed model back to YAML (canonical form).
//
// parseConfig(writeConfig(c)) == c for every valid Config (positions aside), with the
// canonical key spelling of the spec (`headers`, `die-with-parent`, `share_net`, modes as
// `Restricted`, `PublicFile`...). Comments are NOT kept: yaml-cpp's event API does not report
// them, so a config rewritten from the model loses them. Callers that must keep a user's
// comments edit the text instead (see create.h, which replaces only the `headers` block).
// Limits of the `cgroups` map are grouped by controller, in order of first appearance.
#pragma once

#include "redpak/config/config.h"
#include "redpak/config/status.h"

#include <string>
#include <string_view>

namespace redpak {

std::string writeConfig(const Config& config);

// The `headers:` block alone (used to rewrite the headers of a file and keep the rest).
std::string writeHeaders(const Headers& headers);

// A status file (.rednode.yaml).
std::string writeStatus(const NodeStatus& status);

// A YAML scalar for `text`: plain when unambiguous, otherwise double-quoted with escapes.
std::string yamlScalar(std::string_view text);

} // namespace redpak
