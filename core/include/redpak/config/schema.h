// SPDX-License-Identifier: Apache-2.0
// The scalar keys of a `config` section, written out once (spec: rednode-format.md §2).
//
// The parser, the writer and the tests iterate this table, so that a key is spelled, read
// and printed in one place. `cgroups` and `capabilities` are structured values with their
// own readers and are not part of it.
#pragma once

#include "redpak/config/config.h"
#include "redpak/config/effective.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace redpak {

// How a scalar key is read and printed.
enum class ScalarKind {
    Text,     // any string, written plain or double-quoted
    PathList, // a ':'-separated text in a file, a list of entries after the merge
    Umask,    // octal mode, written '022'
    Integer,  // decimal integer
    Boolean,  // true / false
    Edu,      // enabled, disabled or unset
    Share,    // EDU or the path of a namespace to join
};

// What a Text key's value must look like once expanded (rednode-format.md §2 leaves it open;
// README "Configuration format: decisions"). A literal value is checked when parsed, a value
// with `$TAGS` when the launch plan is built from its expansion, so that redwrap, the helper
// and the GUI refuse the same values.
enum class TextSyntax {
    Free,
    HostName,     // dot-separated labels of letters, digits, '-' and '_', at most 64 characters
    AbsolutePath, // starts with '/'
};

// What `value` lacks to match `syntax` ("a host name: ..."), or nothing when it matches.
std::optional<std::string> textSyntaxProblem(TextSyntax syntax, std::string_view value);

// The part of a node's settings a key belongs to (spec: rednode-format.md §2), for forms and
// summaries that group keys.
enum class ScalarGroup { Namespaces, Process, Identity, Paths, Packages };

// Where a scalar key of value type T lives: in a file's `config` section and in the merge's
// result (no `effective` for a PathList, merged as a list: EffectiveConfig::path).
template <typename T> struct ScalarMembers {
    std::optional<Setting<T>> ConfigSection::*written = nullptr;
    std::optional<Effective<T>> EffectiveConfig::*effective = nullptr;
};

// One scalar key: its canonical spelling, its kind, whether `$TAGS` in it are expanded, and
// the members it maps to (the one matching `kind`; `ns` for Share, whose values live in
// ConfigSection::share() and EffectiveConfig::share()).
struct ScalarKey {
    std::string_view key;
    ScalarKind kind;
    bool expands = false;
    ScalarGroup group = ScalarGroup::Process;
    TextSyntax syntax = TextSyntax::Free;
    ScalarMembers<std::string> text{};
    ScalarMembers<std::uint32_t> umask{};
    ScalarMembers<std::int64_t> integer{};
    ScalarMembers<bool> boolean{};
    ScalarMembers<Edu> edu{};
    Namespace ns = Namespace::All;
};

// Every Namespace value, in declaration order: iterate this instead of casting integers.
inline constexpr std::array<Namespace, kNamespaceCount> kAllNamespaces = {
    Namespace::All, Namespace::User, Namespace::Cgroup, Namespace::Net,
    Namespace::Pid, Namespace::Ipc,  Namespace::Time};

// The namespaces a sandbox has one of (all but the share_all pseudo-namespace).
static_assert(kAllNamespaces.front() == Namespace::All);
inline constexpr std::span<const Namespace> kOwnNamespaces =
    std::span<const Namespace>(kAllNamespaces).subspan(1);

// "share_all", "share_net", ...: the key of a namespace.
inline std::string shareKey(Namespace ns) {
    return "share_" + std::string(toString(ns));
}

// A umask as its three (or more) octal digits, e.g. "022": the one spelling of a umask in
// files, outputs, diffs and the GUI.
inline std::string formatUmask(std::uint32_t mask) {
    char octal[16];
    std::snprintf(octal, sizeof octal, "%03o", mask);
    return octal;
}

// A scalar value as a config file spells it (umask through formatUmask, EDU by name).
inline std::string valueText(const std::string& v) {
    return v;
}
inline std::string valueText(bool v) {
    return v ? "true" : "false";
}
inline std::string valueText(std::int64_t v) {
    return std::to_string(v);
}
inline std::string valueText(Edu v) {
    return std::string(toString(v));
}
inline std::string valueText(std::uint32_t umask) {
    return formatUmask(umask);
}
inline std::string valueText(const ShareValue& v) {
    return v.joins() ? v.joinPath : std::string(toString(v.state));
}

