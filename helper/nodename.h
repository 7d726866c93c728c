// SPDX-License-Identifier: Apache-2.0
// A node as callers name it: "ROOT/REL/PATH", ROOT being the label of a node root of
// helper.conf. Callers never give paths; a name that parses contains nothing but
// alias-syntax components, so it cannot climb ("..") nor smuggle separators or NUL.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace redpak::helper {

inline constexpr std::size_t kMaxNameBytes = 4096;
inline constexpr std::size_t kMaxNameComponents = 32;

struct NodeName {
    std::string root;                    // label of the node root
    std::vector<std::string> components; // below the root, possibly empty (the root itself)

    // Parses and validates; throws HelperError(InvalidName) naming what is wrong.
    static NodeName parse(std::string_view text);

    std::string text() const; // "ROOT/REL/PATH"
    std::string leaf() const; // last component (the root label for the root itself)
    bool isRoot() const { return components.empty(); }
    NodeName parent() const; // precondition: !isRoot()
};

} // namespace redpak::helper
