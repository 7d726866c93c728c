// SPDX-License-Identifier: Apache-2.0
#include "helpererror.h"

#include <cstring>

namespace redpak::helper {

std::string_view errorName(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::InvalidName:
        return "org.redpak.Helper1.Error.InvalidName";
    case ErrorKind::InvalidArgument:
        return "org.redpak.Helper1.Error.InvalidArgument";
    case ErrorKind::NotAuthorized:
        return "org.redpak.Helper1.Error.NotAuthorized";
    case ErrorKind::NotFound:
        return "org.redpak.Helper1.Error.NotFound";
    case ErrorKind::AlreadyExists:
        return "org.redpak.Helper1.Error.AlreadyExists";
    case ErrorKind::StaleDigest:
        return "org.redpak.Helper1.Error.StaleDigest";
    case ErrorKind::InvalidConfig:
        return "org.redpak.Helper1.Error.InvalidConfig";
    case ErrorKind::UnsafeNode:
        return "org.redpak.Helper1.Error.UnsafeNode";
    case ErrorKind::Failed:
        break;
    }
    return "org.redpak.Helper1.Error.Failed";
}

void throwSystemError(const std::string& what, int errnoValue) {
    throw HelperError(ErrorKind::Failed, what + ": " + std::strerror(errnoValue));
}

} // namespace redpak::helper
