// SPDX-License-Identifier: Apache-2.0
// Field-level validation without a second rule set: one item is written alone into a minimal
// config by the core writer (or, for a typed-in scalar, into a one-key YAML text) and parsed
// by the core parser. The parser's message is then shown next to the field that caused it.
#pragma once

#include "redpak/config/config.h"

#include <QString>
#include <functional>
#include <optional>

namespace redpak::gui {

// The parser's message for a config holding only what `fill` puts in, or an empty string.
QString checkFragment(const std::function<void(Config&)>& fill);

// Parses `config: {key: text}` with the core parser: the typed section, or the message.
struct ScalarParse {
    std::optional<ConfigSection> section;
    QString error;
};
ScalarParse parseConfigScalar(const QString& key, const QString& text);

// Core's warnings about the unknown `$TAGS` of a config holding only what `fill` puts in (a
// typo expands to an empty string), checked against this process's environment; one per line,
// or an empty string.
QString unknownTagsOf(const std::function<void(Config&)>& fill);

} // namespace redpak::gui
