// SPDX-License-Identifier: Apache-2.0
// Carrying out a bwrap plan (spec: merge-and-launch.md §3-4): Execfd/Internal content on file
// descriptors, namespaces to join, cgroups, identity, umask, the time namespace, then exec of
// bwrap with an empty environment plus the configured variables. bwrap reports the command's
// exit status (128+signal when it was killed), so redwrap execs it instead of waiting for it.
#pragma once

#include "redpak/launch/launch_policy.h"
#include "redpak/launch/plan.h"
#include "redpak/merge/expand.h"
#include "redpak/tree/family_snapshot.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/types.h>
#include <vector>

namespace redpak {

// A launch step failed (system error, missing source, cgroup refused...).
class LaunchError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct LaunchOptions {
    std::string bwrapPath = "/usr/bin/bwrap";
    std::vector<std::string> command; // empty: /bin/sh
    // Continue when cgroup limits cannot be applied (the failure is then only a warning).
    bool force = false;
    // Runs Execfd export commands (the launcher allows them, unprivileged; see expand.h).
    const CommandPolicy* commands = nullptr;
    // Default cgroup root when the configuration has no `cgrouproot`; empty: "<cgroup2 mount
    // point>/redpak".
    std::string cgroupRoot;
    // Receives non-fatal messages (cgroup failures with force).
    std::function<void(const std::string&)> warn;
    // Identity that opens and reads the host files the launcher itself reads for the node
    // (Internal export sources): a privileged launcher must not read them with its own rights.
    // A child process with only this identity reads them and sends the bytes over a pipe.
    struct Identity {
        uid_t uid = 0;
        gid_t gid = 0;
    };
    std::optional<Identity> readSourcesAs;
};

// What decides whether the node may be launched at all, before anything of it is read.
struct LaunchPreconditions {
    // Refuse the node unless its family is exactly as approved, whatever the policy file says
    // (redwrap --require-audit).
    bool requireAudit = false;
    // Nothing of the node runs (redwrap --dump-only): a disabled node may still be shown.
    bool dumpOnly = false;
    // The root-owned launch policy (launch_policy.h); `audit: required` there binds every launcher.
    std::filesystem::path policyFile{kLaunchPolicyFile};
};

// The rules every launcher (redwrap, the privileged helper) applies to the family it read,
// before anything of it is parsed, expanded or run, in this order: the launch policy (audit
// required: the snapshot's bytes must match the leaf's approved audit record), then the leaf's
// status file, which must be valid and, unless `dumpOnly`, not say `state: Disable`
// (rednode-format.md §1). Throws InputError.
void checkLaunchPreconditions(const FamilySnapshot& family,
                              const LaunchPreconditions& preconditions);

// What a launcher does first: reads the family of `nodeDir` once (FamilySnapshot::open with
// launchTrust(): a privileged process only accepts root-owned family files that group and
// others cannot write), then applies checkLaunchPreconditions. The snapshot is what the
// launcher merges (loadFamily) and launches. Throws InputError.
FamilySnapshot openFamilyForLaunch(const std::filesystem::path& nodeDir,
                                   const LaunchPreconditions& preconditions);

// Checks the plan against the system and execs bwrap; returns only by throwing LaunchError or
// InputError. Recommendation 4 is held on objects, not names: every bind source is opened once
// (after the identity change, with the rights bwrap would have had), checked on that
// descriptor by device and inode against the family (launch_sources.h) and given to bwrap as
// `--bind-fd`/`--ro-bind-fd`; Internal sources are read once, without following symbolic
// links, as `readSourcesAs` when set. Every launch gets `--new-session` unless the
// configuration says `new-session: disabled`, and a seccomp program refusing ioctl TIOCSTI and
// TIOCLINUX (`--seccomp`). With plan.sessionBus, xdg-dbus-proxy is started (with bwrap's
// identity, no capability) and ready before bwrap runs; its socket is bound at
// SessionBusProxy::socketInNode, DBUS_SESSION_BUS_ADDRESS set to it, and bwrap holds its pipe
// (`--sync-fd`): the proxy stops when the sandbox ends or the launcher dies. Descriptors given
// to bwrap: the plan's fds (3, 4, ...), then one per bind source in the order of plan.sources,
// then the seccomp program, then the proxy's socket and pipe; nothing else.
[[noreturn]] void launch(const BwrapPlan& plan, const LaunchOptions& options);

// The source checks of `launch`, with the caller's rights, changing nothing (the helper and
// `launch` itself run them before anything of the node runs). Throws LaunchError.
void checkSources(const BwrapPlan& plan);

// The bytes `launch` puts on the descriptor of the Internal export `content` of `plan`, read as
// `options.readSourcesAs` when it is set. Throws LaunchError naming the export.
std::string readInternalSource(const BwrapPlan& plan, const FdContent& content,
                               const LaunchOptions& options);
// Extended attribute of a node cgroup holding the real path of the node it was created for.
inline constexpr const char* kCgroupNodeAttribute = "user.redpak.node";

// Creates the node cgroups below `root` and writes the limits; moves `pid` into the leaf
// cgroup. A cgroup the launch creates records its node (kCgroupNodeAttribute); an existing one
// must record the same node, else it is refused before anything is written to it. Throws
// LaunchError naming the file that could not be written or the cgroup refused.
void applyCgroups(const std::vector<CgroupStep>& steps, const std::string& root, int pid);

// The cgroup root resolved (symbolic links, no `.`/`..`), checked to lie strictly below the
// cgroup v2 mount point, component by component, before any directory is created. Throws
// LaunchError otherwise.
std::string checkCgroupRoot(const std::string& root, const std::string& mountPoint);

// Mount point of the cgroup v2 hierarchy ("/sys/fs/cgroup" or "/sys/fs/cgroup/unified"),
// empty when there is none.
std::string cgroup2MountPoint();

} // namespace redpak
