// SPDX-License-Identifier: Apache-2.0
// Semantic diff: both sides are flattened into items (identity, value text, access level),
// matched by identity, and each change is classified by comparing access levels. The levels
// are the whole policy of this file: one function per kind of item says how much access a
// value gives and in which words.
#include "redpak/review/diff.h"

#include "base/json.h"
#include "merge/unknown_tags.h"
#include "redpak/base/text_escape.h"
#include "redpak/config/schema.h"
#include "redpak/launch/launch_view.h"
#include "redpak/launch/plan.h"
#include "redpak/merge/expand.h"
#include "review/diff_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

namespace redpak {

std::string_view toString(ChangeKind kind) {
    switch (kind) {
    case ChangeKind::Added:
        return "added";
    case ChangeKind::Removed:
        return "removed";
    case ChangeKind::Modified:
        break;
    }
    return "modified";
}

std::string_view toString(Direction direction) {
    switch (direction) {
    case Direction::Widening:
        return "widening";
    case Direction::Narrowing:
        return "narrowing";
    case Direction::Neutral:
        break;
    }
    return "neutral";
}

std::size_t Diff::count(Direction direction) const {
    return static_cast<std::size_t>(
        std::count_if(changes.begin(), changes.end(),
                      [direction](const Change& c) { return c.direction == direction; }));
}

std::string Diff::summary() const {
    if (changes.empty()) {
        return "no change";
    }
    return std::to_string(count(Direction::Widening)) + " widening, " +
           std::to_string(count(Direction::Narrowing)) + " narrowing, " +
           std::to_string(count(Direction::Neutral)) + " neutral";
}

namespace {

constexpr double kUnlimited = std::numeric_limits<double>::infinity();

// How much access one value gives. Higher rank = more access; `label` says it in words.
// Not comparable: the change is neutral whatever the values (info texts, prompts...).
struct Level {
    int rank = 0;
    std::string label;
    bool comparable = true;
};

struct Item {
    std::string category;
    std::string key;      // config key, capability, mount... (what the level functions need)
    std::string identity; // shown and matched
    std::string text;     // value as text
    Level level;
    std::string scope;            // exports: host source; namespaces: joined namespace
    std::optional<double> amount; // cgroup limits (kUnlimited for "max")
};

Level neutralLevel(std::string label) {
    return Level{0, std::move(label), false};
}

// ---- access levels -------------------------------------------------------------------------

Level environLevel(EnvMode mode, const std::string& value) {
    if (mode == EnvMode::Inherit) {
        return {1, "taken from the launching environment"};
    }
    if (mode == EnvMode::Execfd || value.find("$(") != std::string::npos) {
        return {1, "set from a command run at launch"};
    }
    if (mode == EnvMode::Remove) {
        return {0, "removed from the environment"};
    }
    return {0, "set to a fixed value"};
}

Level exportLevel(ExportMode mode, const std::string& source) {
    switch (mode) {
    case ExportMode::Public:
    case ExportMode::Private:
        return {3, "read-write mount of " + source};
    case ExportMode::PublicFile:
    case ExportMode::PrivateFile:
        return {3, "read-write mount of the file " + source};
    case ExportMode::Procfs:
        return {2, "procfs: process information and /proc/PID/ns visible"};
    case ExportMode::Restricted:
    case ExportMode::PrivateRestricted:
        return {1, "read-only mount of " + source};
    case ExportMode::RestrictedFile:
        return {1, "read-only mount of the file " + source};
    case ExportMode::Internal:
        return {1, "copy of the host file " + source};
    case ExportMode::Execfd:
        return {1, "file made by a command run at launch"};
    case ExportMode::Mqueue:
        return {0, "new mqueue filesystem"};
    case ExportMode::Devfs:
        return {0, "new minimal /dev"};
    case ExportMode::Symlink:
    case ExportMode::Anonymous:
    case ExportMode::Tmpfs:
    case ExportMode::Lock:
        break;
    }
    return {0, "no host data (" + std::string(toString(mode)) + ")"};
}

const Level kNotMounted{0, "not mounted"};

Level capabilityLevel(bool add) {
    return add ? Level{2, "added"} : Level{0, "dropped"};
}
const Level kCapabilityDefault{1, "not configured (bwrap default)"};

// share_all is the fallback of the namespace keys, not a bound (spec §2): its `disabled`
// forbids nothing to a child that enables one namespace.
Level shareLevel(Namespace ns, const ShareValue& value) {
    if (value.joins()) {
        return {2, "joins the namespace " + value.joinPath};
    }
    switch (value.state) {
    case Edu::Enabled:
        return {2, "shared with the host"};
    case Edu::Disabled:
        return {0, ns == Namespace::All ? "unshared unless a namespace key shares it"
                                        : "unshared and forbidden to children"};
    case Edu::Unset:
        break;
    }
    return {1, "left to the parents and the default"};
}
const Level kShareAbsent{1, "left to the parents and the default"};

std::uint32_t parseOctal(const std::string& text) {
    std::uint32_t value = 0;
    for (const char c : text) {
        value = value * 8 + static_cast<std::uint32_t>(c - '0');
    }
    return value;
}

bool isRootIdentity(const std::string& value) {
    return value == "root" || value == "0";
}

// Level of a `config` key holding `value` (absent: the key is not set).
Level scalarLevel(const std::string& key, const std::optional<std::string>& value) {
    const bool on = value && (*value == "true");
    if (key == "unsafe") {
        return on ? Level{1, "safety checks relaxed"} : Level{0, "safety checks on"};
    }
    if (key == "inherit-env") {
        return on ? Level{1, "whole launching environment passed"}
                  : Level{0, "only configured variables"};
    }
    if (key == "gpgcheck") {
        return value && *value == "false" ? Level{1, "package signatures not checked"}
                                          : Level{0, "package signatures checked by default"};
    }
    if (key == "map-root-user") {
        // The plan maps root for a positive value only.
        const bool mapped = value && !value->empty() && value->front() != '-' && *value != "0";
        return mapped ? Level{1, "user mapped to root in the node"}
                      : Level{0, "user not mapped to root"};
    }
    if (key == "set-user" || key == "set-group") {
        if (!value) {
            return {0, "launching identity"};
        }
        if (isRootIdentity(*value)) {
            return {2, "runs as root (privileged launch, rec. 5)"};
        }
        return {1, "identity change (privileged launch, rec. 5)"};
    }
    if (key == "smack") {
        return value ? Level{0, "own Smack label (rec. 2)"}
                     : Level{1, "no Smack label of its own (rec. 2)"};
    }
    if (key == "die-with-parent") {
        return value && *value == "enabled" ? Level{0, "dies with the launcher"}
                                            : Level{1, "may outlive the launcher"};
    }
    if (key == "new-session") {
        return value && *value == "enabled"
                   ? Level{0, "new session (no terminal injection)"}
                   : Level{1, "shares the launching terminal session (TIOCSTI)"};
    }
    if (key == "hostname") {
        return value ? Level{0, "own UTS namespace"} : Level{1, "host UTS namespace"};
    }
    if (key == "umask") {
        if (!value) {
            return neutralLevel("launcher's umask");
        }
        const std::uint32_t allowed = 0777u & ~parseOctal(*value);
        return {static_cast<int>(__builtin_popcount(allowed)),
                "umask " + *value + " (new files: " + std::to_string(__builtin_popcount(allowed)) +
                    " permission bits)"};
    }
    return neutralLevel(value ? *value : "unset");
}

// ---- cgroup amounts ------------------------------------------------------------------------

std::optional<double> parseQuantity(std::string_view text) {
    if (text == "max") {
        return kUnlimited;
    }
    double value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc()) {
        return std::nullopt;
    }
    std::string_view suffix(result.ptr,
                            static_cast<std::size_t>(text.data() + text.size() - result.ptr));
    static constexpr std::pair<std::string_view, double> kUnits[] = {
        {"", 1},
        {"K", 1024.0},
        {"M", 1024.0 * 1024},
        {"G", 1024.0 * 1024 * 1024},
        {"T", 1024.0 * 1024 * 1024 * 1024},
        {"k", 1024.0},
        {"m", 1024.0 * 1024},
        {"g", 1024.0 * 1024 * 1024}};
    for (const auto& [unit, factor] : kUnits) {
        if (suffix == unit) {
            return value * factor;
        }
    }
    return std::nullopt;
}

// Number of CPUs or memory nodes in a cpuset list "0-3,6".
std::optional<double> cpuCount(std::string_view list) {
    double count = 0;
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t end = list.find(',', start);
        if (end == std::string_view::npos) {
            end = list.size();
        }
        const std::string_view part = list.substr(start, end - start);
        const std::size_t dash = part.find('-');
        int first = 0;
        int last = 0;
        const auto a = std::from_chars(
            part.data(), part.data() + (dash == std::string_view::npos ? part.size() : dash),
            first);
        if (a.ec != std::errc()) {
            return std::nullopt;
        }
        last = first;
        if (dash != std::string_view::npos) {
            const auto b = std::from_chars(part.data() + dash + 1, part.data() + part.size(), last);
            if (b.ec != std::errc() || last < first) {
                return std::nullopt;
            }
        }
        count += last - first + 1;
        start = end + 1;
    }
    return count;
}

