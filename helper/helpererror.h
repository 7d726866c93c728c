// SPDX-License-Identifier: Apache-2.0
// The failures the helper reports to its callers. Each kind is one D-Bus error name of
// org.redpak.Helper1.xml; the detail is English and never translated (the GUI translates
// from the name).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace redpak::helper {

enum class ErrorKind {
    InvalidName,
    InvalidArgument,
    NotAuthorized,
    NotFound,
    AlreadyExists,
    StaleDigest,
    InvalidConfig,
    UnsafeNode,
    Failed,
};

// "org.redpak.Helper1.Error.InvalidName", ...
std::string_view errorName(ErrorKind kind);

class HelperError : public std::runtime_error {
public:
    HelperError(ErrorKind kind, const std::string& detail)
        : std::runtime_error(detail), m_kind(kind) {}
    ErrorKind kind() const { return m_kind; }

private:
    ErrorKind m_kind;
};

// Throws HelperError(Failed) with `what` and the text of `errnoValue`.
[[noreturn]] void throwSystemError(const std::string& what, int errnoValue);

} // namespace redpak::helper
