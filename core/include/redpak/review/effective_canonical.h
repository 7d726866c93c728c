// SPDX-License-Identifier: Apache-2.0
// Canonical serialisation of an EffectiveConfig, the input of the effective digests of audit
// records (launch/audit_record.h). Versioned: records carry the version their digest was computed
// with.
#pragma once

#include "redpak/config/effective.h"
#include "redpak/launch/audit_record.h"

#include <optional>
#include <string>

namespace redpak {

// "redpak-effective-v1\n", then one line per value, sorted bytewise: every field of the
// EffectiveConfig except provenance, warnings and file identities (values decide a launch;
// where they were written is covered by the record's file digests). Strings are quoted with
// '\\', '"' and control bytes escaped; ordered lists (path, ldpath, family, cgroups) carry
// their index.
std::string canonicalEffectiveV1(const EffectiveConfig& config);

// The effective digest of `config` in digest format `format`; nullopt for an unknown format.
std::optional<std::string> effectiveDigestOf(const EffectiveConfig& config, int format);

} // namespace redpak