// How much of a resource a limit allows (higher = more), nullopt when not comparable.
std::optional<double> limitAmount(const CgroupLimit& limit) {
    switch (limit.controller) {
    case CgroupController::Cpuset:
        return limit.key == "cpus" || limit.key == "mems" ? cpuCount(limit.value) : std::nullopt;
    case CgroupController::Cpu:
        if (limit.key == "max") {
            // "QUOTA PERIOD" or "QUOTA": the share of one CPU.
            const std::size_t space = limit.value.find(' ');
            const auto quota = parseQuantity(limit.value.substr(0, space));
            if (!quota || *quota == kUnlimited || space == std::string::npos) {
                return quota;
            }
            const auto period = parseQuantity(limit.value.substr(space + 1));
            return period && *period > 0 ? std::optional<double>(*quota / *period) : std::nullopt;
        }
        return limit.key == "weight" ? parseQuantity(limit.value) : std::nullopt;
    case CgroupController::Mem:
    case CgroupController::Pids:
        return parseQuantity(limit.value);
    case CgroupController::Io:
        return limit.key == "weight" ? parseQuantity(limit.value) : std::nullopt;
    }
    return std::nullopt;
}

bool limitHasEffect(const CgroupLimit& limit) {
    static constexpr std::string_view kInert[] = {"low",      "oom_group",  "weight_nice",
                                                  "cost_qos", "cost_model", "cpus_partition"};
    return std::find(std::begin(kInert), std::end(kInert), limit.key) == std::end(kInert);
}

