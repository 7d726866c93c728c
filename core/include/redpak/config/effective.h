// SPDX-License-Identifier: Apache-2.0
// The effective configuration of a node: what the merge of its family gives (merge/merge.h), each
// item with where it was written and what it replaced. A model only: the schema (schema.h)
// names its members, the merge fills it, the plan, formats and reviews read it.
#pragma once

#include "redpak/base/diagnostic.h"
#include "redpak/base/file_identity.h"
#include "redpak/config/config.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

enum class MergeMode { Normal, Admin };
enum class ConfigKind { Normal, Admin };
std::string_view toString(ConfigKind kind); // "normal", "admin"

// Where one definition was written.
struct Origin {
    std::string node;  // base directory of the node, without trailing '/'
    std::string alias; // headers.alias of that node
    ConfigKind kind = ConfigKind::Normal;
    std::string file; // path of the config file
    SourcePos pos{};
    std::optional<std::uint32_t> owner; // uid owning `file` when it was read
};

// What a definition replaced, with the value it had (as text).
struct Overridden {
    Origin origin;
    std::string value;
};

struct Provenance {
    Origin origin;
    std::optional<Overridden> overrode;
    std::string warning; // empty when the override is normal practice
};

template <typename T> struct Effective {
    T value{};
    Provenance provenance;
};

struct EffectivePathEntry {
    std::string dir;
    Provenance provenance;
};

struct EffectiveEnv {
    std::string key;
    EnvMode mode = EnvMode::Default;
    // Default: expanded value; Static: verbatim; Execfd: command output (or `$(command)` when
    // the policy keeps commands); Inherit: value from the launching environment, absent when
    // unset there; Remove: absent.
    std::optional<std::string> value;
    std::string command; // Execfd: the (expanded) command
    std::optional<std::string> info;
    std::optional<std::string> warn;
    Provenance provenance;
};

struct EffectiveExport {
    ExportMode mode = ExportMode::Restricted;
    std::string mount;  // expanded, normalised (no "//", no trailing '/')
    std::string source; // host path, symlink target, Execfd command or Internal file
    std::optional<std::string> info;
    std::optional<std::string> warn;
    Provenance provenance;
};

struct EffectiveCapability {
    std::string name; // canonical lower case, or "all"
    bool add = false;
    Provenance provenance;
};

// State of one namespace, as merged under its own key ("share_net"; `share_all` is a key of its
// own too: see effectiveShare for the fallback).
struct EffectiveShare {
    ShareValue value;
    std::string key;
    Provenance provenance;
};

struct EffectiveCgroupLimit {
    CgroupLimit limit;
    Provenance provenance;
};

// Cgroup limits of one node of the family (admin over normal for that node). Every node of
// the family has one, limits or not: node cgroups nest like the nodes.
struct NodeCgroup {
    std::string node;
    std::string alias;
    std::vector<EffectiveCgroupLimit> limits;
};

struct MergeError {
    std::string node;     // the node whose definition is refused
    std::string ancestor; // the node whose definition forbids it
    std::string item;     // "share net", "capability cap_chown"
    Diagnostic diagnostic;
};

struct FamilyNodeInfo {
    std::string path;
    std::string alias;
    std::string name;
    std::string info;
    std::string normalConfig;
    std::string adminConfig; // empty when absent
    std::string statusFile;
    std::vector<FamilyObject> objects; // FamilyMember::objects
};

struct EffectiveConfig {
    MergeMode mode = MergeMode::Normal;
    bool expanded = false;
    std::vector<FamilyNodeInfo> family; // root first

    std::vector<EffectivePathEntry> path;   // child first, admin before normal, no duplicates
    std::vector<EffectivePathEntry> ldpath; // idem
    std::vector<EffectiveEnv> environ;      // order of first definition
    std::vector<EffectiveExport> exports;   // order of first definition (the plan sorts)
    // The final capability set, unambiguous: the `all` entry first when an ALL rule is in
    // effect, then each capability that differs from it or that a file names (order of first
    // definition). Applied in this order, no entry undoes a later one.
    std::vector<EffectiveCapability> capabilities;
    std::array<std::optional<EffectiveShare>, kNamespaceCount> shares{}; // by Namespace

    std::optional<Effective<std::string>> persistdir, rpmdir, cachedir;
    std::optional<Effective<std::uint32_t>> umask;
    std::optional<Effective<std::string>> setUser, setGroup, smack;
    std::optional<Effective<std::int64_t>> verbose, mapRootUser;
    std::optional<Effective<bool>> gpgcheck, unsafe, inheritEnv;
    std::optional<Effective<Edu>> dieWithParent, newSession;
    std::optional<Effective<std::string>> hostname, chdir, cgrouproot;
    std::vector<NodeCgroup> cgroups; // one per node, root first

    std::vector<Diagnostic> warnings;
    std::vector<MergeError> errors;

    bool ok() const { return errors.empty(); }
    const std::optional<EffectiveShare>& share(Namespace ns) const {
        return shares[static_cast<std::size_t>(ns)];
    }
};

} // namespace redpak
