// SPDX-License-Identifier: Apache-2.0
// The two halves of a verify launch around the launch itself, shared by `redconf verify` and
// the GUI's Verify view so both check the same thing: before, the node built as redwrap builds
// it, the launcher's context read from this process, the expectations and the probe's command
// line; after, the probe's report compared and the node's findings set against it. Launching
// (redwrap, the probe as its command) is the caller's.
#pragma once

#include "redpak/merge/merge.h"
#include "redpak/review/verify.h"

#include <string>
#include <string_view>
#include <vector>

namespace redpak {

struct VerifyPreparation {
    EffectiveConfig effective;
    BwrapPlan plan;
    VerifyContext context;
    std::vector<VerifyCheck> checks; // expectations, not compared yet
    std::vector<Finding> findings;   // analyzeNode of the same merge
    // The probe as the node sees it, then its arguments: the command to give redwrap.
    std::vector<std::string> probeCommand;
};

// Merges the node at `dir` in `mode` (commands run, as redwrap does) and plans its launch with
// this process as the launcher. Throws InputError when the node cannot be built or when no
// export of the node holds `probe` (a host path).
VerifyPreparation prepareVerify(const std::string& dir, MergeMode mode, const std::string& probe);

struct VerifyResult {
    std::vector<VerifyCheck> checks;
    std::vector<CheckedFinding> findings;
};

// Compares the probe's standard output with the expectations. Throws InputError when it is
// not a probe report.
VerifyResult completeVerify(VerifyPreparation prepared, std::string_view probeOutput);

} // namespace redpak