Item cgroupItem(const std::string& prefix, const CgroupLimit& limit) {
    const std::string name = std::string(toString(limit.controller)) + "." + limit.key;
    Item item{"cgroup", name, "cgroup " + prefix + name, limit.value, {0, "limit " + limit.value},
              {},       {}};
    if (!limitHasEffect(limit)) {
        item.level = neutralLevel("accepted without effect");
    } else {
        item.amount = limitAmount(limit);
    }
    return item;
}

// ---- value texts ---------------------------------------------------------------------------

template <typename Holder> std::optional<std::string> textOf(const std::optional<Holder>& holder) {
    return holder ? std::optional<std::string>(valueText(holder->value)) : std::nullopt;
}

template <typename T>
const auto& field(const ConfigSection& section, const ScalarMembers<T>& members) {
    return section.*members.written;
}
template <typename T>
const auto& field(const EffectiveConfig& config, const ScalarMembers<T>& members) {
    return config.*members.effective;
}

// The `config` keys with a single value, in the schema's order, read from either model.
template <typename Source>
std::vector<std::pair<std::string, std::optional<std::string>>> scalars(const Source& s) {
    std::vector<std::pair<std::string, std::optional<std::string>>> values;
    forEachMergedKey([&](const ScalarKey& key, const auto& members) {
        values.emplace_back(std::string(key.key), textOf(field(s, members)));
    });
    return values;
}

void addScalars(std::vector<Item>& items,
                const std::vector<std::pair<std::string, std::optional<std::string>>>& values) {
    for (const auto& [key, value] : values) {
        if (value) {
            items.push_back(Item{"config", key, key, *value, scalarLevel(key, value), {}, {}});
        }
    }
}

// ---- flattening ----------------------------------------------------------------------------

Item capabilityItem(const std::string& name, bool add) {
    return {"capability", name, "capability " + name, add ? "add" : "drop", capabilityLevel(add),
            {},           {}};
}

