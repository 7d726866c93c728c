// SPDX-License-Identifier: Apache-2.0
#include "redpak/review/review_merge.h"

#include "redpak/merge/expand.h"

namespace redpak {

EffectiveConfig mergeForReview(const std::vector<FamilyMember>& family, MergeMode mode) {
    // Reviewing a configuration must never run it: commands stay as `$(command)`. Launch
    // values (`$UUID`, `$PID`, `$TODAY`) stay symbolic so that the expansion is a function of
    // the files alone: both sides of every diff, impact and audit comparison go through here,
    // and an unchanged file must never show as changed (a fresh UUID per expansion did).
    return mergeFamily(family, MergeOptions{mode, &reviewExpander()});
}

const Expander& reviewExpander() {
    static const Expander expander(CommandPolicy::keep(), processEnvironment(),
                                   LaunchValues::Symbolic);
    return expander;
}

} // namespace redpak
