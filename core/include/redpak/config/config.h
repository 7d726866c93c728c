// SPDX-License-Identifier: Apache-2.0
// Typed model of one rednode configuration file (spec: rednode-format.md §2).
//
// The parser turns YAML into these structs in one place; nothing outside core/src/parser
// sees yaml-cpp. Every item keeps the position it was read from so that errors, the GUI
// and the "why" view can point at it. Positions are metadata: two configs with the same
// content compare equal wherever their items were written (round trip parse -> write -> parse).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

// 1-based line and column in the file an item was read from; 0 when built in memory.
struct SourcePos {
    int line = 0;
    int column = 0;

    // Positions never take part in content equality (see the file comment).
    friend bool operator==(const SourcePos&, const SourcePos&) { return true; }
};

// A scalar value with the position it was read from.
template <typename T> struct Setting {
    T value{};
    SourcePos pos{};

    friend bool operator==(const Setting&, const Setting&) = default;
};

// "EDU" values of the spec: enabled, disabled or unset (explicitly).
enum class Edu { Unset, Enabled, Disabled };

// Namespaces a `share_*` key controls. `All` is `share_all`, the fallback of the others
// (except Time).
enum class Namespace { All, User, Cgroup, Net, Pid, Ipc, Time };
inline constexpr std::size_t kNamespaceCount = 7;

// Value of a `share_*` key: an EDU state, or the path of a namespace to join
// (`/proc/PID/ns/net`), in which case `state` is Enabled and `joinPath` is not empty.
struct ShareValue {
    Edu state = Edu::Unset;
    std::string joinPath;

    bool joins() const { return !joinPath.empty(); }
    friend bool operator==(const ShareValue&, const ShareValue&) = default;
};

enum class EnvMode { Default, Static, Execfd, Remove, Inherit };

struct EnvEntry {
    std::string key;
    EnvMode mode = EnvMode::Default;
    std::optional<std::string> value; // present exactly when the mode requires it
    std::optional<std::string> info;
    std::optional<std::string> warn;
    SourcePos pos{};

    friend bool operator==(const EnvEntry&, const EnvEntry&) = default;
};

enum class ExportMode {
    Restricted,
    Public,
    Private,
    PrivateRestricted,
    RestrictedFile,
    PublicFile,
    PrivateFile,
    Symlink,
    Execfd,
    Internal,
    Anonymous,
    Tmpfs,
    Procfs,
    Devfs,
    Mqueue,
    Lock,
};

struct ExportEntry {
    ExportMode mode = ExportMode::Restricted;
    std::string mount;
    std::optional<std::string> path; // absent: `mount` is used (modes where it is optional)
    std::optional<std::string> info;
    std::optional<std::string> warn;
    SourcePos pos{};

    friend bool operator==(const ExportEntry&, const ExportEntry&) = default;
};

struct CapabilityEntry {
    std::string name; // canonical lower case: "cap_chown" ... or "all"
    bool add = false;
    std::optional<std::string> info;
    std::optional<std::string> warn;
    SourcePos pos{};

    friend bool operator==(const CapabilityEntry&, const CapabilityEntry&) = default;
};

enum class CgroupController { Cpuset, Mem, Cpu, Io, Pids };

// One key of a `cgroups` sub-map, e.g. {Mem, "max", "512M"}. Keys are canonical lower case.
struct CgroupLimit {
    CgroupController controller = CgroupController::Mem;
    std::string key;
    std::string value;
    SourcePos pos{};

    friend bool operator==(const CgroupLimit&, const CgroupLimit&) = default;
};

// The `config` map. Every key is optional; unset keys are std::nullopt / empty.
struct ConfigSection {
    std::optional<Setting<std::string>> persistdir;
    std::optional<Setting<std::string>> rpmdir;
    std::optional<Setting<std::string>> cachedir;
    std::optional<Setting<std::string>> path;   // ':'-separated list, split after expansion
    std::optional<Setting<std::string>> ldpath; // idem
    std::optional<Setting<std::uint32_t>> umask;
    std::optional<Setting<std::string>> setUser;
    std::optional<Setting<std::string>> setGroup;
    std::optional<Setting<std::string>> smack;
    std::optional<Setting<std::int64_t>> verbose;
    std::optional<Setting<std::int64_t>> mapRootUser;
    std::optional<Setting<bool>> gpgcheck;
    std::optional<Setting<bool>> unsafe;
    std::optional<Setting<bool>> inheritEnv;
    std::optional<Setting<Edu>> dieWithParent;
    std::optional<Setting<Edu>> newSession;
    std::array<std::optional<Setting<ShareValue>>, kNamespaceCount> shares{}; // by Namespace
    std::optional<Setting<std::string>> hostname;
    std::optional<Setting<std::string>> chdir;
    std::optional<Setting<std::string>> cgrouproot;
    std::vector<CgroupLimit> cgroups; // in file order
    std::vector<CapabilityEntry> capabilities;

    const std::optional<Setting<ShareValue>>& share(Namespace ns) const {
        return shares[static_cast<std::size_t>(ns)];
    }
    std::optional<Setting<ShareValue>>& share(Namespace ns) {
        return shares[static_cast<std::size_t>(ns)];
    }
    friend bool operator==(const ConfigSection&, const ConfigSection&) = default;
};

struct Headers {
    Setting<std::string> alias;
    std::optional<Setting<std::string>> name;
    std::optional<Setting<std::string>> info;

    friend bool operator==(const Headers&, const Headers&) = default;
};

// One parsed configuration file.
struct Config {
    Headers headers;
    std::optional<ConfigSection> config; // absent when the file has no `config` section
    std::vector<EnvEntry> environ;
    std::vector<ExportEntry> exports;

    friend bool operator==(const Config&, const Config&) = default;
};

// Spelling tables shared by the parser, the writer, the plan and the GUI.
std::string_view toString(Edu value);
std::string_view toString(Namespace ns);       // "all", "user", ... (without "share_")
std::string_view toString(EnvMode mode);       // "Default", "Static", ...
std::string_view toString(ExportMode mode);    // "Restricted", "PublicFile", ...
std::string_view toString(CgroupController c); // "cpuset", "mem", "cpu", "io", "pids"

std::optional<Edu> eduFromString(std::string_view text); // case-insensitive
std::optional<EnvMode> envModeFromString(std::string_view text);
std::optional<ExportMode> exportModeFromString(std::string_view text);

// Modes whose `value` (environ) or `path` (exports) is required / forbidden / ignored.
enum class Presence { Required, Optional, Forbidden, Ignored };
Presence valuePresence(EnvMode mode);
Presence pathPresence(ExportMode mode);

// The 41 capability names ("cap_chown" ... "cap_checkpoint_restore") in kernel order.
const std::vector<std::string_view>& capabilityNames();
// Canonical (lower-case) name for a case-insensitive capability name or "ALL".
std::optional<std::string> canonicalCapability(std::string_view name);

// Alias syntax: 1 to 255 characters among letters, digits and `+ - _ @ :`.
bool isValidAlias(std::string_view alias);

} // namespace redpak