void addHeaderItems(std::vector<Item>& items, const Headers& h) {
    items.push_back(
        {"header", "alias", "alias", h.alias.value, neutralLevel(h.alias.value), {}, {}});
    if (h.name) {
        items.push_back({"header", "name", "name", h.name->value, neutralLevel("name"), {}, {}});
    }
    if (h.info) {
        items.push_back({"header", "info", "info", h.info->value, neutralLevel("info"), {}, {}});
    }
}

void addWrittenEnvironItems(std::vector<Item>& items, const std::vector<EnvEntry>& environ) {
    for (const EnvEntry& env : environ) {
        const std::string value = env.value.value_or("");
        items.push_back({"environ",
                         env.key,
                         "environ " + env.key,
                         std::string(toString(env.mode)) + (env.value ? " " + value : ""),
                         environLevel(env.mode, value),
                         {},
                         {}});
    }
}

void addWrittenExportItems(std::vector<Item>& items, const std::vector<ExportEntry>& exports) {
    for (const ExportEntry& exp : exports) {
        const std::string mount = normalizeMountPath(exp.mount);
        const Presence presence = pathPresence(exp.mode);
        const bool hasSource = presence != Presence::Ignored && presence != Presence::Forbidden;
        // Paths compare component-wise ("/usr/" is "/usr"); an Execfd command is kept verbatim.
        std::string source = hasSource ? exp.path.value_or(exp.mount) : std::string();
        if (exp.mode != ExportMode::Execfd) {
            source = normalizeMountPath(source);
        }
        items.push_back({"export",
                         mount,
                         "export " + mount,
                         std::string(toString(exp.mode)) + (hasSource ? " " + source : ""),
                         exportLevel(exp.mode, source),
                         exp.mode == ExportMode::Execfd ? "" : source,
                         {}});
    }
}

void addConfigSectionItems(std::vector<Item>& items, const ConfigSection& s) {
    for (const CapabilityEntry& cap : s.capabilities) {
        items.push_back(capabilityItem(cap.name, cap.add));
    }
    for (Namespace ns : kAllNamespaces) {
        if (const auto& share = s.share(ns)) {
            const std::string key = shareKey(ns);
            items.push_back({"share",
                             key,
                             key,
                             valueText(share->value),
                             shareLevel(ns, share->value),
                             share->value.joinPath,
                             {}});
        }
    }
    addScalars(items, scalars(s));
    if (s.path) {
        items.push_back(
            {"config", "path", "path", s.path->value, neutralLevel("search path"), {}, {}});
    }
    if (s.ldpath) {
        items.push_back(
            {"config", "ldpath", "ldpath", s.ldpath->value, neutralLevel("library path"), {}, {}});
    }
    for (const CgroupLimit& limit : s.cgroups) {
        items.push_back(cgroupItem("", limit));
    }
}

std::vector<Item> itemsOf(const Config& config) {
    std::vector<Item> items;
    addHeaderItems(items, config.headers);
    addWrittenEnvironItems(items, config.environ);
    addWrittenExportItems(items, config.exports);
    if (config.config) {
        addConfigSectionItems(items, *config.config);
    }
    return items;
}

std::string joinReasons(const std::vector<std::string>& reasons) {
    std::string out;
    for (const std::string& reason : reasons) {
        out += (out.empty() ? "" : ", ") + reason;
    }
    return out;
}

Item privilegeItem(const LaunchView& view) {
    return {"launch",
            "privileged",
            "privileged launch",
            view.privileged() ? "yes (" + joinReasons(view.privilegeReasons) + ")" : "no",
            view.privileged() ? Level{1, "needs a privileged launch (rec. 5)"}
                              : Level{0, "runs unprivileged"},
            {},
            {}};
}

void addEffectiveEnvironItems(std::vector<Item>& items, const EffectiveConfig& config) {
    for (const EffectiveEnv& env : config.environ) {
        const std::string value =
            env.mode == EnvMode::Execfd ? "$(" + env.command + ")" : env.value.value_or("");
        items.push_back({"environ",
                         env.key,
                         "environ " + env.key,
                         std::string(toString(env.mode)) + (value.empty() ? "" : " " + value),
                         environLevel(env.mode, value),
                         {},
                         {}});
    }
}

void addEffectiveExportItems(std::vector<Item>& items, const EffectiveConfig& config) {
    for (const EffectiveExport& exp : config.exports) {
        items.push_back(
            {"export",
             exp.mount,
             "export " + exp.mount,
             std::string(toString(exp.mode)) + (exp.source.empty() ? "" : " " + exp.source),
             exportLevel(exp.mode, exp.source),
             exp.source,
             {}});
    }
}

