// SPDX-License-Identifier: Apache-2.0
// Line diffs of texts, for the drift of audited files.
#pragma once

#include <string>
#include <string_view>

namespace redpak {

// Line diff of two texts in unified format (3 lines of context), "" when they are equal.
std::string unifiedDiff(std::string_view before, std::string_view after,
                        const std::string& beforeLabel, const std::string& afterLabel);

} // namespace redpak
