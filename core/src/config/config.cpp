// SPDX-License-Identifier: Apache-2.0
// Spelling tables of the config model: one place for the names the parser accepts, the writer
// emits and the GUI shows.
#include "redpak/config/config.h"

#include "base/text_util.h"
#include "redpak/config/effective.h"
#include "redpak/config/schema.h"
#include "redpak/config/status.h"

#include <algorithm>
#include <cctype>

namespace redpak {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<std::string_view, Enum>, N>& table,
                           std::string_view text) {
    for (const auto& [name, value] : table) {
        if (detail::equalsIgnoreCase(name, text)) {
            return value;
        }
    }
    return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<std::string_view, Enum>, N>& table, Enum value) {
    for (const auto& [name, candidate] : table) {
        if (candidate == value) {
            return name;
        }
    }
    return {};
}

constexpr std::array<std::pair<std::string_view, Edu>, 3> kEduNames{{
    {"enabled", Edu::Enabled},
    {"disabled", Edu::Disabled},
    {"unset", Edu::Unset},
}};

constexpr std::array<std::pair<std::string_view, Namespace>, kNamespaceCount> kNamespaceNames{{
    {"all", Namespace::All},
    {"user", Namespace::User},
    {"cgroup", Namespace::Cgroup},
    {"net", Namespace::Net},
    {"pid", Namespace::Pid},
    {"ipc", Namespace::Ipc},
    {"time", Namespace::Time},
}};

constexpr std::array<std::pair<std::string_view, EnvMode>, 5> kEnvModeNames{{
    {"Default", EnvMode::Default},
    {"Static", EnvMode::Static},
    {"Execfd", EnvMode::Execfd},
    {"Remove", EnvMode::Remove},
    {"Inherit", EnvMode::Inherit},
}};

constexpr std::array<std::pair<std::string_view, ExportMode>, 16> kExportModeNames{{
    {"Restricted", ExportMode::Restricted},
    {"Public", ExportMode::Public},
    {"Private", ExportMode::Private},
    {"PrivateRestricted", ExportMode::PrivateRestricted},
    {"RestrictedFile", ExportMode::RestrictedFile},
    {"PublicFile", ExportMode::PublicFile},
    {"PrivateFile", ExportMode::PrivateFile},
    {"Symlink", ExportMode::Symlink},
    {"Execfd", ExportMode::Execfd},
    {"Internal", ExportMode::Internal},
    {"Anonymous", ExportMode::Anonymous},
    {"Tmpfs", ExportMode::Tmpfs},
    {"Procfs", ExportMode::Procfs},
    {"Devfs", ExportMode::Devfs},
    {"Mqueue", ExportMode::Mqueue},
    {"Lock", ExportMode::Lock},
}};

constexpr std::array<std::pair<std::string_view, CgroupController>, 5> kControllerNames{{
    {"cpuset", CgroupController::Cpuset},
    {"mem", CgroupController::Mem},
    {"cpu", CgroupController::Cpu},
    {"io", CgroupController::Io},
    {"pids", CgroupController::Pids},
}};

} // namespace

std::string_view toString(Edu value) {
    return nameOf(kEduNames, value);
}
std::string_view toString(Namespace ns) {
    return nameOf(kNamespaceNames, ns);
}
std::string_view toString(EnvMode mode) {
    return nameOf(kEnvModeNames, mode);
}
std::string_view toString(ExportMode mode) {
    return nameOf(kExportModeNames, mode);
}
std::string_view toString(CgroupController c) {
    return nameOf(kControllerNames, c);
}

std::optional<Edu> eduFromString(std::string_view text) {
    return lookup(kEduNames, text);
}
std::optional<EnvMode> envModeFromString(std::string_view text) {
    return lookup(kEnvModeNames, text);
}
std::optional<ExportMode> exportModeFromString(std::string_view text) {
    return lookup(kExportModeNames, text);
}

Presence valuePresence(EnvMode mode) {
    switch (mode) {
    case EnvMode::Default:
    case EnvMode::Static:
    case EnvMode::Execfd:
        return Presence::Required;
    case EnvMode::Remove:
    case EnvMode::Inherit:
        return Presence::Forbidden;
    }
    return Presence::Forbidden;
}

