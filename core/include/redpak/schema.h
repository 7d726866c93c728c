// SPDX-License-Identifier: Apache-2.0
// The scalar keys of a `config` section, written out once (spec: rednode-format.md §2).
//
// The parser, the writer and the tests iterate this table, so that a key is spelled, read
// and printed in one place. `cgroups` and `capabilities` are structured values with their
// own readers and are not part of it.
#pragma once

#include "redpak/config.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace redpak {

// How a scalar key is read and printed.
enum class ScalarKind {
    Text,    // any string, written plain or double-quoted
    Umask,   // octal mode, written '022'
    Integer, // decimal integer
    Boolean, // true / false
    Edu,     // enabled, disabled or unset
    Share,   // EDU or the path of a namespace to join
};

// One scalar key: its canonical spelling, its kind, whether `$TAGS` in it are expanded, and
// the ConfigSection member it maps to (the one pointer matching `kind`; `ns` for Share).
struct ScalarKey {
    std::string_view key;
    ScalarKind kind;
    bool expands = false;
    std::optional<Setting<std::string>> ConfigSection::*text = nullptr;
    std::optional<Setting<std::uint32_t>> ConfigSection::*umask = nullptr;
    std::optional<Setting<std::int64_t>> ConfigSection::*integer = nullptr;
    std::optional<Setting<bool>> ConfigSection::*boolean = nullptr;
    std::optional<Setting<Edu>> ConfigSection::*edu = nullptr;
    Namespace ns = Namespace::All;
};

// Every Namespace value, in declaration order: iterate this instead of casting integers.
inline constexpr std::array<Namespace, kNamespaceCount> kAllNamespaces = {
    Namespace::All, Namespace::User, Namespace::Cgroup, Namespace::Net,
    Namespace::Pid, Namespace::Ipc,  Namespace::Time};

// "share_all", "share_net", ...: the key of a namespace.
inline std::string shareKey(Namespace ns) {
    return "share_" + std::string(toString(ns));
}

// A umask as its three (or more) octal digits, e.g. "022".
inline std::string formatUmask(std::uint32_t mask) {
    char octal[16];
    std::snprintf(octal, sizeof octal, "%03o", mask);
    return octal;
}

namespace schema_detail {
constexpr ScalarKey text(std::string_view key,
                         std::optional<Setting<std::string>> ConfigSection::*member) {
    return {.key = key, .kind = ScalarKind::Text, .expands = true, .text = member};
}
constexpr ScalarKey integer(std::string_view key,
                            std::optional<Setting<std::int64_t>> ConfigSection::*member) {
    return {.key = key, .kind = ScalarKind::Integer, .integer = member};
}
constexpr ScalarKey boolean(std::string_view key,
                            std::optional<Setting<bool>> ConfigSection::*member) {
    return {.key = key, .kind = ScalarKind::Boolean, .boolean = member};
}
constexpr ScalarKey edu(std::string_view key, std::optional<Setting<Edu>> ConfigSection::*member) {
    return {.key = key, .kind = ScalarKind::Edu, .edu = member};
}
constexpr ScalarKey share(std::string_view key, Namespace ns) {
    return {.key = key, .kind = ScalarKind::Share, .expands = true, .ns = ns};
}
} // namespace schema_detail

// The scalar keys in the order the writer prints them.
inline constexpr std::array<ScalarKey, 26> kScalarKeys = {
    schema_detail::text("persistdir", &ConfigSection::persistdir),
    schema_detail::text("rpmdir", &ConfigSection::rpmdir),
    schema_detail::text("cachedir", &ConfigSection::cachedir),
    schema_detail::text("path", &ConfigSection::path),
    schema_detail::text("ldpath", &ConfigSection::ldpath),
    ScalarKey{.key = "umask", .kind = ScalarKind::Umask, .umask = &ConfigSection::umask},
    schema_detail::text("set-user", &ConfigSection::setUser),
    schema_detail::text("set-group", &ConfigSection::setGroup),
    schema_detail::text("smack", &ConfigSection::smack),
    schema_detail::integer("verbose", &ConfigSection::verbose),
    schema_detail::integer("map-root-user", &ConfigSection::mapRootUser),
    schema_detail::boolean("gpgcheck", &ConfigSection::gpgcheck),
    schema_detail::boolean("unsafe", &ConfigSection::unsafe),
    schema_detail::boolean("inherit-env", &ConfigSection::inheritEnv),
    schema_detail::edu("die-with-parent", &ConfigSection::dieWithParent),
    schema_detail::edu("new-session", &ConfigSection::newSession),
    schema_detail::share("share_all", Namespace::All),
    schema_detail::share("share_user", Namespace::User),
    schema_detail::share("share_cgroup", Namespace::Cgroup),
    schema_detail::share("share_net", Namespace::Net),
    schema_detail::share("share_pid", Namespace::Pid),
    schema_detail::share("share_ipc", Namespace::Ipc),
    schema_detail::share("share_time", Namespace::Time),
    schema_detail::text("hostname", &ConfigSection::hostname),
    schema_detail::text("chdir", &ConfigSection::chdir),
    schema_detail::text("cgrouproot", &ConfigSection::cgrouproot),
};

} // namespace redpak
