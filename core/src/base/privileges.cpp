// SPDX-License-Identifier: Apache-2.0
#include "redpak/base/privileges.h"

#include <cerrno>
#include <grp.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace redpak {

std::optional<std::uint64_t> permittedCapabilities() noexcept {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct sets[_LINUX_CAPABILITY_U32S_3]{};
    if (syscall(SYS_capget, &header, sets) != 0) {
        return std::nullopt;
    }
    return sets[0].permitted | (std::uint64_t{sets[1].permitted} << 32);
}

bool hasPrivilege() noexcept {
    // Unknown counts as privileged: the stricter rules apply.
    return geteuid() == 0 || permittedCapabilities().value_or(1) != 0;
}

// Plain system calls rather than libcap-ng, whose library constructor probes /proc and prctl
// at every start of every program linking it.
const char* becomeWithoutCapabilities(uid_t uid, gid_t gid) noexcept {
    if (setgroups(0, nullptr) != 0 || setresgid(gid, gid, gid) != 0) {
        return "cannot change the group (needs CAP_SETGID)";
    }
    // Out of the bounding set first: that needs CAP_SETPCAP, which the new uid will not have.
    // PR_CAPBSET_READ fails with EINVAL past the kernel's last capability.
    for (int capability = 0; prctl(PR_CAPBSET_READ, capability) >= 0; ++capability) {
        if (prctl(PR_CAPBSET_DROP, capability) != 0) {
            return "cannot clear the capability bounding set (needs CAP_SETPCAP)";
        }
    }
    if (setresuid(uid, uid, uid) != 0) {
        return "cannot change the user (needs CAP_SETUID)";
    }
    // A non-zero uid loses its permitted and effective sets, but not the inheritable one, and
    // uid 0 keeps them all: clear every set explicitly (lowering needs no privilege).
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct none[_LINUX_CAPABILITY_U32S_3]{};
    if (syscall(SYS_capset, &header, none) != 0) {
        return "cannot clear the capabilities";
    }
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) {
        return "cannot clear the ambient capabilities";
    }
    return nullptr;
}

} // namespace redpak
