// SPDX-License-Identifier: Apache-2.0
// Whom a launch may trust (risk analysis recommendation 3, "privileged means root-owned"): a
// privileged process acts on the family files of a node only when root owns them and nobody
// else can write them, because whoever can write them decides what runs with its privileges.
#pragma once

#include "redpak/base/file_identity.h"

#include <cstdint>
#include <string>

namespace redpak {

// Group or others may write the object (its permission bits say so).
bool isWritableByOthers(const FileIdentity& identity);

// Owned by root and not writable by group or others: the one test of a file or directory that
// a privileged process may act on.
bool isTrustedRootObject(const FileIdentity& identity);

// "alice (uid 1000)", or "uid 1000" when the password database does not know the uid.
std::string describeUser(std::uint32_t uid);

// Throws InputError naming `path` and its owner unless isTrustedRootObject(identity).
void requireTrustedRootObject(const FileIdentity& identity, const std::string& path);

} // namespace redpak