// Every namespace of its own, as the launch will have it: joined, shared or unshared.
void addNamespaceItems(std::vector<Item>& items, const LaunchView& view) {
    for (const Namespace ns : kOwnNamespaces) {
        const std::string name(toString(ns));
        std::string joined;
        for (const NamespaceJoin& join : view.joins) {
            if (join.ns == ns) {
                joined = join.path;
            }
        }
        Level level = !joined.empty()     ? Level{1, "joins the namespace " + joined}
                      : view.isShared(ns) ? Level{1, name + " namespace shared with the host"}
                                          : Level{0, "own " + name + " namespace"};
        items.push_back({"namespace",
                         name,
                         "namespace " + name,
                         !joined.empty()     ? "joins " + joined
                         : view.isShared(ns) ? "shared"
                                             : "unshared",
                         std::move(level),
                         joined,
                         {}});
    }
}

void addSearchPathItems(std::vector<Item>& items, const EffectiveConfig& config) {
    if (!config.path.empty()) {
        items.push_back({"config",
                         "path",
                         "PATH",
                         joinSearchPath(config.path),
                         neutralLevel("search path"),
                         {},
                         {}});
    }
    if (!config.ldpath.empty()) {
        items.push_back({"config",
                         "ldpath",
                         "LD_LIBRARY_PATH",
                         joinSearchPath(config.ldpath),
                         neutralLevel("library path"),
                         {},
                         {}});
    }
}

// Limits are matched by the place of their node relative to the leaf, not by alias or path:
// renaming a node does not change them, and two sibling nodes compare leaf to leaf.
void addEffectiveCgroupItems(std::vector<Item>& items, const EffectiveConfig& config) {
    for (std::size_t i = 0; i < config.cgroups.size(); ++i) {
        const std::size_t above = config.cgroups.size() - 1 - i;
        const std::string level = above == 0   ? "leaf "
                                  : above == 1 ? "parent "
                                               : "ancestor-" + std::to_string(above) + " ";
        for (const EffectiveCgroupLimit& limit : config.cgroups[i].limits) {
            items.push_back(cgroupItem(level, limit.limit));
        }
    }
}

std::vector<Item> itemsOf(const EffectiveConfig& config) {
    std::vector<Item> items;
    const LaunchView view = launchViewOf(config);
    items.push_back(privilegeItem(view));
    addEffectiveEnvironItems(items, config);
    addEffectiveExportItems(items, config);
    for (const EffectiveCapability& cap : config.capabilities) {
        items.push_back(capabilityItem(cap.name, cap.add));
    }
    addNamespaceItems(items, view);
    addScalars(items, scalars(config));
    addSearchPathItems(items, config);
    addEffectiveCgroupItems(items, config);
    return items;
}

// Level of an item that one side does not have.
Level absentLevel(const Item& present) {
    if (present.category == "export") {
        return kNotMounted;
    }
    if (present.category == "capability") {
        return kCapabilityDefault;
    }
    if (present.category == "share") {
        return kShareAbsent;
    }
    if (present.category == "environ") {
        return {0, "not set by this configuration"};
    }
    if (present.category == "cgroup") {
        return present.level.comparable ? Level{1, "no limit"} : neutralLevel("no limit");
    }
    if (present.category == "config") {
        return scalarLevel(present.key, std::nullopt);
    }
    return neutralLevel("absent");
}

Direction compareRanks(int before, int after) {
    if (after > before) {
        return Direction::Widening;
    }
    return after < before ? Direction::Narrowing : Direction::Neutral;
}

std::string describeAmount(double amount) {
    if (amount == kUnlimited) {
        return "unlimited";
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, amount);
    return std::string(buffer, result.ptr);
}

