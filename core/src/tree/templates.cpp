// SPDX-License-Identifier: Apache-2.0
#include "redpak/tree/templates.h"

#include "tree/embedded_templates.h"

#include <algorithm>

namespace redpak {

namespace {

constexpr std::string_view kAdminSuffix = "-admin.yaml";
constexpr std::string_view kNormalSuffix = ".yaml";

std::optional<std::string_view> embedded(std::string_view fileName) {
    for (const detail::EmbeddedFile& file : detail::embeddedTemplateFiles()) {
        if (file.name == fileName) {
            return file.content;
        }
    }
    return std::nullopt;
}

} // namespace

std::vector<std::string> templateNames() {
    std::vector<std::string> names;
    for (const detail::EmbeddedFile& file : detail::embeddedTemplateFiles()) {
        if (file.name.ends_with(kAdminSuffix)) {
            names.emplace_back(file.name.substr(0, file.name.size() - kAdminSuffix.size()));
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::optional<Template> findTemplate(std::string_view name) {
    const auto normal = embedded(std::string(name) + std::string(kNormalSuffix));
    const auto admin = embedded(std::string(name) + std::string(kAdminSuffix));
    if (name.empty() || !normal || !admin) {
        return std::nullopt;
    }
    return Template{std::string(name), *normal, *admin};
}

std::string templateForApplication(bool graphical) {
    if (graphical && findTemplate(kGraphicalTemplate)) {
        return std::string(kGraphicalTemplate);
    }
    return std::string(kDefaultTemplate);
}

} // namespace redpak
