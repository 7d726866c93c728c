// SPDX-License-Identifier: Apache-2.0
// The one normal form of a mount point. The parser (duplicates in one file), the merge (exports
// of several files at one mount point), explain and diff must agree on when two spellings name
// the same mount, so they all use this function.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace redpak {

// "/a//b/./c/." -> "/a/b/c" (component-wise normal form used for mount points and comparisons,
// spec §2: `//`, `/./`, a trailing `/` or `/.`). `..` is kept as written.
inline std::string normalizeMountPath(std::string_view path) {
    if (path.empty()) {
        return {};
    }
    const bool absolute = path.front() == '/';
    std::string out;
    out.reserve(path.size());
    std::size_t at = 0;
    while (at < path.size()) {
        const std::size_t end = std::min(path.find('/', at), path.size());
        const std::string_view part = path.substr(at, end - at);
        if (!part.empty() && part != ".") {
            if (!out.empty() || absolute) {
                out.push_back('/');
            }
            out.append(part);
        }
        at = end + 1;
    }
    if (out.empty()) {
        return absolute ? "/" : ".";
    }
    return out;
}

} // namespace redpak
