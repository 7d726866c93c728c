// SPDX-License-Identifier: Apache-2.0
// Files embedded at build time by core/cmake/EmbedTemplates.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace redpak::detail {

struct EmbeddedFile {
    std::string_view name; // file name, e.g. "leaf-admin.yaml"
    std::string_view content;
};

const std::vector<EmbeddedFile>& embeddedTemplateFiles();

} // namespace redpak::detail
