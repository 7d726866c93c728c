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

#include "redpak/base/diagnostic.h"
#include "redpak/base/paths.h"
#include "redpak/config/config.h"
#include "redpak/config/effective.h"
#include "redpak/merge/expand.h"
#include "redpak/tree/family_snapshot.h"
#include "redpak/tree/node.h"

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace redpak {

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

namespace detail {
struct MergeState;
}

// The merge of a family down to its leaf, before the steps that need the whole family (search
// paths, the final capability set, environ commands): a child's merge can start from its
// parent's instead of merging every ancestor again. Values that expand otherwise with another
// leaf (LEAF_* tags, NODE_* in the values that name the leaf) are kept as written too and
// expanded again for the child's leaf (the leaf-dependent expansion is done last), mount points
// (merge keys) included while each is that of its own definition only, for the merged leaf and
// for the child's. Where the rules do not allow it, the child's merge starts from scratch: a
// leaf-dependent mount point that meets another definition's, a redefinition of a
// leaf-dependent value (its text is in the provenance), a command that may run.
struct MergeProgress {
    std::shared_ptr<const detail::MergeState> state;

    // Whether a descendant's merge may start from this one.
    bool continuable() const;
};

// mergeFamily(family, options), the same result, started from `from` when it is the
// continuable progress of the same merge (mode, expansion or not) of the first members of
// `family` (an ancestor's family), and keeping the progress down to the leaf in `progress` when
// given. The same expander settings on both sides are the caller's part (mergeForReview keeps
// them).
EffectiveConfig mergeFamily(const std::vector<FamilyMember>& family, const MergeOptions& options,
                            const MergeProgress* from, MergeProgress* progress);

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
