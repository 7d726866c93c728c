// SPDX-License-Identifier: Apache-2.0
// Verify a sandbox from inside (`redconf verify`): what redpak-probe saw in a real launch of a
// node, compared with what the plan and the effective configuration say it should see. Pure
// functions: the launch itself is the caller's.
#pragma once

#include "redpak/config/effective.h"
#include "redpak/launch/plan.h"
#include "redpak/review/findings.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

// What redpak-probe printed (tools/redpak-probe), parsed.
struct ProbeObservation {
    struct Mount {
        std::string mount;
        std::string source;
        std::string type;
        bool readOnly = false;
    };
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::vector<std::uint32_t> groups;
    // CapInh, CapPrm, CapEff, CapBnd, CapAmb, as bit masks.
    std::array<std::uint64_t, 5> capabilities{};
    std::string noNewPrivs;                          // "1", "0", empty when the kernel does not say
    std::string seccomp;                             // "0" none, "1" strict, "2" filter
    std::string tiocsti;                             // "refused", "allowed", "untestable"
    std::map<std::string, std::uint64_t> namespaces; // "net" -> inode; absent when unreadable
    std::vector<Mount> mounts;                       // /proc/self/mountinfo order
    std::vector<std::string> familyFilesFound;
    bool familyWalkComplete = false;
    std::uint64_t familyWalkEntries = 0;
    std::string hostname, cwd;
    std::uint32_t umask = 0;
    std::vector<std::string> environment; // names
    std::int64_t pid = 0, session = 0, tty = 0;
    std::string cgroup;
};

enum class CapabilitySet { Inheritable, Permitted, Effective, Bounding, Ambient };

// Throws InputError (named `name`) when `json` is not a probe report.
ProbeObservation parseProbeOutput(std::string_view json, const std::string& name);

// What the caller knows of the launcher and the host, which the node's report is compared with.
struct VerifyContext {
    // Identity bwrap runs with: the launcher's after set-user/set-group.
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    // The launcher's permitted capabilities (bit masks of capabilities(7)): bwrap keeps at
    // most these.
    std::uint64_t launcherCapabilities = ~std::uint64_t{0};
    std::int64_t launcherSession = 0;                        // getsid(2) of the launcher
    std::map<std::string, std::uint64_t> launcherNamespaces; // "net" -> inode, launcher's own
    std::map<std::string, std::uint64_t> joinedNamespaces;   // inode of each share_X path
};

enum class CheckOutcome { Pass, Fail, Unknown };

// One expectation, and once compared, what was seen.
struct VerifyCheck {
    std::string group;    // "namespace", "capability", "mount", "family", "identity", ...
    std::string subject;  // "net", "cap_sys_admin", "/usr", ...
    std::string expected; // "unshared", "ro", "0027", ...
    Severity severity = Severity::Error;
    std::string provenance; // "FILE:LINE" of the item it comes from, or what sets it
    // What the report says, in the terms of `expected`; nullopt when it cannot tell.
    std::function<std::optional<std::string>(const ProbeObservation&)> observe;
    std::optional<std::string> observed;
    CheckOutcome outcome = CheckOutcome::Unknown;
};

// The checks a launch of `plan` (built from `config`) must pass, in a stable order.
std::vector<VerifyCheck> verifyExpectations(const EffectiveConfig& config, const BwrapPlan& plan,
                                            const VerifyContext& context);

// Fills observed and outcome of each check: Pass when observed is expected, Unknown when the
// report cannot tell.
void compareWithObservation(std::vector<VerifyCheck>& checks, const ProbeObservation& seen);

// Highest severity of a failed check, nullopt when none failed.
std::optional<Severity> highestFailure(const std::vector<VerifyCheck>& checks);

// Where the host file `hostPath` appears inside the node: the mount point of the last bind
// option of the plan whose source holds it, nullopt when no export reaches it.
std::optional<std::string> nodePathOf(const BwrapPlan& plan, const std::string& hostPath);

// The trees the probe walks for family files: mount points of the plan's bind options.
std::vector<std::string> exportedTrees(const BwrapPlan& plan);

// A finding of the node (analyzeNode) set against the launch: contradicted when a check tests
// what the finding claims ("namespace net" for "the network is shared", "mount /srv" for a
// writable export) and saw something else.
struct RuntimeContradiction {
    std::string claimed;      // what the finding says, in the check's terms: "shared", "rw"
    std::string checkGroup;   // the check that contradicts it
    std::string checkSubject; //
    std::string observed;     // what that check saw
};
struct CheckedFinding {
    Finding finding;
    std::optional<RuntimeContradiction> contradiction;
};

// Each finding, in order, with the contradiction of the compared `checks` when there is one.
// Findings with no claim a check can test (limits, files, commands...) are never contradicted,
// nor are those whose check could not tell.
std::vector<CheckedFinding> checkFindings(const std::vector<Finding>& findings,
                                          const std::vector<VerifyCheck>& checks);

// The report: every check, then the findings the runtime contradicts (text) or every finding
// with its contradiction (JSON).
std::string formatVerifyText(const std::string& node, const std::vector<VerifyCheck>& checks,
                             const std::vector<CheckedFinding>& findings = {});
std::string formatVerifyJson(const std::string& node, const std::vector<VerifyCheck>& checks,
                             const std::vector<CheckedFinding>& findings = {});

} // namespace redpak
