// SPDX-License-Identifier: Apache-2.0
// Canonical serialisation of an EffectiveConfig, the input of the effective digests of audit
// records (audit.h). Versioned: records carry the version their digest was computed with.
#pragma once

#include "redpak/merge.h"

#include <optional>
#include <string>

namespace redpak {

// 0: legacy (records without "effectiveDigestFormat"): SHA-256 of diff.h's canonicalText,
//    which follows the semantic diff's wording; kept only to verify those records.
// 1: SHA-256 of canonicalEffectiveV1.
inline constexpr int kEffectiveDigestFormat = 1;

// "redpak-effective-v1\n", then one line per value, sorted bytewise: every field of the
// EffectiveConfig except provenance, warnings and file identities (values decide a launch;
// where they were written is covered by the record's file digests). Strings are quoted with
// '\\', '"' and control bytes escaped; ordered lists (path, ldpath, family, cgroups) carry
// their index.
std::string canonicalEffectiveV1(const EffectiveConfig& config);

// The effective digest of `config` in digest format `format`; nullopt for an unknown format.
std::optional<std::string> effectiveDigestOf(const EffectiveConfig& config, int format);

} // namespace redpak