Change classify(const Item* before, const Item* after) {
    Change change;
    const Item& any = after ? *after : *before;
    change.category = any.category;
    change.item = any.identity;
    if (before) {
        change.before = before->text;
    }
    if (after) {
        change.after = after->text;
    }
    if (!before || !after) {
        change.kind = before ? ChangeKind::Removed : ChangeKind::Added;
        const Level absent = absentLevel(any);
        const Level& from = before ? before->level : absent;
        const Level& to = after ? after->level : absent;
        const bool comparable = any.level.comparable && absent.comparable;
        change.direction = comparable ? compareRanks(from.rank, to.rank) : Direction::Neutral;
        change.reason = before ? "was " + from.label + ", now " + to.label : to.label;
        return change;
    }
    change.kind = ChangeKind::Modified;
    const bool comparable = before->level.comparable && after->level.comparable;
    if (comparable && before->level.rank != after->level.rank) {
        change.direction = compareRanks(before->level.rank, after->level.rank);
        change.reason = before->level.label + " -> " + after->level.label;
        return change;
    }
    change.direction = Direction::Neutral;
    change.reason = after->level.label;
    if (!comparable) {
        change.reason = "value changed";
        return change;
    }
    if (before->amount && after->amount && *before->amount != *after->amount) {
        const bool raised = *after->amount > *before->amount;
        change.direction = raised ? Direction::Widening : Direction::Narrowing;
        change.reason = std::string(raised ? "limit raised" : "limit lowered") + " (" +
                        describeAmount(*before->amount) + " -> " + describeAmount(*after->amount) +
                        ")";
        return change;
    }
    if (before->scope != after->scope && after->level.rank > 0) {
        // A different host path or namespace: narrowing only when the new one is inside the old.
        const bool inside = !before->scope.empty() && !after->scope.empty() &&
                            isSameOrBelow(after->scope, before->scope);
        change.direction = inside ? Direction::Narrowing : Direction::Widening;
        change.reason = inside
                            ? "now only " + after->scope + " (inside " + before->scope + ")"
                            : "now gives access to " + after->scope + " instead of " +
                                  (before->scope.empty() ? std::string("nothing") : before->scope);
        return change;
    }
    if (before->text != after->text && after->level.rank > 0 && before->category == "environ") {
        // Another command, or another inherited value: new code or data from outside.
        change.direction = Direction::Widening;
        change.reason = "different " + after->level.label;
    }
    return change;
}

// The unknown tags of an item's text (expand.h).
using UnknownTagsOf = std::function<std::vector<std::string>(const std::string& text)>;

// The first tag of `text` that `other` does not have too.
std::optional<std::string> tagOnlyIn(const std::optional<std::string>& text,
                                     const std::optional<std::string>& other,
                                     const UnknownTagsOf& unknownTagsOf) {
    if (!text) {
        return std::nullopt;
    }
    const std::vector<std::string> known =
        other ? unknownTagsOf(*other) : std::vector<std::string>{};
    for (const std::string& tag : unknownTagsOf(*text)) {
        if (std::find(known.begin(), known.end(), tag) == known.end()) {
            return tag;
        }
    }
    return std::nullopt;
}

// A change that brings in an unknown tag (expand.h) launches with "" where a value was written:
// never neutral, it is to be confirmed like a widening; the change that takes it away again is
// a narrowing (so that a diff and its reverse mirror each other).
Change flagUnknownTags(Change change, const UnknownTagsOf& unknownTagsOf) {
    // Headers and Static values are never expanded: a `$` there is text.
    const std::optional<std::string>& text = change.after ? change.after : change.before;
    const bool expanded =
        change.category != "header" &&
        !(change.category == "environ" && text && text->starts_with(toString(EnvMode::Static)));
    if (change.direction != Direction::Neutral || !expanded) {
        return change;
    }
    if (const auto tag = tagOnlyIn(change.after, change.before, unknownTagsOf)) {
        change.direction = Direction::Widening;
        change.reason =
            "unknown tag $" + *tag + " expands to an empty string (" + change.reason + ")";
    } else if (const auto gone = tagOnlyIn(change.before, change.after, unknownTagsOf)) {
        change.direction = Direction::Narrowing;
        change.reason = "unknown tag $" + *gone + " no longer expands to an empty string (" +
                        change.reason + ")";
    }
    return change;
}

