// SPDX-License-Identifier: Apache-2.0
// Merge rules of merge-and-launch.md §2, applied node by node from the root to the leaf.
#include "redpak/merge/merge.h"

#include "redpak/config/parser.h"
#include "redpak/config/schema.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <tuple>

namespace redpak {

std::string joinSearchPath(const std::vector<EffectivePathEntry>& list) {
    std::string text;
    for (const EffectivePathEntry& entry : list) {
        text += (text.empty() ? "" : ":") + entry.dir;
    }
    return text;
}

const EffectiveShare* effectiveShare(const EffectiveConfig& config, Namespace ns) {
    if (const auto& own = config.share(ns)) {
        return &*own;
    }
    if (!fallsBackToShareAll(ns)) {
        return nullptr;
    }
    const auto& all = config.share(Namespace::All);
    return all ? &*all : nullptr;
}

bool fallsBackToShareAll(Namespace ns) {
    return ns != Namespace::All && ns != Namespace::Time;
}

bool covers(std::string_view rule, std::string_view capability) {
    return rule == capability || rule == "all";
}

const EffectiveCapability* effectiveCapability(const EffectiveConfig& config,
                                               std::string_view capability) {
    const EffectiveCapability* decision = nullptr;
    for (const EffectiveCapability& cap : config.capabilities) {
        if (cap.name == capability) {
            return &cap;
        }
        if (covers(cap.name, capability)) {
            decision = &cap;
        }
    }
    return decision;
}

FamilyMember loadMember(const NodeSnapshot& node, MergeMode mode) {
    // Every member's status gets the same checks as the leaf's at launch: a status file that
    // is not valid makes the whole family unusable, whatever the caller.
    snapshotStatus(node);
    FamilyMember member{node.location, parseConfig(node.normal.content, node.normal.path.string()),
                        std::nullopt,  node.normal.identity,
                        std::nullopt,  node.objects()};
    if (mode == MergeMode::Admin && node.admin) {
        member.admin = parseConfig(node.admin->content, node.admin->path.string());
        member.adminIdentity = node.admin->identity;
    }
    return member;
}

std::vector<FamilyMember> loadFamily(const FamilySnapshot& snapshot, MergeMode mode) {
    std::vector<FamilyMember> family;
    family.reserve(snapshot.members().size());
    for (const NodeSnapshot& node : snapshot.members()) {
        family.push_back(loadMember(node, mode));
    }
    return family;
}

std::vector<FamilyMember> loadFamily(const std::filesystem::path& leafDir, MergeMode mode) {
    return loadFamily(FamilySnapshot::open(leafDir), mode);
}

namespace {

std::string describe(const Origin& origin) {
    return origin.node + (origin.kind == ConfigKind::Admin ? " (admin)" : "");
}

// One config file of one node, with what expansion needs to know about it.
struct Layer {
    const Config* config = nullptr;
    ConfigKind kind = ConfigKind::Normal;
    std::string file;
    std::size_t node = 0;               // index in the family
    std::optional<std::uint32_t> owner; // uid owning `file`

