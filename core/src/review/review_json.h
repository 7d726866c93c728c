// SPDX-License-Identifier: Apache-2.0
// JSON forms of diffs and findings, shared by the printers of diff, impact, audit and lint so
// that one item looks the same in every command's output.
#pragma once

#include "base/json.h"
#include "redpak/review/diff.h"
#include "redpak/review/findings.h"

namespace redpak::detail {

JsonValue diffToJson(const Diff& diff);
JsonValue findingToJson(const Finding& finding);
JsonValue findingsToJson(const std::vector<Finding>& findings);

} // namespace redpak::detail