Presence pathPresence(ExportMode mode) {
    switch (mode) {
    case ExportMode::Restricted:
    case ExportMode::Public:
    case ExportMode::Private:
    case ExportMode::PrivateRestricted:
    case ExportMode::RestrictedFile:
    case ExportMode::PublicFile:
    case ExportMode::PrivateFile:
    case ExportMode::Symlink:
    case ExportMode::Execfd:
    case ExportMode::Internal:
        return Presence::Optional;
    case ExportMode::Anonymous:
    case ExportMode::Tmpfs:
    case ExportMode::Procfs:
    case ExportMode::Devfs:
    case ExportMode::Mqueue:
    case ExportMode::Lock:
        return Presence::Ignored;
    }
    return Presence::Ignored;
}

const std::vector<std::string_view>& capabilityNames() {
    // Kernel order (include/uapi/linux/capability.h), CAP_CHOWN = 0 ... CAP_CHECKPOINT_RESTORE
    // = 40.
    static const std::vector<std::string_view> names{
        "cap_chown",
        "cap_dac_override",
        "cap_dac_read_search",
        "cap_fowner",
        "cap_fsetid",
        "cap_kill",
        "cap_setgid",
        "cap_setuid",
        "cap_setpcap",
        "cap_linux_immutable",
        "cap_net_bind_service",
        "cap_net_broadcast",
        "cap_net_admin",
        "cap_net_raw",
        "cap_ipc_lock",
        "cap_ipc_owner",
        "cap_sys_module",
        "cap_sys_rawio",
        "cap_sys_chroot",
        "cap_sys_ptrace",
        "cap_sys_pacct",
        "cap_sys_admin",
        "cap_sys_boot",
        "cap_sys_nice",
        "cap_sys_resource",
        "cap_sys_time",
        "cap_sys_tty_config",
        "cap_mknod",
        "cap_lease",
        "cap_audit_write",
        "cap_audit_control",
        "cap_setfcap",
        "cap_mac_override",
        "cap_mac_admin",
        "cap_syslog",
        "cap_wake_alarm",
        "cap_block_suspend",
        "cap_audit_read",
        "cap_perfmon",
        "cap_bpf",
        "cap_checkpoint_restore",
    };
    return names;
}

std::optional<std::string> canonicalCapability(std::string_view name) {
    if (detail::equalsIgnoreCase(name, "all")) {
        return std::string("all");
    }
    const auto& names = capabilityNames();
    const auto it = std::find_if(names.begin(), names.end(), [name](std::string_view candidate) {
        return detail::equalsIgnoreCase(candidate, name);
    });
    if (it == names.end()) {
        return std::nullopt;
    }
    return std::string(*it);
}

bool isValidAlias(std::string_view alias) {
    if (alias.empty() || alias.size() > 255) {
        return false;
    }
    return std::all_of(alias.begin(), alias.end(), [](char c) {
        return detail::isAsciiAlnum(c) || c == '+' || c == '-' || c == '_' || c == '@' || c == ':';
    });
}

std::string_view toString(ConfigKind kind) {
    return kind == ConfigKind::Admin ? "admin" : "normal";
}

std::string_view toString(NodeState state) {
    return state == NodeState::Enable ? "Enable" : "Disable";
}

namespace {

// The kernel keeps at most HOST_NAME_MAX (64) bytes of a host name.
constexpr std::size_t kHostNameMax = 64;

bool isHostNameLabel(std::string_view label) {
    const auto allowed = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
    };
    return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
           std::all_of(label.begin(), label.end(), allowed);
}

// RFC 1123 labels; '_' is tolerated because node aliases, which templates use as host names
// ($LEAF_ALIAS), may hold it.
bool isHostName(std::string_view name) {
    if (name.empty() || name.size() > kHostNameMax) {
        return false;
    }
    std::size_t start = 0;
    for (std::size_t dot = name.find('.'); dot != std::string_view::npos;
         dot = name.find('.', start)) {
        if (!isHostNameLabel(name.substr(start, dot - start))) {
            return false;
        }
        start = dot + 1;
    }
    return isHostNameLabel(name.substr(start));
}

} // namespace

std::optional<std::string> textSyntaxProblem(TextSyntax syntax, std::string_view value) {
    switch (syntax) {
    case TextSyntax::Free:
        break;
    case TextSyntax::HostName:
        if (!isHostName(value)) {
            return "a host name: dot-separated labels of letters, digits, '-' and '_' (not "
                   "starting or ending with '-'), at most 64 characters";
        }
        break;
    case TextSyntax::AbsolutePath:
        if (value.empty() || value.front() != '/') {
            return "an absolute path (starting with '/')";
        }
        break;
    }
    return std::nullopt;
}

} // namespace redpak
