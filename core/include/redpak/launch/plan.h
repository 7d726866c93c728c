// SPDX-License-Identifier: Apache-2.0
// From an effective configuration to the bubblewrap call (spec: merge-and-launch.md §3).
//
// buildPlan is a pure function: same effective configuration, same plan. Everything that needs
// the system (running Execfd commands, reading Internal files, cgroups, namespaces to join,
// identity changes) is described in the plan and done by the launcher.
#pragma once

#include "redpak/merge/merge.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace redpak {

// One bwrap option with its values, e.g. {"--ro-bind", {"/usr", "/usr"}}, and the effective
// item it comes from (absent for defaults such as the unshared namespaces).
struct BwrapOption {
    std::string name;
    std::vector<std::string> values;
    std::optional<Provenance> provenance;

    // The provenance explains the option; it is not part of it.
    friend bool operator==(const BwrapOption& a, const BwrapOption& b) {
        return a.name == b.name && a.values == b.values;
    }
};

// Content the launcher must provide on file descriptor `fd` before executing bwrap.
struct FdContent {
    enum class Kind { CommandOutput, FileCopy };
    Kind kind = Kind::CommandOutput;
    int fd = 3;
    std::string source; // the shell command, or the host file
    std::string mount;
    TextOrigin origin; // where the export was written (policy decisions, messages)
};

// A namespace entered with setns(2) before bwrap runs (share_X: /proc/PID/ns/X).
struct NamespaceJoin {
    Namespace ns = Namespace::Net;
    std::string path;
};

// A host file a bind export needs, checked by the launcher (spec §4: fail when missing). One
// per `--bind`/`--ro-bind` option, in the same order: the launcher opens it once, checks that
// descriptor and gives bwrap `--bind-fd`/`--ro-bind-fd` with it instead (the dumps show the
// path form).
struct RequiredSource {
    std::string path;
    bool mustBeDirectory = false;
    TextOrigin origin;
};

// cgroup of one node: directory relative to the cgroup root, the node it belongs to, and
// cgroup v2 files to write. Each directory is named from the node's identity (nodeCgroupName),
// never from its alias alone: two unrelated nodes with the same alias get different cgroups.
struct CgroupStep {
    std::string relativeDir;                                // "ALIAS-HASH/ALIAS-HASH/..."
    std::vector<std::pair<std::string, std::string>> files; // {"memory.max", "512M"}
    std::string node; // real path of the node, recorded on its cgroup (launch.h)
};

// "<alias>-<first 12 hex digits of SHA-256(nodePath)>": readable, and distinct for two nodes
// at different real paths (the launcher also refuses a cgroup recorded for another node). The
// alias part is cut to 64 characters so that the name stays within NAME_MAX.
std::string nodeCgroupName(std::string_view alias, std::string_view nodePath);

// The node's session bus: never the launcher's socket, only a filtering xdg-dbus-proxy that
// the launcher starts before bwrap and that stops with the sandbox (bwrap --sync-fd). The
// names come from the application's desktop entry (X-RedPak-Session-Bus) or redwrap
// --session-bus; everything else on the bus is hidden from the node.
struct SessionBusProxy {
    std::vector<std::string> talk; // --talk names (desktop_entry.h parseSessionBusNames)
    std::string hostAddress;       // the launcher's session bus (DBUS_SESSION_BUS_ADDRESS)
    std::string socketInNode;      // where the proxy's socket is bound: $XDG_RUNTIME_DIR/bus
    std::string proxyPath = "/usr/bin/xdg-dbus-proxy";

    // DBUS_SESSION_BUS_ADDRESS in the node.
    std::string addressInNode() const { return "unix:path=" + socketInNode; }
};