    explicit operator bool() const { return config != nullptr; }
    const ConfigSection* section() const {
        return config && config->config ? &*config->config : nullptr;
    }
};

// Outcome of the table shared by environ and exports (per key).
enum class Pick { Parent, Normal, Admin };

struct OverrideChoice {
    Pick pick = Pick::Parent;
    bool warn = false;
};

// PARENT/NORMAL/ADMIN table of environ and exports.
OverrideChoice chooseOverridable(bool hasParent, bool parentIsAdmin, bool hasNormal,
                                 bool hasAdmin) {
    if (hasAdmin) {
        return {Pick::Admin, hasParent || hasNormal};
    }
    if (hasNormal) {
        if (hasParent && parentIsAdmin) {
            return {Pick::Parent, false};
        }
        return {Pick::Normal, hasParent};
    }
    return {Pick::Parent, false};
}

// Outcome of the 21-row table of capabilities and sharings.
enum class GuardAction { Parent, Normal, Admin, ErrorNormal, ErrorAdmin };

struct GuardChoice {
    GuardAction action = GuardAction::Parent;
    bool capabilityWarning = false;
};

struct GuardParent {
    bool defined = false;
    bool on = false;
    bool admin = false;
};

GuardChoice chooseGuarded(const GuardParent& parent, std::optional<bool> normal,
                          std::optional<bool> admin) {
    if (!parent.defined) {
        if (admin) {
            return {GuardAction::Admin, false};
        }
        return {normal ? GuardAction::Normal : GuardAction::Parent, false};
    }
    if (!parent.admin) {
        if (admin) {
            return {GuardAction::Admin, false};
        }
        if (!normal) {
            return {GuardAction::Parent, false};
        }
        if (!parent.on && *normal) {
            return {GuardAction::ErrorNormal, false};
        }
        return {GuardAction::Normal, parent.on};
    }
    if (!admin) {
        return {GuardAction::Parent, false};
    }
    if (!parent.on && *admin) {
        return {GuardAction::ErrorAdmin, false};
    }
    return {GuardAction::Admin, true};
}

// The position of each entry of a held list by its key (an export's mount point, an environ
// key), so that merging n definitions costs O(n log n) instead of one scan of the list per
// definition; the list itself keeps the order the spec prints.
template <typename T> class ListIndex {
public:
    explicit ListIndex(std::string T::*key) : m_key(key) {}

    T* find(std::vector<T>& list, const std::string& key) const {
        const auto at = m_at.find(key);
        return at == m_at.end() ? nullptr : &list[at->second];
    }
    void append(std::vector<T>& list, T item) {
        m_at.emplace(item.*m_key, list.size());
        list.push_back(std::move(item));
    }
    // After entries were removed from `list`.
    void rebuild(const std::vector<T>& list) {
        m_at.clear();
        for (std::size_t i = 0; i < list.size(); ++i) {
            m_at.emplace(list[i].*m_key, i);
        }
    }

private:
    std::string T::*m_key;
    std::map<std::string, std::size_t> m_at;
};

} // namespace

namespace detail {

// What the family decided so far about one capability (or about "all").
struct CapabilityDecision {
    bool add = false;
    std::string rule;
    Provenance provenance;
};

// Where a deferred text goes.
enum class DeferredField {
    EnvValue,
    EnvCommand,
    ExportMount,
    ExportSource,
    Scalar,
    ShareJoin,
    CgroupValue
};

// A value of the merge that expands otherwise with another leaf, as written: a merge continued
// for another leaf expands it again (the leaf-dependent expansion is done last).
struct DeferredText {
    DeferredField field = DeferredField::EnvValue;
    std::string raw;
    std::string file;
    int line = 0;
    int column = 0;
    std::size_t node = 0; // the defining node, in the family
    std::optional<std::uint32_t> owner;
    bool definingNode = false;
};

// The mount point of one export definition of a merged file, as expanded for the leaf.
struct MountKey {
    std::string file;
    int line = 0;
    int column = 0;
    std::string mount;
};

// Everything the merge holds between two nodes (MergeProgress).
struct MergeState {
    EffectiveConfig out;
    std::vector<NodeTags> tags;                             // of every member known, the leaf last
    std::size_t merged = 0;                                 // members merged
    std::map<std::string, CapabilityDecision> capabilities; // by capability, and "all"
    std::vector<std::string> capabilityOrder;               // of first decision
    ListIndex<EffectiveExport> exportIndex{&EffectiveExport::mount};
    ListIndex<EffectiveEnv> environIndex{&EffectiveEnv::key};
    // Set by an expansion whose result depends on which node is the leaf and that cannot be
    // deferred (a mount point: a merge key), or by the redefinition of a deferred value (its
    // text is in the provenance): what is held then is only this leaf's. Mutable, as
    // `deferred`: expanding is otherwise a const step of the merge.
    mutable bool leafDependent = false;
    mutable std::vector<DeferredText> deferred;
    // Every export definition merged while the progress is kept: a deferred mount point (a
    // merge key) is only continued while it is the mount point of no other definition, for the
    // leaf merged and for the next one, so that the merge took the same decisions for both.
    std::vector<MountKey> mountKeys;
};

} // namespace detail

namespace {

using detail::CapabilityDecision;
using detail::DeferredField;
using detail::DeferredText;
using detail::MergeState;
using detail::MountKey;

class FamilyMerger {
public:
    // Starts from `from`, the state of the same merge of the family without its last members.
    // `keepsProgress`: the state is kept for descendants, what depends on the leaf is tracked.
    FamilyMerger(const std::vector<FamilyMember>& family, const MergeOptions& options,
                 const MergeState* from, bool keepsProgress)
        : m_family(family), m_options(options), m_keepsProgress(keepsProgress) {
        if (from) {
            m_state = *from;
        }
        addMembers();
        if (from && m_options.expander && !expandDeferredAgain()) {
            // A deferred mount point meets another one for this leaf: merged from scratch.
            m_state = MergeState{};
            addMembers();
        }
    }

    // The merge of the whole family; its state before the steps that need the whole family is
    // kept in `progress` when given.
    EffectiveConfig run(MergeProgress* progress) {
        for (std::size_t i = m_state.merged; i < m_family.size(); ++i) {
            mergeNode(i);
        }
        m_state.merged = m_family.size();
        if (progress) {
            if (!deferredMountsUnique()) {
                m_state.leafDependent = true;
            }
            progress->state = std::make_shared<const MergeState>(m_state);
        }
        mergePathLists();
        finishCapabilities();
        evaluateEnvironCommands();
        return std::move(m_state.out);
    }

private:
    // The tags and family entries of the members the state does not know yet.
    void addMembers() {
        m_state.out.mode = m_options.mode;
        m_state.out.expanded = m_options.expander != nullptr;
        for (std::size_t i = m_state.tags.size(); i < m_family.size(); ++i) {
            const FamilyMember& member = m_family[i];
            const Headers& h = member.normal.headers;
            NodeTags tags{h.alias.value, h.name ? h.name->value : std::string(),
                          normalizeMountPath(member.location.base.string()),
                          h.info ? h.info->value : std::string()};
            m_state.out.family.push_back(FamilyNodeInfo{
                tags.path, tags.alias, tags.name, tags.info, member.location.normalConfig.string(),
                member.location.adminConfig ? member.location.adminConfig->string() : std::string(),
                member.location.statusFile.string(), member.objects});
            m_state.tags.push_back(std::move(tags));
        }
    }

    void mergeNode(std::size_t i) {
        const Layer normal = normalLayer(i);
        Layer admin;
        if (m_options.mode == MergeMode::Admin && m_family[i].admin) {
            admin = adminLayer(i);
        }
        warnUnknownTags(normal);
        warnUnknownTags(admin);
        mergeEnviron(normal, admin);
        dropAncestorPrivateExports();
        mergeExports(normal, admin);
        mergeCapabilities(normal, admin);
        mergeShares(normal, admin);
        mergeScalars(normal, admin);
        mergeCgroups(normal, admin);
    }

