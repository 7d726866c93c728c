// SPDX-License-Identifier: Apache-2.0
// A host file the launcher reads for a node (an Internal export source) must be readable by
// the node's own identity, through a path without any symlink: root's rights must never be
// what lets a node read a file (/etc/shadow named in a config, a node's source swapped for a
// link by a local user).
#pragma once

#include "nodeidentity.h"

#include <string>

namespace redpak::helper {

// Opens `path` in a child process that has become `identity` (no supplementary group, no
// capability), with openat2 RESOLVE_NO_SYMLINKS, and requires a regular file. Throws
// HelperError(UnsafeNode) naming `where` and the path otherwise; any error refuses.
void checkReadableAs(const std::string& path, const NodeIdentity& identity,
                     const std::string& where);

} // namespace redpak::helper