Diff diffItems(const std::vector<Item>& before, const std::vector<Item>& after,
               const UnknownTagsOf& unknownTagsOf) {
    std::map<std::string, const Item*> afterByIdentity;
    for (const Item& item : after) {
        afterByIdentity.emplace(item.category + '\n' + item.identity, &item);
    }
    std::map<std::string, const Item*> beforeByIdentity;
    Diff diff;
    for (const Item& item : before) {
        const std::string id = item.category + '\n' + item.identity;
        beforeByIdentity.emplace(id, &item);
        const auto found = afterByIdentity.find(id);
        if (found == afterByIdentity.end()) {
            diff.changes.push_back(flagUnknownTags(classify(&item, nullptr), unknownTagsOf));
        } else if (found->second->text != item.text) {
            diff.changes.push_back(flagUnknownTags(classify(&item, found->second), unknownTagsOf));
        }
    }
    for (const Item& item : after) {
        if (!beforeByIdentity.count(item.category + '\n' + item.identity)) {
            diff.changes.push_back(flagUnknownTags(classify(nullptr, &item), unknownTagsOf));
        }
    }
    std::stable_sort(diff.changes.begin(), diff.changes.end(),
                     [](const Change& a, const Change& b) {
                         return static_cast<int>(a.direction) < static_cast<int>(b.direction);
                     });
    return diff;
}

} // namespace

// Files keep `\$` and `$(command)`: checked against this process's environment, the closest to
// the launcher's a review can know.
Diff diffConfigs(const Config& before, const Config& after) {
    const EnvironmentLookup environment = processEnvironment();
    return diffItems(itemsOf(before), itemsOf(after),
                     [&](const std::string& text) { return unknownTagsIn(text, environment); });
}

// Expanded texts keep tags symbolic (mergeForReview) but have lost `\$`: a tag is unknown when
// the merge of either side warned about it (the side that brings it in, or takes it away).
Diff diffEffective(const EffectiveConfig& before, const EffectiveConfig& after) {
    std::vector<std::string> warned;
    for (const EffectiveConfig* side : {&before, &after}) {
        for (const Diagnostic& warning : side->warnings) {
            if (const std::optional<std::string> tag = unknownTagOf(warning)) {
                warned.push_back(*tag);
            }
        }
    }
    return diffItems(itemsOf(before), itemsOf(after), [&](const std::string& text) {
        std::vector<std::string> tags = unknownTagsIn(text, nullptr);
        std::erase_if(tags, [&](const std::string& tag) {
            return std::find(warned.begin(), warned.end(), tag) == warned.end();
        });
        return tags;
    });
}

Diff diffNodes(const std::filesystem::path& before, const std::filesystem::path& after,
               MergeMode mode) {
    return diffEffective(mergeForReview(loadFamily(before, mode), mode),
                         mergeForReview(loadFamily(after, mode), mode));
}

std::string canonicalText(const EffectiveConfig& config) {
    std::vector<std::string> lines;
    for (const Item& item : itemsOf(config)) {
        lines.push_back(item.category + "\t" + item.identity + "\t" + item.text);
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const std::string& line : lines) {
        out += line + "\n";
    }
    for (const MergeError& error : config.errors) {
        out += "error\t" + error.item + "\t" + error.node + "\n";
    }
    return out;
}

std::string formatDiffText(const Diff& diff) {
    std::string out;
    for (const Change& c : diff.changes) {
        std::string direction(toString(c.direction));
        direction.resize(10, ' ');
        std::string kind(toString(c.kind));
        kind.resize(9, ' ');
        out += direction + kind + escapeText(c.item) + ": " +
               (c.before ? escapeText(*c.before) : "-") + " -> " +
               (c.after ? escapeText(*c.after) : "-") + " (" + escapeText(c.reason) + ")\n";
    }
    return out + diff.summary() + "\n";
}

detail::JsonValue detail::diffToJson(const Diff& diff) {
    using namespace detail;
    JsonArray changes;
    for (const Change& c : diff.changes) {
        changes.push_back(JsonObject{{"category", c.category},
                                     {"item", c.item},
                                     {"kind", toString(c.kind)},
                                     {"direction", toString(c.direction)},
                                     {"before", c.before ? JsonValue(*c.before) : JsonValue()},
                                     {"after", c.after ? JsonValue(*c.after) : JsonValue()},
                                     {"reason", c.reason}});
    }
    return JsonObject{{"summary", diff.summary()},
                      {"widening", diff.count(Direction::Widening)},
                      {"narrowing", diff.count(Direction::Narrowing)},
                      {"neutral", diff.count(Direction::Neutral)},
                      {"changes", std::move(changes)}};
}

std::string formatDiffJson(const Diff& diff) {
    return detail::writeJson(detail::diffToJson(diff));
}

} // namespace redpak