    const NodeTags& leafTags() const { return m_state.tags.back(); }

    static std::optional<std::uint32_t> ownerOf(const std::optional<FileIdentity>& identity) {
        return identity ? std::optional<std::uint32_t>(identity->uid) : std::nullopt;
    }
    Layer normalLayer(std::size_t i) const {
        return Layer{&m_family[i].normal, ConfigKind::Normal, m_state.out.family[i].normalConfig, i,
                     ownerOf(m_family[i].normalIdentity)};
    }
    Layer adminLayer(std::size_t i) const {
        return Layer{&*m_family[i].admin, ConfigKind::Admin, m_state.out.family[i].adminConfig, i,
                     ownerOf(m_family[i].adminIdentity)};
    }

    Origin originOf(const Layer& layer, SourcePos pos) const {
        return Origin{m_state.tags[layer.node].path,
                      m_state.tags[layer.node].alias,
                      layer.kind,
                      layer.file,
                      pos,
                      layer.owner};
    }

    // A tag neither predefined nor set in the launching environment expands to "" (as REDPAK
    // does), but a typo must not pass silently: every file taking part is checked once.
    void warnUnknownTags(const Layer& layer) {
        if (!layer) {
            return;
        }
        const EnvironmentLookup environment =
            m_options.expander ? m_options.expander->launchEnvironment() : processEnvironment();
        for (Diagnostic& d : unknownTagWarnings(*layer.config, layer.file, environment)) {
            m_state.out.warnings.push_back(std::move(d));
        }
    }

    std::string expand(const std::string& text, const Layer& layer, SourcePos pos,
                       bool definingNode, std::optional<DeferredField> field = std::nullopt) const {
        if (!m_options.expander) {
            return text;
        }
        const NodeTags& defining = definingNode ? m_state.tags[layer.node] : leafTags();
        const TextOrigin origin{layer.file, pos, layer.owner};
        std::string expanded = m_options.expander->expand(text, defining, leafTags(), origin);
        if (m_keepsProgress && !m_state.leafDependent && text.find('$') != std::string::npos &&
            dependsOnLeaf(text, expanded, defining, definingNode, origin)) {
            if (field) {
                m_state.deferred.push_back(DeferredText{*field, text, layer.file, pos.line,
                                                        pos.column, layer.node, layer.owner,
                                                        definingNode});
            } else {
                m_state.leafDependent = true;
            }
        }
        return expanded;
    }

    static bool sameOrigin(const Origin& origin, const DeferredText& d) {
        return origin.file == d.file && origin.pos.line == d.line && origin.pos.column == d.column;
    }

    // A deferred value redefined: its text, expanded for this leaf, is in the provenance.
    void noteReplaced(const Origin& replaced) const {
        if (std::any_of(m_state.deferred.begin(), m_state.deferred.end(),
                        [&](const DeferredText& d) { return sameOrigin(replaced, d); })) {
            m_state.leafDependent = true;
        }
    }

    // The deferred values of a continued merge, expanded for its leaf; false when a deferred
    // mount point then meets another one (the merge would have decided otherwise).
    bool expandDeferredAgain() {
        bool mounts = false;
        for (const DeferredText& d : m_state.deferred) {
            const NodeTags& defining = d.definingNode ? m_state.tags[d.node] : leafTags();
            const std::string text = m_options.expander->expand(
                d.raw, defining, leafTags(),
                TextOrigin{d.file, SourcePos{d.line, d.column}, d.owner});
            setDeferred(d, text);
            mounts = mounts || d.field == DeferredField::ExportMount;
        }
        if (!mounts) {
            return true;
        }
        m_state.exportIndex.rebuild(m_state.out.exports);
        return deferredMountsUnique();
    }

    static bool samePlace(const MountKey& key, const DeferredText& d) {
        return key.file == d.file && key.line == d.line && key.column == d.column;
    }

    // Whether each deferred mount point is that of its own definition only.
    bool deferredMountsUnique() const {
        using Place = std::tuple<std::string_view, int, int>;
        std::set<Place> deferredMounts;
        for (const DeferredText& d : m_state.deferred) {
            if (d.field == DeferredField::ExportMount) {
                deferredMounts.emplace(d.file, d.line, d.column);
            }
        }
        std::map<std::string_view, std::size_t> uses;
        for (const MountKey& key : m_state.mountKeys) {
            ++uses[key.mount];
        }
        return std::all_of(
            m_state.mountKeys.begin(), m_state.mountKeys.end(), [&](const MountKey& key) {
                return uses[key.mount] == 1 ||
                       !deferredMounts.contains(Place{key.file, key.line, key.column});
            });
    }

