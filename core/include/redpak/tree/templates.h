// SPDX-License-Identifier: Apache-2.0
// Built-in node templates (resources/templates/NAME.yaml and NAME-admin.yaml), embedded in
// the library at build time and also installed to share/redpak/templates.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

struct Template {
    std::string name;        // "root", "leaf", "full"
    std::string_view normal; // text of etc/redpak.yaml
    std::string_view admin;  // text of etc/redpak-admin.yaml
};

inline constexpr std::string_view kDefaultTemplate = "leaf";
// The preset a graphical application (a desktop entry with Terminal=false) is sandboxed with.
inline constexpr std::string_view kGraphicalTemplate = "x11";

// The template to propose for a new node of an application: kGraphicalTemplate for a
// graphical one when it is built in, else kDefaultTemplate.
std::string templateForApplication(bool graphical);

// Names of the built-in templates, sorted.
std::vector<std::string> templateNames();

// The template called `name` (exact, lower case), or nullopt.
std::optional<Template> findTemplate(std::string_view name);

} // namespace redpak
