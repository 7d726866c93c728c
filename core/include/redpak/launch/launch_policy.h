// SPDX-License-Identifier: Apache-2.0
// The root-owned launch policy: whether every launch requires an approved, undrifted family
// (risk analysis: "once audited, configuration should remain exactly as audited").
#pragma once

#include "redpak/launch/audit_record.h"

#include <filesystem>
#include <string_view>

namespace redpak {

// Root-owned policy of the launcher. Format: YAML-like lines `key: value`, '#' comments; the
// only key today is `audit: required|optional`. A file not owned by root or writable by
// group/others is refused (it would let someone else switch the policy off).
inline constexpr std::string_view kLaunchPolicyFile = "/etc/redpak/launch-policy";

struct LaunchPolicy {
    bool requireAudit = false;
};

// The policy at `file`; defaults when the file does not exist. Throws InputError.
LaunchPolicy loadLaunchPolicy(const std::filesystem::path& file);

// The launcher's check: when `policy.requireAudit`, throws InputError unless the snapshot's
// leaf has a trusted record (owned by root or by the owner of the node's status file, not
// writable by group/others) and the snapshot's bytes are exactly the approved ones. The
// message names the drifted files.
void enforceAuditPolicy(const FamilySnapshot& family, const LaunchPolicy& policy);
// The same on a snapshot of `leafDir` taken now.
void enforceAuditPolicy(const std::filesystem::path& leafDir, const LaunchPolicy& policy);

} // namespace redpak