struct BwrapPlan {
    std::vector<BwrapOption> options; // in the order passed to bwrap
    std::vector<FdContent> fds;       // numbered 3, 4, ... in order of their mounts (the
                                      // launcher numbers the bind sources after them)
    std::vector<NamespaceJoin> joins; // user namespace first
    std::vector<RequiredSource> sources;
    bool launcherCreatesTimeNamespace = false; // share_time: disabled
    bool launcherCreatesUserNamespace = false; // idem, unless the user namespace is shared
    bool mapRootUser = false;
    bool inheritEnvironment = false;
    // `--new-session` (no TIOCSTI into the launching terminal) unless the configuration says
    // `new-session: disabled`. The launcher adds it: the options, and so the dumps the
    // reference cases record, hold `--new-session` only when the configuration enables it.
    bool newSession = true;
    std::optional<std::uint32_t> umask;
    std::optional<std::string> setUser, setGroup, smack;
    std::optional<std::string> cgroupRoot; // absent: the launcher's default
    std::vector<CgroupStep> cgroups;       // empty when no node sets a limit
    // Files and directories of the family that must never be visible in the node (rec. 4;
    // every FamilyNodeInfo::objects, root first): the launcher compares export sources with
    // them, and with the directories holding them, by device and inode.
    std::vector<FamilyObject> familyObjects;
    // Rec. 1 beyond `--cap-drop`: the launcher also removes CAP_SYS_ADMIN from the bounding
    // set when bwrap creates the user namespace (it does not need the capability then).
    bool dropSysAdminFromBoundingSet = false;
    // Absent: the node has no session bus (planSessionBus adds it).
    std::optional<SessionBusProxy> sessionBus;

    // Arguments for execve after the bwrap path: options flattened (without the command).
    std::vector<std::string> arguments() const;
};

struct PlanOptions {
    // Risk analysis rec. 1: `--cap-drop cap_sys_admin` unless the configuration adds it (or ALL).
    bool dropSysAdminByDefault = true;
    // false: the plan of what the launch view shows (namespaces, capabilities, process), the
    // exports left out, and neither merge errors nor values that the launch refuses (a host
    // name that is not one once expanded) refused: findings of their own.
    bool withExports = true;
};

// Throws InputError naming the export when an export would expose a config or status file of
// the family inside the node (risk analysis rec. 4), or when the merge has errors (with exports).
BwrapPlan buildPlan(const EffectiveConfig& config, const PlanOptions& options = {});

// Gives the node of `plan` the session bus through a proxy letting it talk to `talk` only.
// The proxy's socket is bound as `bus` in the node's XDG_RUNTIME_DIR (the value the plan sets:
// the x11 and wayland templates give a private one). Throws InputError when `talk` is empty,
// when the node has no absolute XDG_RUNTIME_DIR, or when `hostAddress` is empty (the launcher
// has no session bus).
void planSessionBus(BwrapPlan& plan, std::vector<std::string> talk, std::string hostAddress);

// The proxy's command line: listening on `socketPath`, filtering, --talk for each name, and
// reporting readiness on (then stopping when the sandbox closes) descriptor `syncFd`.
std::vector<std::string> proxyArguments(const SessionBusProxy& bus, const std::string& socketPath,
                                        const std::string& syncFd);

// True when `inner` is `outer` or below it, compared component by component ("/run/hostage"
// is not below "/run/host").
bool isSameOrBelow(std::string_view inner, std::string_view outer);

// Component-wise ordering of mount points: a directory sorts before everything below it.
bool mountPointLess(std::string_view a, std::string_view b);

// The `--dump-only` text (spec §4): "DUMP: BWRAP (as ARGV0)" then one option per line, every
// path and value escaped for a terminal (text_escape.h).
// Internal exports show their source path where bwrap will get a file descriptor. A session
// bus adds the options the launcher gives bwrap for it (descriptors named PROXY_SOCKET and
// PROXY_SYNC) and a last line "PROXY: " with the proxy's command line.
std::string formatDump(const BwrapPlan& plan, const std::string& bwrapPath,
                       const std::string& argv0);

} // namespace redpak