    void setDeferred(const DeferredText& d, const std::string& text) {
        const auto at = [&d](const Provenance& p) { return sameOrigin(p.origin, d); };
        for (EffectiveEnv& env : m_state.out.environ) {
            if (at(env.provenance) && d.field == DeferredField::EnvValue) {
                env.value = text;
            } else if (at(env.provenance) && d.field == DeferredField::EnvCommand) {
                env.command = text;
            }
        }
        for (EffectiveExport& exp : m_state.out.exports) {
            if (at(exp.provenance) && d.field == DeferredField::ExportSource) {
                exp.source = exp.mode == ExportMode::Execfd ? text : normalizeMountPath(text);
            } else if (at(exp.provenance) && d.field == DeferredField::ExportMount) {
                exp.mount = normalizeMountPath(text);
            }
        }
        for (MountKey& key : m_state.mountKeys) {
            if (d.field == DeferredField::ExportMount && samePlace(key, d)) {
                key.mount = normalizeMountPath(text);
            }
        }
        for (std::optional<EffectiveShare>& share : m_state.out.shares) {
            if (share && at(share->provenance) && d.field == DeferredField::ShareJoin) {
                share->value.joinPath = text;
            }
        }
        for (NodeCgroup& node : m_state.out.cgroups) {
            for (EffectiveCgroupLimit& limit : node.limits) {
                if (at(limit.provenance) && d.field == DeferredField::CgroupValue) {
                    limit.limit.value = text;
                }
            }
        }
        forEachMergedKey([&](const ScalarKey&, const auto& members) {
            auto& held = m_state.out.*members.effective;
            using Held = std::decay_t<decltype(held)>;
            if constexpr (std::is_same_v<Held, std::optional<Effective<std::string>>>) {
                if (held && at(held->provenance) && d.field == DeferredField::Scalar) {
                    held->value = text;
                }
            }
        });
    }

    // Whether `text` expands otherwise with another leaf: expanded again with tags no node has.
    // A command may run: it must not run twice, and whatever it prints belongs to this leaf.
    bool dependsOnLeaf(const std::string& text, const std::string& expanded,
                       const NodeTags& defining, bool definingNode,
                       const TextOrigin& origin) const {
        if (m_options.expander->commands().kind() == CommandPolicy::Kind::Allow) {
            return true;
        }
        static const NodeTags other{"\x01", "\x01", "\x01", "\x01"};
        return m_options.expander->expand(text, definingNode ? defining : other, other, origin) !=
               expanded;
    }

    static bool samePlace(const Diagnostic& d, const Origin& at, const std::string& message) {
        return d.file == at.file && d.line == at.pos.line && d.column == at.pos.column &&
               d.message == message;
    }

    // One ALL rule decides every capability: what it causes is reported once.
    void warn(const Origin& at, std::string message) {
        if (std::none_of(m_state.out.warnings.begin(), m_state.out.warnings.end(),
                         [&](const Diagnostic& d) { return samePlace(d, at, message); })) {
            m_state.out.warnings.push_back(
                Diagnostic{at.file, at.pos.line, at.pos.column, std::move(message)});
        }
    }

    void error(const Origin& offender, const Origin& ancestor, std::string item,
               const std::string& verb) {
        std::string message =
            "cannot " + verb + " in " + describe(offender) + ": forbidden by " + describe(ancestor);
        if (std::any_of(
                m_state.out.errors.begin(), m_state.out.errors.end(),
                [&](const MergeError& e) { return samePlace(e.diagnostic, offender, message); })) {
            return;
        }
        m_state.out.errors.push_back(
            MergeError{offender.node, ancestor.node, std::move(item),
                       Diagnostic{offender.file, offender.pos.line, offender.pos.column, message}});
    }

    // ---- environ ---------------------------------------------------------------------------

    EffectiveEnv makeEnv(const EnvEntry& entry, const Layer& layer) const {
        EffectiveEnv env;
        env.key = entry.key;
        env.mode = entry.mode;
        env.info = entry.info;
        env.warn = entry.warn;
        env.provenance.origin = originOf(layer, entry.pos);
        const std::string raw = entry.value.value_or("");
        switch (entry.mode) {
        case EnvMode::Default:
            env.value = expand(raw, layer, entry.pos, true, DeferredField::EnvValue);
            break;
        case EnvMode::Static:
            env.value = raw;
            break;
        case EnvMode::Execfd:
            env.command = expand(raw, layer, entry.pos, true, DeferredField::EnvCommand);
            break;
        case EnvMode::Inherit:
            if (m_options.expander) {
                env.value = m_options.expander->environment()(entry.key);
            }
            break;
        case EnvMode::Remove:
            break;
        }
        return env;
    }

    static std::string definitionText(const EffectiveEnv& env) {
        if (env.mode == EnvMode::Execfd) {
            return "$(" + env.command + ")";
        }
        return std::string(toString(env.mode)) + (env.value ? " " + *env.value : std::string());
    }

    // One key of a keyed list (environ key, mount point): the entry held from an ancestor, the
    // node's normal and admin definitions, and what the override table picks among them.
    template <typename T, typename Definition> struct KeyChoice {
        T* existing = nullptr;
        const Definition* normal = nullptr;
        const Definition* admin = nullptr;
        OverrideChoice choice;
    };

    template <typename T, typename Definition>
    static KeyChoice<T, Definition> chooseKey(ListIndex<T>& index, std::vector<T>& list,
                                              const std::map<std::string, Definition>& fromNormal,
                                              const std::map<std::string, Definition>& fromAdmin,
                                              const std::string& key) {
        const auto lookup = [&key](const std::map<std::string, Definition>& from) {
            const auto found = from.find(key);
            return found == from.end() ? nullptr : &found->second;
        };
        KeyChoice<T, Definition> result{
            index.find(list, key), lookup(fromNormal), lookup(fromAdmin), {}};
        T* existing = result.existing;
        result.choice = chooseOverridable(
            existing != nullptr, existing && existing->provenance.origin.kind == ConfigKind::Admin,
            result.normal != nullptr, result.admin != nullptr);
        return result;
    }

