// SPDX-License-Identifier: Apache-2.0
#include "nodename.h"

#include "helpererror.h"
#include "redpak/config/config.h"

namespace redpak::helper {

NodeName NodeName::parse(std::string_view text) {
    auto invalid = [](const std::string& why) { throw HelperError(ErrorKind::InvalidName, why); };
    if (text.empty()) {
        invalid("empty node name");
    }
    if (text.size() > kMaxNameBytes) {
        invalid("node name longer than " + std::to_string(kMaxNameBytes) + " bytes");
    }
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = text.find('/', start);
        const std::string_view part = text.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (parts.size() == kMaxNameComponents + 1) {
            invalid("node name has more than " + std::to_string(kMaxNameComponents) +
                    " components below its root");
        }
        // isValidAlias admits only letters, digits and "+-_@:", so ".", "..", NUL and
        // empty components are all refused here.
        if (!isValidAlias(part)) {
            invalid("invalid component \"" + std::string(part.substr(0, 64)) +
                    "\" in node name (expected 1 to 255 letters, digits or +-_@:)");
        }
        parts.emplace_back(part);
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    NodeName name;
    name.root = std::move(parts.front());
    name.components.assign(std::make_move_iterator(parts.begin() + 1),
                           std::make_move_iterator(parts.end()));
    return name;
}

std::string NodeName::text() const {
    std::string result = root;
    for (const std::string& component : components) {
        result += '/';
        result += component;
    }
    return result;
}

std::string NodeName::leaf() const {
    return isRoot() ? root : components.back();
}

NodeName NodeName::parent() const {
    NodeName result = *this;
    result.components.pop_back();
    return result;
}

} // namespace redpak::helper
