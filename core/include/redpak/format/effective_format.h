// SPDX-License-Identifier: Apache-2.0
// The effective configuration and the bwrap plan as text (YAML, JSON).
#pragma once

#include "redpak/config/effective.h"
#include "redpak/launch/plan.h"

#include <string>

namespace redpak {

// The effective configuration with the provenance of every item and the warnings/errors, for
// `redconf mergeconfig` and the GUI: YAML (readable, also the default text) or JSON.
enum class EffectiveFormat { Yaml, Json };
std::string formatEffective(const EffectiveConfig& config, EffectiveFormat format);

// `--dump-format json`: the same plan as JSON, each option with the provenance of the
// effective item it comes from, plus the launcher's own steps.
std::string formatPlanJson(const BwrapPlan& plan, const EffectiveConfig& config,
                           const std::string& bwrapPath, const std::string& argv0);

} // namespace redpak