namespace schema_detail {
template <typename T> using Written = std::optional<Setting<T>> ConfigSection::*;
template <typename T> using Merged = std::optional<Effective<T>> EffectiveConfig::*;

constexpr ScalarKey text(std::string_view key, ScalarGroup group, Written<std::string> written,
                         Merged<std::string> merged, TextSyntax syntax = TextSyntax::Free) {
    return {.key = key,
            .kind = ScalarKind::Text,
            .expands = true,
            .group = group,
            .syntax = syntax,
            .text = {written, merged}};
}
constexpr ScalarKey pathList(std::string_view key, Written<std::string> written) {
    return {.key = key,
            .kind = ScalarKind::PathList,
            .expands = true,
            .group = ScalarGroup::Paths,
            .text = {written, nullptr}};
}
constexpr ScalarKey umask(std::string_view key, ScalarGroup group, Written<std::uint32_t> written,
                          Merged<std::uint32_t> merged) {
    return {.key = key, .kind = ScalarKind::Umask, .group = group, .umask = {written, merged}};
}
constexpr ScalarKey integer(std::string_view key, ScalarGroup group, Written<std::int64_t> written,
                            Merged<std::int64_t> merged) {
    return {.key = key, .kind = ScalarKind::Integer, .group = group, .integer = {written, merged}};
}
constexpr ScalarKey boolean(std::string_view key, ScalarGroup group, Written<bool> written,
                            Merged<bool> merged) {
    return {.key = key, .kind = ScalarKind::Boolean, .group = group, .boolean = {written, merged}};
}
constexpr ScalarKey edu(std::string_view key, ScalarGroup group, Written<Edu> written,
                        Merged<Edu> merged) {
    return {.key = key, .kind = ScalarKind::Edu, .group = group, .edu = {written, merged}};
}
constexpr ScalarKey share(std::string_view key, Namespace ns) {
    return {.key = key,
            .kind = ScalarKind::Share,
            .expands = true,
            .group = ScalarGroup::Namespaces,
            .ns = ns};
}
} // namespace schema_detail

// The scalar keys in the order the writer prints them.
#define REDPAK_SCALAR(kind, key, member, group)                                                    \
    schema_detail::kind(key, ScalarGroup::group, &ConfigSection::member, &EffectiveConfig::member)
inline constexpr std::array<ScalarKey, 26> kScalarKeys = {
    REDPAK_SCALAR(text, "persistdir", persistdir, Packages),
    REDPAK_SCALAR(text, "rpmdir", rpmdir, Packages),
    REDPAK_SCALAR(text, "cachedir", cachedir, Packages),
    schema_detail::pathList("path", &ConfigSection::path),
    schema_detail::pathList("ldpath", &ConfigSection::ldpath),
    REDPAK_SCALAR(umask, "umask", umask, Process),
    REDPAK_SCALAR(text, "set-user", setUser, Identity),
    REDPAK_SCALAR(text, "set-group", setGroup, Identity),
    REDPAK_SCALAR(text, "smack", smack, Identity),
    REDPAK_SCALAR(integer, "verbose", verbose, Process),
    REDPAK_SCALAR(integer, "map-root-user", mapRootUser, Identity),
    REDPAK_SCALAR(boolean, "gpgcheck", gpgcheck, Packages),
    REDPAK_SCALAR(boolean, "unsafe", unsafe, Packages),
    REDPAK_SCALAR(boolean, "inherit-env", inheritEnv, Process),
    REDPAK_SCALAR(edu, "die-with-parent", dieWithParent, Process),
    REDPAK_SCALAR(edu, "new-session", newSession, Process),
    schema_detail::share("share_all", Namespace::All),
    schema_detail::share("share_user", Namespace::User),
    schema_detail::share("share_cgroup", Namespace::Cgroup),
    schema_detail::share("share_net", Namespace::Net),
    schema_detail::share("share_pid", Namespace::Pid),
    schema_detail::share("share_ipc", Namespace::Ipc),
    schema_detail::share("share_time", Namespace::Time),
    schema_detail::text("hostname", ScalarGroup::Process, &ConfigSection::hostname,
                        &EffectiveConfig::hostname, TextSyntax::HostName),
    schema_detail::text("chdir", ScalarGroup::Process, &ConfigSection::chdir,
                        &EffectiveConfig::chdir, TextSyntax::AbsolutePath),
    REDPAK_SCALAR(text, "cgrouproot", cgrouproot, Paths),
};
#undef REDPAK_SCALAR

// Calls `f(members)` with the ScalarMembers<T> of `key` (not for Share keys, which have none)
// and returns what it returns: the one switch on a key's value type.
template <typename F> decltype(auto) visitMembers(const ScalarKey& key, F&& f) {
    switch (key.kind) {
    case ScalarKind::Umask:
        return f(key.umask);
    case ScalarKind::Integer:
        return f(key.integer);
    case ScalarKind::Boolean:
        return f(key.boolean);
    case ScalarKind::Edu:
        return f(key.edu);
    case ScalarKind::Text:
    case ScalarKind::PathList:
    case ScalarKind::Share:
        break;
    }
    return f(key.text);
}

// Calls `f(key, members)` for every key with a single value of its own (all but the shares),
// in the writer's order.
template <typename F> void forEachValueKey(F&& f) {
    for (const ScalarKey& key : kScalarKeys) {
        if (key.kind != ScalarKind::Share) {
            visitMembers(key, [&](const auto& members) { f(key, members); });
        }
    }
}

// Calls `f(key, members)` for every key whose merge keeps one value (all but the shares and the
// path lists), in the writer's order: `members.effective` is set.
template <typename F> void forEachMergedKey(F&& f) {
    forEachValueKey([&](const ScalarKey& key, const auto& members) {
        if (key.kind != ScalarKind::PathList) {
            f(key, members);
        }
    });
}

// The key of `name`, or nullptr.
inline const ScalarKey* findScalarKey(std::string_view name) {
    for (const ScalarKey& key : kScalarKeys) {
        if (key.key == name) {
            return &key;
        }
    }
    return nullptr;
}

} // namespace redpak