    // A redefinition, of an environ entry or an export alike, keeps what it replaced as
    // provenance, and warns when the table asks so, with the replaced file's own warning.
    template <typename T>
    void recordRedefinition(T& made, const T* replaced, bool warnOfIt, const std::string& item) {
        if (!replaced) {
            return;
        }
        noteReplaced(replaced->provenance.origin);
        made.provenance.overrode =
            Overridden{replaced->provenance.origin, definitionText(*replaced)};
        if (!warnOfIt) {
            return;
        }
        made.provenance.warning = item + " of " + describe(replaced->provenance.origin) +
                                  " redefined in " + describe(made.provenance.origin);
        if (replaced->warn) {
            made.provenance.warning += ": " + *replaced->warn;
        }
        warn(made.provenance.origin, made.provenance.warning);
    }

    // In the place of the ancestor's entry, so that the list keeps the order of first
    // definition; appended otherwise.
    template <typename T>
    static void store(T made, T* existing, std::vector<T>& list, ListIndex<T>& index) {
        if (existing) {
            *existing = std::move(made);
        } else {
            index.append(list, std::move(made));
        }
    }

    void mergeEnviron(const Layer& normal, const Layer& admin) {
        std::vector<std::string> keys; // in order of first definition
        std::set<std::string> seen;
        std::map<std::string, const EnvEntry*> fromNormal, fromAdmin;
        const auto collect = [&](const Layer& layer, auto& into) {
            if (!layer) {
                return;
            }
            for (const EnvEntry& entry : layer.config->environ) {
                if (into.emplace(entry.key, &entry).second && seen.insert(entry.key).second) {
                    keys.push_back(entry.key);
                }
            }
        };
        collect(normal, fromNormal);
        collect(admin, fromAdmin);
        for (const std::string& key : keys) {
            const auto c =
                chooseKey(m_state.environIndex, m_state.out.environ, fromNormal, fromAdmin, key);
            if (c.choice.pick == Pick::Parent) {
                continue;
            }
            const bool pickAdmin = c.choice.pick == Pick::Admin;
            EffectiveEnv made =
                makeEnv(pickAdmin ? **c.admin : **c.normal, pickAdmin ? admin : normal);
            std::optional<EffectiveEnv> replaced;
            if (pickAdmin && c.normal) {
                replaced = makeEnvUnevaluated(**c.normal, normal);
            } else if (c.existing) {
                replaced = *c.existing;
            }
            recordRedefinition(made, replaced ? &*replaced : nullptr, c.choice.warn,
                               "environment variable " + key);
            store(std::move(made), c.existing, m_state.out.environ, m_state.environIndex);
        }
    }

    // The replaced normal definition of the same node only serves as provenance text.
    EffectiveEnv makeEnvUnevaluated(const EnvEntry& entry, const Layer& layer) const {
        EffectiveEnv env;
        env.key = entry.key;
        env.mode = entry.mode;
        env.warn = entry.warn;
        env.value = entry.value;
        env.command = entry.value.value_or("");
        env.provenance.origin = originOf(layer, entry.pos);
        return env;
    }

    void evaluateEnvironCommands() {
        if (!m_options.expander) {
            return;
        }
        for (EffectiveEnv& env : m_state.out.environ) {
            if (env.mode == EnvMode::Execfd) {
                const Origin& o = env.provenance.origin;
                env.value = m_options.expander->commands().evaluate(
                    env.command, TextOrigin{o.file, o.pos, o.owner});
            }
        }
    }

    // ---- exports ---------------------------------------------------------------------------

    EffectiveExport makeExport(const ExportEntry& entry, const Layer& layer) const {
        EffectiveExport exp;
        exp.mode = entry.mode;
        exp.mount = normalizeMountPath(
            expand(entry.mount, layer, entry.pos, true, DeferredField::ExportMount));
        const Presence presence = pathPresence(entry.mode);
        if (presence != Presence::Ignored && presence != Presence::Forbidden) {
            exp.source = expand(entry.path.value_or(entry.mount), layer, entry.pos, true,
                                DeferredField::ExportSource);
            if (entry.mode != ExportMode::Execfd) {
                exp.source = normalizeMountPath(exp.source);
            }
        }
        exp.info = entry.info;
        exp.warn = entry.warn;
        exp.provenance.origin = originOf(layer, entry.pos);
        return exp;
    }

    static std::string definitionText(const EffectiveExport& exp) {
        return std::string(toString(exp.mode)) + (exp.source.empty() ? "" : " " + exp.source);
    }

