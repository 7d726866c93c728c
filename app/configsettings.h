// SPDX-License-Identifier: Apache-2.0
// The scalar keys of the `config` map (core's schema table) as the form's rows: spec spelling,
// form group, value kind, and typed access to the ConfigSection member. Shared by the settings form
// and the "why" view so that both name and read keys the same way.
#pragma once

#include "redpak/config/schema.h"

#include <QString>
#include <functional>
#include <optional>
#include <vector>

namespace redpak::gui {

struct SettingDefinition {
    QString key;       // "share_net", "die-with-parent", ...
    const char* group; // untranslated group title (context "SettingsModel")
    QString kind;      // "text", "integer", "bool", "edu", "share"
    std::function<std::optional<QString>(const ConfigSection&)> value; // as written
    std::function<int(const ConfigSection&)> line;
    std::function<void(ConfigSection& to, const ConfigSection& from)> copy;
    std::function<void(ConfigSection&)> clear;
    // A share whose value is the path of a namespace to join (ShareValue::joins()).
    std::function<bool(const ConfigSection&)> joins = [](const ConfigSection&) { return false; };
};

// A value as the YAML file spells it (core's valueText: umask in octal, EDU and share values
// by name).
template <typename T> QString shownValue(const T& value) {
    return QString::fromStdString(redpak::valueText(value));
}

// Every scalar key, in form order.
const std::vector<SettingDefinition>& configSettings();

// The definition for `key`, or nullptr.
const SettingDefinition* findSetting(const QString& key);

} // namespace redpak::gui
