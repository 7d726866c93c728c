// SPDX-License-Identifier: Apache-2.0
// Merge of a family of rednodes into one effective configuration
// (spec: merge-and-launch.md §1-2).
//
// Every effective item remembers where it comes from (node, normal/admin file, position),
// what it replaced and the warning that replacement deserves, so that `redconf mergeconfig`
// and the GUI can explain the result. Errors (a child enabling what an ancestor forbids)
// name the node, the forbidding ancestor and the item; a result with errors must not be
// launched.
#pragma once

#include "redpak/config.h"
#include "redpak/diagnostic.h"
#include "redpak/expand.h"
#include "redpak/family_snapshot.h"
#include "redpak/node.h"
#include "redpak/paths.h"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace redpak {

enum class MergeMode { Normal, Admin };
enum class ConfigKind { Normal, Admin };
std::string_view toString(ConfigKind kind); // "normal", "admin"

// One node of the family as the merge sees it: where it is and its parsed files.
// `admin` is only consulted in admin mode.
struct FamilyMember {
    NodeLocation location;
    Config normal;
    std::optional<Config> admin;
    // fstat of each config file as it was read (FamilySnapshot; owners decide whose commands
    // these are).
    std::optional<FileIdentity> normalIdentity;
    std::optional<FileIdentity> adminIdentity;
    // Every object of the node that recommendation 4 protects, as it was opened.
    std::vector<FamilyObject> objects;
};

// The family of `snapshot` parsed from the bytes it read (root first): every status is checked
// (snapshotStatus), admin files are parsed in admin mode only, identities and objects are the
// snapshot's fstat. Throws InputError (invalid file).
std::vector<FamilyMember> loadFamily(const FamilySnapshot& snapshot, MergeMode mode);
// The same from a snapshot of `leafDir` taken now (reviews; launchers take theirs first).
std::vector<FamilyMember> loadFamily(const std::filesystem::path& leafDir, MergeMode mode);
// One member of loadFamily(): the node's status checked, its configs parsed.
FamilyMember loadMember(const NodeSnapshot& node, MergeMode mode);

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

struct MergeOptions {
    MergeMode mode = MergeMode::Normal;
    // Expands strings (NODE_* = defining node for exports, environ, path, ldpath; = leaf for
    // other config values). nullptr: values are kept as written (`mergeconfig` without
    // --expand); Execfd/Inherit values are then not evaluated either.
    const Expander* expander = nullptr;
};

// Merges `family` (root first, leaf last; not empty). Never throws for merge conflicts: they
// are in `errors`. Throws InputError when expansion fails (refused command, bad `$(`).
EffectiveConfig mergeFamily(const std::vector<FamilyMember>& family, const MergeOptions& options);

// The effective configuration with the provenance of every item and the warnings/errors, for
// `redconf mergeconfig` and the GUI: YAML (readable, also the default text) or JSON.
enum class EffectiveFormat { Yaml, Json };
std::string formatEffective(const EffectiveConfig& config, EffectiveFormat format);

// "DIR1:DIR2:...": a search path (PATH, LD_LIBRARY_PATH) as the process gets it, and as a
// review shows it.
std::string joinSearchPath(const std::vector<EffectivePathEntry>& list);

// Spec §2, "share_all is a fallback, not a bound": what decides namespace `ns` is its own
// share_X when a file of the family defines it, else (never for time) the effective share_all.
// nullptr when neither is defined.
const EffectiveShare* effectiveShare(const EffectiveConfig& config, Namespace ns);
// Whether share_all decides `ns` when no file defines `ns`'s own key (not for time, spec §2).
bool fallsBackToShareAll(Namespace ns);

// True when the capability rule `rule` ("all" or a capability name) is about `capability`.
bool covers(std::string_view rule, std::string_view capability);

// The effective entry that decides `capability`: its own, else the `all` entry; nullptr when the
// family leaves it to bwrap's default.
const EffectiveCapability* effectiveCapability(const EffectiveConfig& config,
                                               std::string_view capability);

} // namespace redpak