    void mergeExports(const Layer& normal, const Layer& admin) {
        std::vector<std::string> mounts; // in order of first definition
        std::set<std::string> seen;
        std::map<std::string, EffectiveExport> fromNormal, fromAdmin;
        const auto collect = [&](const Layer& layer, auto& into) {
            if (!layer) {
                return;
            }
            for (const ExportEntry& entry : layer.config->exports) {
                EffectiveExport exp = makeExport(entry, layer);
                const std::string mount = exp.mount;
                if (m_keepsProgress) {
                    m_state.mountKeys.push_back(
                        MountKey{layer.file, entry.pos.line, entry.pos.column, mount});
                }
                if (seen.insert(mount).second) {
                    mounts.push_back(mount);
                }
                into.insert_or_assign(mount, std::move(exp));
            }
        };
        collect(normal, fromNormal);
        collect(admin, fromAdmin);
        for (const std::string& mount : mounts) {
            const auto c =
                chooseKey(m_state.exportIndex, m_state.out.exports, fromNormal, fromAdmin, mount);
            if (c.choice.pick == Pick::Parent) {
                continue;
            }
            const bool pickAdmin = c.choice.pick == Pick::Admin;
            EffectiveExport made = pickAdmin ? *c.admin : *c.normal;
            const EffectiveExport* replaced = pickAdmin && c.normal ? c.normal : c.existing;
            recordRedefinition(made, replaced, c.choice.warn, "export " + mount);
            store(std::move(made), c.existing, m_state.out.exports, m_state.exportIndex);
        }
    }

    // Spec §2: Private and PrivateFile exports of an ancestor take no part in the merge of a
    // descendant. Called before each node's exports are merged, when every export held comes
    // from an ancestor: they are set aside before the table applies, so they neither reach the
    // node nor hide its own definition of the mount point (even from an admin file).
    // PrivateRestricted of an ancestor stays mounted (read-only), as the reference cases record
    // (conformance/basic, export-privaterestricted-A).
    void dropAncestorPrivateExports() {
        const auto erased = std::erase_if(m_state.out.exports, [](const EffectiveExport& e) {
            return e.mode == ExportMode::Private || e.mode == ExportMode::PrivateFile;
        });
        if (erased > 0) {
            m_state.exportIndex.rebuild(m_state.out.exports);
        }
    }

    // ---- capabilities and sharings (the 21-row table) ------------------------------------

    struct GuardedDefinition {
        bool on = false;
        Origin origin;
        std::string text;
    };

    // Applies the guarded table for one item. `parent` is the accumulated state (possibly the
    // `all` fallback). Returns the definition to keep, or nullopt to keep the parent.
    std::optional<Pick> applyGuarded(const std::optional<GuardedDefinition>& parent,
                                     const std::optional<GuardedDefinition>& normal,
                                     const std::optional<GuardedDefinition>& admin, bool warnings,
                                     const std::string& item, const std::string& verbOn,
                                     Provenance& provenance) {
        GuardParent p;
        if (parent) {
            p = GuardParent{true, parent->on, parent->origin.kind == ConfigKind::Admin};
        }
        const auto state = [](const std::optional<GuardedDefinition>& d) {
            return d ? std::optional<bool>(d->on) : std::nullopt;
        };
        const GuardChoice choice = chooseGuarded(p, state(normal), state(admin));
        switch (choice.action) {
        case GuardAction::Parent:
            return std::nullopt;
        case GuardAction::ErrorNormal:
            error(normal->origin, parent->origin, item, verbOn);
            return std::nullopt;
        case GuardAction::ErrorAdmin:
            error(admin->origin, parent->origin, item, verbOn);
            return std::nullopt;
        case GuardAction::Normal:
        case GuardAction::Admin:
            break;
        }
        const bool pickAdmin = choice.action == GuardAction::Admin;
        const GuardedDefinition& made = pickAdmin ? *admin : *normal;
        provenance.origin = made.origin;
        const GuardedDefinition* replaced =
            pickAdmin && normal ? &*normal : (parent ? &*parent : nullptr);
        if (replaced) {
            noteReplaced(replaced->origin);
            provenance.overrode = Overridden{replaced->origin, replaced->text};
        }
        if (warnings && choice.capabilityWarning && replaced) {
            provenance.warning = item + " of " + describe(replaced->origin) + " redefined in " +
                                 describe(made.origin);
            warn(made.origin, provenance.warning);
        }
        return pickAdmin ? Pick::Admin : Pick::Normal;
    }

    // ---- capabilities: per capability, ALL being a rule for every capability at once ------

    // The rule of one file about one capability, and the name it was written under.
    struct CapabilityRule {
        GuardedDefinition definition;
        std::string rule; // the capability itself, or "all"
    };

    static std::string ruleText(bool add, const std::string& rule, const std::string& name) {
        return std::string(add ? "add" : "drop") + (rule != name ? " ALL" : "");
    }

    // A file's own rule for the capability wins over its ALL rule (drop ALL, add one back).
    std::optional<CapabilityRule> capabilityRuleIn(const Layer& layer,
                                                   const std::string& name) const {
        const ConfigSection* section = layer.section();
        if (!section) {
            return std::nullopt;
        }
        const CapabilityEntry* found = nullptr;
        for (const CapabilityEntry& cap : section->capabilities) {
            if (cap.name == name || (!found && covers(cap.name, name))) {
                found = &cap;
            }
        }
        if (!found) {
            return std::nullopt;
        }
        return CapabilityRule{GuardedDefinition{found->add, originOf(layer, found->pos),
                                                ruleText(found->add, found->name, name)},
                              found->name};
    }

    static bool definesCapabilities(const Layer& layer) {
        const ConfigSection* section = layer.section();
        return section && !section->capabilities.empty();
    }

    // "all" first, then every capability the kernel knows.
    static const std::vector<std::string>& capabilityItems() {
        static const std::vector<std::string> items = [] {
            std::vector<std::string> names{"all"};
            for (const std::string_view name : capabilityNames()) {
                names.emplace_back(name);
            }
            return names;
        }();
        return items;
    }

