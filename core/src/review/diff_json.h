// SPDX-License-Identifier: Apache-2.0
// The JSON form of a diff, shared by the printers of diff, impact and audit so that one change
// looks the same in every command's output.
#pragma once

#include "base/json.h"
#include "redpak/review/diff.h"

namespace redpak::detail {

JsonValue diffToJson(const Diff& diff);

} // namespace redpak::detail
