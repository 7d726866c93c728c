// SPDX-License-Identifier: Apache-2.0
// Privileges of the running process and the one way of giving them all up, shared by the
// launcher (set-user/set-group) and the configuration command runner (commands as nobody).
#pragma once

#include <cstdint>
#include <optional>
#include <sys/types.h>

namespace redpak {

// The permitted capability set of the process (bit N = capability N); nullopt when the kernel
// does not answer.
std::optional<std::uint64_t> permittedCapabilities() noexcept;

// True when the process runs with euid 0 or holds any capability (the effective set is part
// of the permitted one), or when that cannot be known.
bool hasPrivilege() noexcept;

// Changes to `uid`/`gid` without supplementary groups and leaves no capability in any set
// (bounding, permitted, effective, inheritable, ambient): the new identity can never regain
// one. Async-signal-safe, so usable between fork and exec. Returns nullptr on success,
// otherwise what failed (a static text; errno says why).
const char* becomeWithoutCapabilities(uid_t uid, gid_t gid) noexcept;

} // namespace redpak