    void mergeCapabilities(const Layer& normal, const Layer& admin) {
        if (!definesCapabilities(normal) && !definesCapabilities(admin)) {
            return;
        }
        // Decisions are taken against the state before this node: a node's own `ALL` rule
        // does not forbid its own `cap_x` (drop ALL, add one back is a normal pattern).
        const std::map<std::string, CapabilityDecision> before = m_state.capabilities;
        for (const std::string& name : capabilityItems()) {
            mergeCapability(name, before, normal, admin);
        }
    }

    // The 21-row table for one capability. An error or warning between two ALL rules is about
    // "all" (reported once), otherwise about the capability.
    void mergeCapability(const std::string& name,
                         const std::map<std::string, CapabilityDecision>& before,
                         const Layer& normal, const Layer& admin) {
        const std::optional<CapabilityRule> n = capabilityRuleIn(normal, name);
        const std::optional<CapabilityRule> a = capabilityRuleIn(admin, name);
        if (!n && !a) {
            return;
        }
        std::optional<GuardedDefinition> parent;
        std::string parentRule = "all";
        if (const auto found = before.find(name); found != before.end()) {
            const CapabilityDecision& d = found->second;
            parent = GuardedDefinition{d.add, d.provenance.origin, ruleText(d.add, d.rule, name)};
            parentRule = d.rule;
        }
        const std::string& childRule = a ? a->rule : n->rule;
        const bool betweenAllRules = childRule == "all" && parentRule == "all";
        const std::string item = betweenAllRules ? "all" : name;
        const std::string verb = betweenAllRules      ? "add ALL"
                                 : childRule == "all" ? "add " + name + " (cap: ALL)"
                                                      : "add " + name;
        const auto definition = [](const std::optional<CapabilityRule>& r) {
            return r ? std::optional<GuardedDefinition>(r->definition) : std::nullopt;
        };
        Provenance provenance;
        const std::optional<Pick> pick = applyGuarded(parent, definition(n), definition(a), true,
                                                      "capability " + item, verb, provenance);
        if (!pick) {
            return;
        }
        const CapabilityRule& made = *pick == Pick::Admin ? *a : *n;
        if (!m_state.capabilities.contains(name)) {
            m_state.capabilityOrder.push_back(name);
        }
        m_state.capabilities[name] = CapabilityDecision{made.definition.on, made.rule, provenance};
    }

    // The unambiguous final set (EffectiveConfig::capabilities): the ALL decision first, then
    // what differs from it or was named on its own.
    void finishCapabilities() {
        const auto all = m_state.capabilities.find("all");
        if (all != m_state.capabilities.end()) {
            m_state.out.capabilities.push_back(
                EffectiveCapability{"all", all->second.add, all->second.provenance});
        }
        for (const std::string& name : m_state.capabilityOrder) {
            const CapabilityDecision& d = m_state.capabilities.at(name);
            const bool followsAll =
                all != m_state.capabilities.end() && d.rule == "all" && d.add == all->second.add;
            if (name != "all" && !followsAll) {
                m_state.out.capabilities.push_back(EffectiveCapability{name, d.add, d.provenance});
            }
        }
    }

    std::optional<GuardedDefinition> shareIn(const Layer& layer, Namespace ns,
                                             ShareValue* value) const {
        const ConfigSection* section = layer.section();
        if (!section) {
            return std::nullopt;
        }
        const auto& setting = section->share(ns);
        if (!setting || (setting->value.state == Edu::Unset && !setting->value.joins())) {
            return std::nullopt;
        }
        ShareValue v = setting->value;
        if (v.joins()) {
            v.joinPath = expand(v.joinPath, layer, setting->pos, false, DeferredField::ShareJoin);
        }
        if (value) {
            *value = v;
        }
        return GuardedDefinition{v.state == Edu::Enabled, originOf(layer, setting->pos),
                                 valueText(v)};
    }

    void mergeShares(const Layer& normal, const Layer& admin) {
        // Spec §2: share_all is merged as a key of its own, and is no bound of the others (the
        // fallback applies after the merge: effectiveShare).
        for (const Namespace ns : kAllNamespaces) {
            const auto index = static_cast<std::size_t>(ns);
            const std::optional<EffectiveShare>& held = m_state.out.shares[index];
            std::optional<GuardedDefinition> parent;
            if (held) {
                parent = GuardedDefinition{held->value.state == Edu::Enabled,
                                           held->provenance.origin, valueText(held->value)};
            }
            ShareValue normalValue, adminValue;
            const std::optional<GuardedDefinition> n = shareIn(normal, ns, &normalValue);
            const std::optional<GuardedDefinition> a = shareIn(admin, ns, &adminValue);
            Provenance provenance;
            const std::string name(toString(ns));
            const std::optional<Pick> pick =
                applyGuarded(parent, n, a, false, "share " + name, "share " + name, provenance);
            if (!pick) {
                continue;
            }
            m_state.out.shares[index] =
                EffectiveShare{*pick == Pick::Admin ? adminValue : normalValue, shareKey(ns),
                               std::move(provenance)};
        }
    }

    // ---- other config values --------------------------------------------------------------

