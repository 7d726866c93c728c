// SPDX-License-Identifier: Apache-2.0
// The one merge of the review layer.
#pragma once

#include "redpak/merge/merge.h"

#include <vector>

namespace redpak {

// The merge every review computation (diff, impact, audit, findings) uses: expansion with
// commands kept (never run) and launch values symbolic (expand.h, LaunchValues::Symbolic), so
// that merging the same files twice always gives the same effective configuration.
EffectiveConfig mergeForReview(const std::vector<FamilyMember>& family, MergeMode mode);

// The expander of mergeForReview, for the merges a TreeIndex makes for the review layer.
const Expander& reviewExpander();

} // namespace redpak
