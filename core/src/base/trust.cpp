// SPDX-License-Identifier: Apache-2.0
#include "redpak/base/trust.h"

#include "redpak/base/diagnostic.h"

#include <cstdio>
#include <linux/capability.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace redpak {

bool isWritableByOthers(const FileIdentity& identity) {
    return (identity.mode & (S_IWGRP | S_IWOTH)) != 0;
}

bool isTrustedRootObject(const FileIdentity& identity) {
    return identity.uid == 0 && !isWritableByOthers(identity);
}

std::string describeUser(std::uint32_t uid) {
    struct passwd entry {};
    struct passwd* found = nullptr;
    char buffer[4096];
    const std::string number = "uid " + std::to_string(uid);
    if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found) {
        return std::string(found->pw_name) + " (" + number + ")";
    }
    return number;
}

void requireTrustedRootObject(const FileIdentity& identity, const std::string& path) {
    if (isTrustedRootObject(identity)) {
        return;
    }
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", identity.mode & 07777);
    const std::string problem =
        identity.uid != 0 ? "owned by " + describeUser(identity.uid) + ", not by root"
                          : std::string("writable by group or others (mode ") + mode + ")";
    throw InputError(Diagnostic{
        path, 0, 0,
        problem + ": a privileged launch only trusts family files owned by root and not "
                  "writable by group or others (risk analysis recommendation 3); launch it "
                  "unprivileged, or have root own the node"});
}

} // namespace redpak