    template <typename T>
    void mergeScalar(const Layer& normal, const Layer& admin,
                     std::optional<Setting<T>> ConfigSection::*member,
                     std::optional<Effective<T>>& into, bool expandText) {
        const auto definition = [&](const Layer& layer) -> std::optional<Effective<T>> {
            const ConfigSection* section = layer.section();
            if (!section || !(section->*member)) {
                return std::nullopt;
            }
            const auto& setting = *(section->*member);
            if constexpr (std::is_same_v<T, Edu>) {
                if (setting.value == Edu::Unset) {
                    return std::nullopt; // spec §2: `unset` is not a definition
                }
            }
            Effective<T> made{setting.value, Provenance{originOf(layer, setting.pos), {}, {}}};
            if constexpr (std::is_same_v<T, std::string>) {
                if (expandText) {
                    made.value =
                        expand(setting.value, layer, setting.pos, false, DeferredField::Scalar);
                }
            }
            return made;
        };
        const std::optional<Effective<T>> n = definition(normal);
        const std::optional<Effective<T>> a = definition(admin);
        const bool parentIsAdmin = into && into->provenance.origin.kind == ConfigKind::Admin;
        const std::optional<Effective<T>>* chosen = nullptr;
        if (a) {
            chosen = &a;
        } else if (n && !parentIsAdmin) {
            chosen = &n;
        }
        if (!chosen) {
            return;
        }
        Effective<T> made = **chosen;
        const std::optional<Effective<T>>& replaced = (chosen == &a && n) ? n : into;
        if (replaced) {
            noteReplaced(replaced->provenance.origin);
            made.provenance.overrode =
                Overridden{replaced->provenance.origin, valueText(replaced->value)};
        }
        into = std::move(made);
    }

    void mergeScalars(const Layer& n, const Layer& a) {
        forEachMergedKey([&](const ScalarKey& key, const auto& members) {
            mergeScalar(n, a, members.written, m_state.out.*members.effective, key.expands);
        });
    }

    // ---- cgroups: one per node, admin over normal within the node --------------------------

    void mergeCgroups(const Layer& normal, const Layer& admin) {
        NodeCgroup node{m_state.tags[normal.node].path, m_state.tags[normal.node].alias, {}};
        for (const Layer* layer : {&normal, &admin}) {
            const ConfigSection* section = layer->section();
            if (!section) {
                continue;
            }
            for (const CgroupLimit& limit : section->cgroups) {
                CgroupLimit expanded = limit;
                expanded.value =
                    expand(limit.value, *layer, limit.pos, false, DeferredField::CgroupValue);
                EffectiveCgroupLimit made{expanded,
                                          Provenance{originOf(*layer, limit.pos), {}, {}}};
                auto existing = std::find_if(node.limits.begin(), node.limits.end(),
                                             [&limit](const EffectiveCgroupLimit& l) {
                                                 return l.limit.controller == limit.controller &&
                                                        l.limit.key == limit.key;
                                             });
                if (existing != node.limits.end()) {
                    noteReplaced(existing->provenance.origin);
                    made.provenance.overrode =
                        Overridden{existing->provenance.origin, existing->limit.value};
                    *existing = std::move(made);
                } else {
                    node.limits.push_back(std::move(made));
                }
            }
        }
        m_state.out.cgroups.push_back(std::move(node));
    }

    // ---- path, ldpath: child first, admin before normal, duplicates removed ---------------

    void mergePathList(std::optional<Setting<std::string>> ConfigSection::*member,
                       std::vector<EffectivePathEntry>& into) {
        std::set<std::string> seen;
        for (std::size_t i = m_family.size(); i-- > 0;) {
            std::vector<Layer> layers;
            if (m_options.mode == MergeMode::Admin && m_family[i].admin) {
                layers.push_back(adminLayer(i));
            }
            layers.push_back(normalLayer(i));
            for (const Layer& layer : layers) {
                const ConfigSection* section = layer.section();
                if (!section || !(section->*member)) {
                    continue;
                }
                const Setting<std::string>& setting = *(section->*member);
                const std::string text = expand(setting.value, layer, setting.pos, true);
                std::size_t start = 0;
                while (start <= text.size()) {
                    std::size_t end = text.find(':', start);
                    if (end == std::string::npos) {
                        end = text.size();
                    }
                    std::string dir = text.substr(start, end - start);
                    if (!dir.empty() && seen.insert(dir).second) {
                        into.push_back(EffectivePathEntry{
                            dir, Provenance{originOf(layer, setting.pos), {}, {}}});
                    }
                    start = end + 1;
                }
            }
        }
    }

    void mergePathLists() {
        mergePathList(&ConfigSection::path, m_state.out.path);
        mergePathList(&ConfigSection::ldpath, m_state.out.ldpath);
    }

    const std::vector<FamilyMember>& m_family;
    MergeOptions m_options;
    bool m_keepsProgress;
    MergeState m_state;
};

} // namespace

EffectiveConfig mergeFamily(const std::vector<FamilyMember>& family, const MergeOptions& options) {
    return mergeFamily(family, options, nullptr, nullptr);
}

bool MergeProgress::continuable() const {
    return state && !state->leafDependent;
}

EffectiveConfig mergeFamily(const std::vector<FamilyMember>& family, const MergeOptions& options,
                            const MergeProgress* from, MergeProgress* progress) {
    if (family.empty()) {
        throw InputError(Diagnostic{{}, 0, 0, "cannot merge an empty family"});
    }
    const bool resumes = from && from->continuable() && from->state->merged < family.size() &&
                         from->state->out.mode == options.mode &&
                         from->state->out.expanded == (options.expander != nullptr);
    return FamilyMerger(family, options, resumes ? from->state.get() : nullptr, progress != nullptr)
        .run(progress);
}

} // namespace redpak
