// SPDX-License-Identifier: Apache-2.0
// Core-internal: reading back the unknown-tag warnings of a merge (expand.h).
#pragma once

#include "redpak/base/diagnostic.h"

#include <optional>
#include <string>

namespace redpak {

// The tag an unknownTagMessage() warning names (`NAME`), nullopt for any other warning. An
// expanded text has lost its `\$` (a literal `$NAME` looks like a tag): what is unknown there is
// what its merge warned about.
std::optional<std::string> unknownTagOf(const Diagnostic& warning);

} // namespace redpak
