// SPDX-License-Identifier: Apache-2.0
// The JSON form of findings, shared by the printers of lint and impact so that one finding looks
// the same in every command's output.
#pragma once

#include "base/json.h"
#include "redpak/review/findings.h"

#include <vector>

namespace redpak::detail {

JsonValue findingToJson(const Finding& finding);
JsonValue findingsToJson(const std::vector<Finding>& findings);

} // namespace redpak::detail
