// SPDX-License-Identifier: Apache-2.0
// Risk findings (risk analysis recommendations 1-5 and its remarks on setns and procfs). Each
// rule is one function reading the launch view (what bwrap will really be asked to do) and,
// for rec. 3, the files on disk.
#include "redpak/review/findings.h"

#include "redpak/base/paths.h"
#include "redpak/base/privileges.h"
#include "redpak/base/text_escape.h"
#include "redpak/base/trust.h"
#include "redpak/config/schema.h"
#include "redpak/merge/expand.h"
#include "redpak/merge/tree_index.h"
#include "redpak/review/review_merge.h"
#include "redpak/tree/applications.h"
#include "review/findings_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <sys/stat.h>

namespace redpak {

std::string_view toString(Severity severity) {
    switch (severity) {
    case Severity::Info:
        return "info";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        break;
    }
    return "error";
}

std::optional<Severity> severityFromString(std::string_view text) {
    for (const Severity s : {Severity::Info, Severity::Warning, Severity::Error}) {
        if (toString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

bool isHostSystemDirectory(std::string_view path) {
    // Trees where everything belongs to the system: a writable mount anywhere below them lets
    // the node change the host's programs, configuration or kernel interfaces.
    static constexpr std::string_view kSystemTrees[] = {
        "/etc",   "/usr",    "/boot", "/bin",  "/sbin", "/lib", "/lib32",
        "/lib64", "/libx32", "/dev",  "/proc", "/sys",  "/root"};
    // Directories that hold everyone's data: only the directory itself is a system directory
    // (/var/lib/app or /home/user/data are ordinary data exports).
    static constexpr std::string_view kSystemRoots[] = {"/",    "/var", "/home", "/run",  "/srv",
                                                        "/opt", "/tmp", "/mnt",  "/media"};
    for (const std::string_view tree : kSystemTrees) {
        if (isSameOrBelow(path, tree)) {
            return true;
        }
    }
    for (const std::string_view root : kSystemRoots) {
        if (isSameOrBelow(path, root) && isSameOrBelow(root, path)) {
            return true;
        }
    }
    return false;
}

namespace {

enum class DesktopSocket { None, X11, RawBus, Wayland, Audio };

// The user's runtime directory as a configuration names it: /run/user/UID or the tag.
bool isRuntimeDirectory(std::string_view dir) {
    if (dir == "$XDG_RUNTIME_DIR" || dir == "${XDG_RUNTIME_DIR}") {
        return true;
    }
    constexpr std::string_view kRunUser = "/run/user/";
    return dir.starts_with(kRunUser) && dir.size() > kRunUser.size() &&
           dir.find('/', kRunUser.size()) == std::string_view::npos;
}

// Which desktop socket an export source gives the node (a directory holding it counts).
DesktopSocket desktopSocketKind(const std::string& source) {
    const std::string path = normalizeMountPath(source);
    if (path == "/tmp" || isSameOrBelow(path, "/tmp/.X11-unix")) {
        return DesktopSocket::X11; // the host's /tmp holds the X11 sockets
    }
    if (path == "/run/dbus" || path == "/run/dbus/system_bus_socket" ||
        path == "/var/run/dbus/system_bus_socket") {
        return DesktopSocket::RawBus;
    }
    const std::size_t slash = path.rfind('/');
    const std::string_view dir = std::string_view(path).substr(0, slash);
    const std::string_view name = std::string_view(path).substr(slash + 1);
    if (isRuntimeDirectory(path) || (isRuntimeDirectory(dir) && name == "bus")) {
        return DesktopSocket::RawBus; // the whole runtime directory holds the bus too
    }
    // The compositor's socket, named literally or by the launcher's WAYLAND_DISPLAY.
    if (isRuntimeDirectory(dir) && (name.starts_with("wayland-") || name == "$WAYLAND_DISPLAY" ||
                                    name == "${WAYLAND_DISPLAY}")) {
        return DesktopSocket::Wayland;
    }
    if (isRuntimeDirectory(dir) && (name.starts_with("pipewire-") || name == "pulse")) {
        return DesktopSocket::Audio;
    }
    if (dir.ends_with("/pulse") && isRuntimeDirectory(dir.substr(0, dir.size() - 6))) {
        return DesktopSocket::Audio;
    }
    return DesktopSocket::None;
}

std::string sourceOf(const Provenance& p) {
    return p.origin.file.empty()
               ? std::string()
               : p.origin.file +
                     (p.origin.pos.line > 0 ? ":" + std::to_string(p.origin.pos.line) : "");
}

bool isWritableBind(ExportMode mode) {
    return mode == ExportMode::Public || mode == ExportMode::Private ||
           mode == ExportMode::PublicFile || mode == ExportMode::PrivateFile;
}

bool bindsHostPath(ExportMode mode) {
    return mode != ExportMode::Symlink && mode != ExportMode::Execfd &&
           mode != ExportMode::Anonymous && mode != ExportMode::Tmpfs &&
           mode != ExportMode::Procfs && mode != ExportMode::Devfs && mode != ExportMode::Mqueue &&
           mode != ExportMode::Lock;
}

// How much of the host an export gives the node: nothing of it (a new tmpfs, a directory, a
// symlink, a command's output...), a read-only view, or write access.
int hostAccess(ExportMode mode) {
    switch (mode) {
    case ExportMode::Public:
    case ExportMode::Private:
    case ExportMode::PublicFile:
    case ExportMode::PrivateFile:
        return 2;
    case ExportMode::Restricted:
    case ExportMode::PrivateRestricted:
    case ExportMode::RestrictedFile:
    case ExportMode::Internal:
    case ExportMode::Procfs:
    case ExportMode::Devfs:
        return 1;
    default:
        return 0;
    }
}

// The mode of an export as Provenance::overrode describes it ("Restricted /srv").
std::optional<ExportMode> exportModeOfText(std::string_view text) {
    const std::string_view word = text.substr(0, text.find(' '));
    for (const ExportMode mode :
         {ExportMode::Restricted, ExportMode::Public, ExportMode::Private,
          ExportMode::PrivateRestricted, ExportMode::RestrictedFile, ExportMode::PublicFile,
          ExportMode::PrivateFile, ExportMode::Symlink, ExportMode::Execfd, ExportMode::Internal,
          ExportMode::Anonymous, ExportMode::Tmpfs, ExportMode::Procfs, ExportMode::Devfs,
          ExportMode::Mqueue, ExportMode::Lock}) {
        if (toString(mode) == word) {
            return mode;
        }
    }
    return std::nullopt;
}

// `$(` not escaped as `\$(`.
bool hasCommand(std::string_view text) {
    for (std::size_t i = text.find("$("); i != std::string_view::npos; i = text.find("$(", i + 1)) {
        if (i == 0 || text[i - 1] != '\\') {
            return true;
        }
    }
    return false;
}

// Items of one file that run commands at launch: "environ KEY", "export MOUNT", "config KEY".
std::vector<std::pair<std::string, SourcePos>> commandsIn(const Config& config) {
    std::vector<std::pair<std::string, SourcePos>> out;
    for (const EnvEntry& env : config.environ) {
        if (env.mode == EnvMode::Execfd || hasCommand(env.value.value_or(""))) {
            out.emplace_back("environ " + env.key, env.pos);
        }
    }
    for (const ExportEntry& exp : config.exports) {
        if (exp.mode == ExportMode::Execfd || hasCommand(exp.mount) ||
            hasCommand(exp.path.value_or(""))) {
            out.emplace_back("export " + exp.mount, exp.pos);
        }
    }
    if (!config.config) {
        return out;
    }
    const ConfigSection& s = *config.config;
    forEachValueKey([&](const ScalarKey& key, const auto& members) {
        if constexpr (std::is_same_v<decltype(members), const ScalarMembers<std::string>&>) {
            const auto& setting = s.*members.written;
            if (setting && hasCommand(setting->value)) {
                out.emplace_back("config " + std::string(key.key), setting->pos);
            }
        }
    });
    for (Namespace ns : kAllNamespaces) {
        if (s.share(ns) && hasCommand(s.share(ns)->value.joinPath)) {
            out.emplace_back(shareKey(ns), s.share(ns)->pos);
        }
    }
    for (const CgroupLimit& limit : s.cgroups) {
        if (hasCommand(limit.value)) {
            out.emplace_back("cgroup " + std::string(toString(limit.controller)) + "." + limit.key,
                             limit.pos);
        }
    }
    return out;
}

class NodeAnalysis {
public:
    NodeAnalysis(const EffectiveConfig& config, const std::vector<FamilyMember>* family,
                 const AncestorMerge* ancestorMerge = nullptr)
        : m_config(config), m_family(family), m_ancestorMerge(ancestorMerge),
          m_view(launchViewOf(config)) {
        if (!config.family.empty()) {
            m_out.node = config.family.back().path;
            m_out.alias = config.family.back().alias;
        }
    }

    NodeFindings run() {
        mergeErrors();
        capabilities();
        namespaces();
        exports();
        desktopSockets();
        files();
        privileges();
        commands();
        limits();
        relaxedSafety();
        environmentDependentExports();
        widenedExports();
        newSessionOff();
        unknownTags();
        std::stable_sort(m_out.findings.begin(), m_out.findings.end(),
                         [](const Finding& a, const Finding& b) {
                             if (a.severity != b.severity) {
                                 return static_cast<int>(a.severity) > static_cast<int>(b.severity);
                             }
                             return a.id < b.id;
                         });
        m_out.score = exposureScore(m_out.findings);
        return std::move(m_out);
    }

private:
    void add(std::string id, Severity severity, std::string item, std::string explanation,
             double weight, std::string source = {}) {
        m_out.findings.push_back(Finding{std::move(id), severity, m_out.node, std::move(item),
                                         std::move(explanation), std::move(source), weight});
    }

    void mergeErrors() {
        for (const MergeError& error : m_config.errors) {
            add("merge.error", Severity::Error, error.item,
                error.diagnostic.message + "; the node will not launch", 0,
                error.diagnostic.file + ":" + std::to_string(error.diagnostic.line));
        }
    }

    std::string capabilitySource(std::string_view name) const {
        const EffectiveCapability* cap = effectiveCapability(m_config, name);
        return cap && cap->add ? sourceOf(cap->provenance) : std::string();
    }

    void capabilities() {
        if (!m_view.keeps("cap_sys_admin")) {
            return;
        }
        const bool real = m_view.isShared(Namespace::User);
        add("cap.sys-admin", real ? Severity::Error : Severity::Warning, "capability cap_sys_admin",
            std::string("CAP_SYS_ADMIN is kept: with setns() processes can leave the user, pid, "
                        "cgroup, network, IPC, time and UTS namespaces; remove it when not "
                        "strictly needed (rec. 1)") +
                (real ? "" : "; here it is limited to the node's own user namespace"),
            3, capabilitySource("cap_sys_admin"));
        if (m_view.keeps("cap_sys_chroot")) {
            add("cap.sys-admin-chroot", Severity::Error,
                "capabilities cap_sys_admin + cap_sys_chroot",
                "CAP_SYS_ADMIN with CAP_SYS_CHROOT lets processes escape the mount namespace "
                "(risk analysis, isolation; rec. 1)",
                2, capabilitySource("cap_sys_chroot"));
        }
        if (m_view.procfsMounted) {
            std::string source;
            for (const EffectiveExport& exp : m_config.exports) {
                if (exp.mode == ExportMode::Procfs) {
                    source = sourceOf(exp.provenance);
                }
            }
            add("ns.procfs-setns", Severity::Error, "procfs with cap_sys_admin",
                "procfs is mounted while the capabilities allow setns(): it gives the PID "
                "information needed to join other namespaces, an own PID namespace does not "
                "protect then (risk analysis, isolation)",
                1.5, source);
        }
    }

    std::string shareSource(Namespace ns) const {
        const EffectiveShare* share = effectiveShare(m_config, ns);
        return share ? sourceOf(share->provenance) : std::string();
    }

    void namespaces() {
        struct Rule {
            Namespace ns;
            Severity severity;
            double weight;
            const char* consequence;
        };
        static constexpr Rule kRules[] = {
            {Namespace::Net, Severity::Warning, 2.0,
             "the node reaches the host's network interfaces and services"},
            {Namespace::Pid, Severity::Warning, 1.5,
             "the node sees and can signal the host's processes"},
            {Namespace::Ipc, Severity::Warning, 1.0,
             "the node shares System V IPC and POSIX message queues with the host"},
            {Namespace::User, Severity::Info, 0.5,
             "capabilities in the node are real capabilities on the host"},
            {Namespace::Cgroup, Severity::Info, 0.2, "the node sees the host's cgroup hierarchy"},
        };
        for (const Rule& rule : kRules) {
            if (!m_view.isShared(rule.ns)) {
                continue;
            }
            std::string how = "shared with the host";
            for (const NamespaceJoin& join : m_view.joins) {
                if (join.ns == rule.ns) {
                    how = "joins " + join.path;
                }
            }
            add("ns.shared", rule.severity,
                "namespace " + std::string(toString(rule.ns)) + " (" + how + ")",
                std::string(rule.consequence) + "; unshared namespaces are what isolates a node "
                                                "(risk analysis, isolation)",
                rule.weight, shareSource(rule.ns));
        }
    }

    std::vector<std::string> familyFiles() const {
        std::vector<std::string> files;
        for (const FamilyNodeInfo& node : m_config.family) {
            for (const std::string* file :
                 {&node.statusFile, &node.normalConfig, &node.adminConfig}) {
                if (!file->empty()) {
                    files.push_back(*file);
                }
            }
            files.push_back((std::filesystem::path(node.path) / kAuditRecordName).string());
            files.push_back(applicationsDirectory(node.path).string());
        }
        return files;
    }

    // Graphical applications reach the desktop through its sockets; what each one gives the
    // node decides the weight (issue: graphical presets).
    void desktopSockets() {
        for (const EffectiveExport& exp : m_config.exports) {
            if (!bindsHostPath(exp.mode) || exp.source.empty()) {
                continue;
            }
            const std::string item = "export " + exp.mount + " (" + exp.source + ")";
            switch (desktopSocketKind(exp.source)) {
            case DesktopSocket::X11:
                add("desktop.x11", Severity::Warning, item,
                    "the X11 server lets every client read the keyboard, the pointer and the "
                    "screen of every other window and inject input into them: a sandboxed X11 "
                    "application is not isolated from the desktop (prefer Wayland)",
                    1.5, sourceOf(exp.provenance));
                break;
            case DesktopSocket::RawBus:
                add("desktop.raw-bus", Severity::Warning, item,
                    "the raw D-Bus socket lets the node call every service of the bus (secrets, "
                    "screen capture, file managers, systemd); give it a filtered proxy "
                    "(xdg-dbus-proxy) with an allow-list instead",
                    1.5, sourceOf(exp.provenance));
                break;
            case DesktopSocket::Wayland:
                add("desktop.wayland", Severity::Info, item,
                    "the node draws windows through the Wayland compositor, which keeps each "
                    "client's input and output to itself",
                    0.2, sourceOf(exp.provenance));
                break;
            case DesktopSocket::Audio:
                add("desktop.audio", Severity::Info, item,
                    "the node plays and may record sound through the sound server", 0.3,
                    sourceOf(exp.provenance));
                break;
            case DesktopSocket::None:
                break;
            }
        }
    }

    void exports() {
        const std::vector<std::string> files = familyFiles();
        for (const EffectiveExport& exp : m_config.exports) {
            if (!bindsHostPath(exp.mode) || exp.source.empty()) {
                continue;
            }
            const bool writable = isWritableBind(exp.mode);
            const std::string item = "export " + exp.mount + " (" +
                                     std::string(toString(exp.mode)) + " " + exp.source + ")";
            const auto exposed =
                std::find_if(files.begin(), files.end(), [&exp](const std::string& file) {
                    return isSameOrBelow(file, exp.source);
                });
            if (exposed != files.end()) {
                add("export.family-file", writable ? Severity::Error : Severity::Warning, item,
                    std::string("exposes ") + *exposed + (writable ? " read-write" : " read-only") +
                        " inside the node: configuration files should not be mounted in rednodes "
                        "(rec. 4); redwrap refuses this launch",
                    writable ? 3 : 1.5, sourceOf(exp.provenance));
            }
            if (!writable) {
                continue;
            }
            if (isHostSystemDirectory(exp.source)) {
                add("export.system-writable", Severity::Error, item,
                    "the node can modify the host system directory " + exp.source +
                        " (programs, configuration or kernel interfaces of the host)",
                    3, sourceOf(exp.provenance));
            } else {
                add("export.writable", Severity::Info, item,
                    "the node can modify " + exp.source +
                        " on the host (protect it with DAC/MAC, "
                        "risk analysis: data of rednodes)",
                    0.3, sourceOf(exp.provenance));
            }
        }
    }

    // Rec. 3: files (and the directories holding them) must be protected by DAC/MAC. Examined
    // on the identities the family's objects had when they were opened (FamilySnapshot); an
    // in-memory family has none.
    void files() {
        if (m_config.family.empty() || m_config.family.front().objects.empty()) {
            return;
        }
        // A node that needs privileges, or any node when the reviewer is privileged (root runs
        // lint on what root would launch): the launcher's own rule applies, as an error.
        const bool privileged = m_view.privileged() || hasPrivilege();
        const std::uint32_t treeOwner = m_config.family.front().objects.front().identity.uid;
        for (const FamilyNodeInfo& node : m_config.family) {
            for (const FamilyObject& object : node.objects) {
                if (privileged) {
                    privilegedFile(object);
                } else {
                    unprivilegedFile(object, treeOwner);
                }
            }
        }
    }

    void privilegedFile(const FamilyObject& object) {
        const FileIdentity& identity = object.identity;
        if (isTrustedRootObject(identity)) {
            return;
        }
        const char* kRefused = ": a privileged launch (redwrap as root or with capabilities, the "
                               "helper) only trusts family files owned by root and not writable "
                               "by group or others, and refuses this node (rec. 3)";
        if (isWritableByOthers(identity)) {
            add("file.writable", Severity::Error, object.path,
                std::string(S_ISDIR(identity.mode) ? "directory" : "file") +
                    " writable by group or others" + kRefused,
                1);
        }
        if (identity.uid != 0) {
            add("file.owner", Severity::Error, object.path,
                "owned by " + describeUser(identity.uid) + ", expected root" + kRefused, 1);
        }
    }

    void unprivilegedFile(const FamilyObject& object, std::uint32_t treeOwner) {
        const FileIdentity& identity = object.identity;
        const bool directory = S_ISDIR(identity.mode);
        // A sticky directory (like /tmp) does not let others replace what they do not own.
        if (isWritableByOthers(identity) && !(directory && (identity.mode & S_ISVTX))) {
            add("file.writable", Severity::Warning, object.path,
                std::string(directory ? "directory" : "file") +
                    " writable by group or others: they can change what the node does; "
                    "protect configurations with DAC or MAC (rec. 3)",
                1);
        }
        if (identity.uid != 0 && identity.uid != treeOwner) {
            add("file.owner", Severity::Warning, object.path,
                "owned by " + describeUser(identity.uid) + ", expected " + describeUser(treeOwner) +
                    " (owner of the tree): configurations must be protected by DAC (rec. 3)",
                1);
        }
    }

    void privileges() {
        if (!m_view.privileged()) {
            return;
        }
        std::string reasons;
        for (const std::string& reason : m_view.privilegeReasons) {
            reasons += (reasons.empty() ? "" : "; ") + reason;
        }
        add("priv.launch", Severity::Info, reasons,
            "redwrap must run privileged for this node; invoke it unprivileged whenever possible "
            "(rec. 5)",
            1);
        const bool userShared = m_view.isShared(Namespace::User);
        for (const std::string& reason : m_view.privilegeReasons) {
            if (userShared && (reason.rfind("capabilities added", 0) == 0 ||
                               reason.rfind("map-root-user", 0) == 0)) {
                add("priv.avoidable", Severity::Warning, reason,
                    "only needs root because the user namespace is shared: in a private user "
                    "namespace bwrap grants this without privileges (rec. 5)",
                    1, shareSource(Namespace::User));
            }
        }
        if (m_config.setUser &&
            (m_config.setUser->value == "root" || m_config.setUser->value == "0")) {
            add("priv.root", Severity::Warning, "set-user " + m_config.setUser->value,
                "the node runs as root: privileges it could do without (rec. 5)", 2,
                sourceOf(m_config.setUser->provenance));
        }
    }

    // A typo in a `$TAG` launches with an empty string where a value was written: whatever the
    // item, the change is not neutral. Checked against this process's environment, the closest
    // to the launcher's a review can know.
    void unknownTags() {
        if (!m_family) {
            return;
        }
        const EnvironmentLookup environment = processEnvironment();
        const auto check = [&](const Config& config, const std::filesystem::path& file) {
            for (const Diagnostic& d : unknownTagWarnings(config, file.string(), environment)) {
                add(std::string(kUnknownTagCode), Severity::Warning,
                    d.message.substr(0, d.message.find(" expands")), d.message, 0,
                    file.string() + ":" + std::to_string(d.line));
            }
        };
        for (const FamilyMember& member : *m_family) {
            check(member.normal, member.location.normalConfig);
            if (m_config.mode == MergeMode::Admin && member.admin && member.location.adminConfig) {
                check(*member.admin, *member.location.adminConfig);
            }
        }
    }

    void commands() {
        std::vector<std::pair<std::string, std::string>> found; // item, source
        if (m_family) {
            for (const FamilyMember& member : *m_family) {
                const auto collect = [&found](const Config& config,
                                              const std::filesystem::path& file) {
                    for (const auto& [item, pos] : commandsIn(config)) {
                        found.emplace_back(item, file.string() + ":" + std::to_string(pos.line));
                    }
                };
                collect(member.normal, member.location.normalConfig);
                if (member.admin && member.location.adminConfig) {
                    collect(*member.admin, *member.location.adminConfig);
                }
            }
        } else {
            for (const EffectiveEnv& env : m_config.environ) {
                if (env.mode == EnvMode::Execfd) {
                    found.emplace_back("environ " + env.key, sourceOf(env.provenance));
                }
            }
            for (const EffectiveExport& exp : m_config.exports) {
                if (exp.mode == ExportMode::Execfd) {
                    found.emplace_back("export " + exp.mount, sourceOf(exp.provenance));
                }
            }
        }
        for (const auto& [item, source] : found) {
            if (m_view.privileged()) {
                add("cmd.privileged", Severity::Error, item,
                    "a `$(...)` or Execfd command from a configuration file in a node launched "
                    "privileged: it must never run with more privileges than whoever can write "
                    "the file (redwrap is on the critical path, rec. 5)",
                    2, source);
            } else {
                add("cmd.present", Severity::Info, item,
                    "runs a command from a configuration file at each launch, as the launching "
                    "user",
                    0.2, source);
            }
        }
    }

    void limits() {
        const auto limited = [this](CgroupController controller,
                                    std::initializer_list<std::string_view> keys) {
            for (const NodeCgroup& node : m_config.cgroups) {
                for (const EffectiveCgroupLimit& limit : node.limits) {
                    if (limit.limit.controller == controller && limit.limit.value != "max" &&
                        std::find(keys.begin(), keys.end(), limit.limit.key) != keys.end()) {
                        return true;
                    }
                }
            }
            return false;
        };
        // Info, not warning: resource exhaustion is not among the five recommendations of the
        // risk analysis, and a limit cannot be the default (a launch with limits fails without
        // a delegated cgroup unless --force, which would break every unprivileged launch).
        // Warning would make `lint` fail on every node freshly created from a template. The
        // weights keep the missing limits visible in the score.
        const char* kWhy = ": a process of the node can exhaust the host's resources (good "
                           "practice beyond the risk analysis recommendations; cgroup limits "
                           "need a delegated cgroup)";
        if (!limited(CgroupController::Pids, {"max"})) {
            add("limits.pids", Severity::Info, "cgroups pids.max",
                std::string("no limit on the number of processes") + kWhy, 1);
        }
        if (!limited(CgroupController::Mem, {"max", "high"})) {
            add("limits.memory", Severity::Info, "cgroups mem.max",
                std::string("no memory limit") + kWhy, 1);
        }
        if (!limited(CgroupController::Cpu, {"max"})) {
            add("limits.cpu", Severity::Info, "cgroups cpu.max", std::string("no CPU limit") + kWhy,
                0.5);
        }
    }

    void relaxedSafety() {
        if (m_config.unsafe && m_config.unsafe->value) {
            add("config.unsafe", Severity::Warning, "unsafe: true",
                "safety checks are relaxed for this node", 1,
                sourceOf(m_config.unsafe->provenance));
        }
        if (m_config.inheritEnv && m_config.inheritEnv->value) {
            add("config.inherit-env", Severity::Warning, "inherit-env: true",
                "the whole launching environment enters the node (session bus and display "
                "addresses, tokens...)",
                1, sourceOf(m_config.inheritEnv->provenance));
        }
    }

    // An export whose mount point or source is `$ENVVAR`-dependent (kept symbolic by the review
    // merge, expand.h): each launch may mount another path than the one reviewed and approved.
    void environmentDependentExports() {
        for (const EffectiveExport& exp : m_config.exports) {
            std::vector<std::string> tags = environmentTagsIn(exp.mount);
            // An Execfd source is a shell command: its `$` are the shell's (cmd.present).
            const std::string source = exp.mode == ExportMode::Execfd ? "" : exp.source;
            for (std::string& tag : environmentTagsIn(source)) {
                if (std::find(tags.begin(), tags.end(), tag) == tags.end()) {
                    tags.push_back(std::move(tag));
                }
            }
            if (tags.empty()) {
                continue;
            }
            std::string list;
            for (const std::string& tag : tags) {
                list += (list.empty() ? "$" : ", $") + tag;
            }
            const bool privileged = m_view.privileged();
            add("export.env-dependent", privileged ? Severity::Error : Severity::Warning,
                exportItem(exp),
                "depends on the launching environment (" + list +
                    "): every launch may mount another path than the one reviewed; write the "
                    "path out" +
                    (privileged ? " (privileged launch: whoever sets the variable chooses what "
                                  "is mounted)"
                                : ""),
                1, sourceOf(exp.provenance));
        }
    }

    // A node redefining an ancestor's export of the same mount point with more access to the
    // host (Restricted -> Public...). Each node of the family is checked on the merge of the
    // family down to it, so that a widening by an intermediate node is seen too.
    void widenedExports() {
        if (!m_family || m_family->size() < 2) {
            reportWidenedExports(m_config, std::nullopt);
            return;
        }
        for (std::size_t k = 1; k + 1 < m_family->size(); ++k) {
            const std::string node = (*m_family)[k].location.base.string();
            if (m_ancestorMerge) {
                reportWidenedExports((*m_ancestorMerge)(k + 1), node);
                continue;
            }
            const std::vector<FamilyMember> down(
                m_family->begin(), m_family->begin() + static_cast<std::ptrdiff_t>(k + 1));
            reportWidenedExports(mergeForReview(down, m_config.mode), node);
        }
        reportWidenedExports(m_config, m_family->back().location.base.string());
    }

    // Exports of `config` defined by `definedBy` (any node when absent) that widen what they
    // replaced from another node.
    void reportWidenedExports(const EffectiveConfig& config,
                              const std::optional<std::string>& definedBy) {
        const bool leaf = &config == &m_config;
        for (const EffectiveExport& exp : config.exports) {
            const Origin& origin = exp.provenance.origin;
            const auto& replaced = exp.provenance.overrode;
            if (!replaced || replaced->origin.node == origin.node ||
                (definedBy && origin.node != *definedBy)) {
                continue;
            }
            const std::optional<ExportMode> before = exportModeOfText(replaced->value);
            if (!before || hostAccess(exp.mode) <= hostAccess(*before) ||
                (!leaf && !leafHasMoreAccessThan(exp.mount, hostAccess(*before)))) {
                continue;
            }
            add("export.widened", Severity::Warning, exportItem(exp),
                origin.node + " redefines " + replaced->value + " of its ancestor " +
                    replaced->origin.node +
                    " with more access to the host: a child should narrow what its parents "
                    "allow, never widen it",
                1, sourceOf(exp.provenance));
        }
    }

    // Whether the leaf's launch still mounts `mount` with more access than `access`: an
    // intermediate node's widening counts when it reaches the leaf (not when the leaf narrows
    // it back, nor for an intermediate Private export, which is not mounted in the leaf).
    bool leafHasMoreAccessThan(const std::string& mount, int access) const {
        return std::any_of(m_config.exports.begin(), m_config.exports.end(),
                           [&](const EffectiveExport& e) {
                               return e.mount == mount && hostAccess(e.mode) > access;
                           });
    }

    // `new-session: disabled`: the node shares the launcher's terminal session, and a process
    // of the node can type commands into the launching shell (TIOCSTI).
    void newSessionOff() {
        if (!m_config.newSession || m_config.newSession->value != Edu::Disabled) {
            return;
        }
        const Provenance& p = m_config.newSession->provenance;
        std::string why = "the node's processes share the launching terminal's session: they can "
                          "type commands into the launching shell (TIOCSTI) and signal its jobs";
        if (p.overrode && p.overrode->origin.node != p.origin.node) {
            why +=
                "; redefines new-session: " + p.overrode->value + " of " + p.overrode->origin.node;
        }
        add("config.new-session-off", Severity::Warning, "new-session: disabled", why, 1,
            sourceOf(p));
    }

    static std::string exportItem(const EffectiveExport& exp) {
        return "export " + exp.mount + " (" + std::string(toString(exp.mode)) +
               (exp.source.empty() ? "" : " " + exp.source) + ")";
    }

    const EffectiveConfig& m_config;
    const std::vector<FamilyMember>* m_family;
    const AncestorMerge* m_ancestorMerge;
    LaunchView m_view;
    NodeFindings m_out;
};

} // namespace

NodeFindings analyzeNode(const EffectiveConfig& config, const std::vector<FamilyMember>* family) {
    return NodeAnalysis(config, family).run();
}

NodeFindings analyzeNode(const EffectiveConfig& config, const std::vector<FamilyMember>& family,
                         const AncestorMerge& ancestorMerge) {
    return NodeAnalysis(config, &family, &ancestorMerge).run();
}

NodeFindings analyzeNodeAt(const std::filesystem::path& dir, MergeMode mode) {
    const std::vector<FamilyMember> family = loadFamily(dir, mode);
    return analyzeNode(mergeForReview(family, mode), &family);
}

namespace {

// analyzeIndexedNode(), adding the node's identity to `identities` when given.
NodeFindings analyzeIndexed(const std::filesystem::path& dir, MergeMode mode, TreeIndex& index,
                            std::vector<TreeNodeIdentity>* identities) {
    const std::vector<FamilyMember>& family = index.family(dir, mode);
    const EffectiveConfig merged = index.merged(dir, mode);
    if (identities) {
        identities->push_back(treeIdentityOf(merged));
    }
    return analyzeNode(merged, family, [&](std::size_t count) -> const EffectiveConfig& {
        return index.mergedAncestor(dir, mode, count);
    });
}

} // namespace

NodeFindings analyzeIndexedNode(const std::filesystem::path& dir, MergeMode mode,
                                TreeIndex& index) {
    return analyzeIndexed(dir, mode, index, nullptr);
}

TreeNodeIdentity treeIdentityOf(const EffectiveConfig& config) {
    TreeNodeIdentity identity;
    identity.launchable = !config.family.empty() && config.ok();
    if (!config.family.empty()) {
        identity.path = config.family.back().path;
    }
    if (config.setUser) {
        identity.user = config.setUser->value;
    }
    if (config.smack) {
        identity.smack = config.smack->value;
    }
    return identity;
}

TreeAnalysis analyzeTreeAt(const std::filesystem::path& dir, MergeMode mode) {
    TreeAnalysis analysis;
    std::vector<TreeNodeIdentity> identities;
    const TreeWalk walk = walkTree(dir);
    TreeIndex index(&reviewExpander());
    for (const TreeEntry& entry : walk.entries) {
        try {
            analysis.nodes.push_back(analyzeIndexed(entry.location.base, mode, index, &identities));
        } catch (const InputError& error) {
            // One broken node must not hide the findings of the others.
            const std::string node = entry.location.base.string();
            analysis.nodes.push_back(
                NodeFindings{node,
                             entry.location.base.filename().string(),
                             {Finding{"config.invalid", Severity::Error, node, "configuration",
                                      error.diagnostic().format(), error.diagnostic().file, 0}},
                             0});
        }
    }
    analysis.tree = analyzeTree(identities);
    // Nodes the walk did not reach are not "no problem": each subtree left out is one.
    for (const UninspectedDirectory& skipped : walk.uninspected) {
        analysis.tree.push_back(Finding{"tree.not-inspected",
                                        Severity::Error,
                                        skipped.path.string(),
                                        skipped.path.string(),
                                        skipped.reason,
                                        {},
                                        0});
    }
    return analysis;
}

std::vector<Finding> analyzeTree(const std::vector<TreeNodeIdentity>& nodes) {
    // Rec. 2: group the nodes by the identity they run as ("" = the launching user) and
    // report the nodes of a group whose Smack label does not tell them apart.
    std::map<std::string, std::vector<const TreeNodeIdentity*>> byUser;
    for (const TreeNodeIdentity& node : nodes) {
        if (node.launchable) {
            byUser[node.user.value_or(std::string())].push_back(&node);
        }
    }
    std::vector<Finding> findings;
    for (const auto& [user, group] : byUser) {
        std::map<std::string, int> labelUses;
        for (const TreeNodeIdentity* node : group) {
            if (node->smack) {
                ++labelUses[*node->smack];
            }
        }
        std::vector<std::string> undistinguished;
        for (const TreeNodeIdentity* node : group) {
            if (!node->smack || labelUses[*node->smack] > 1) {
                undistinguished.push_back(node->path);
            }
        }
        if (undistinguished.size() < 2) {
            continue;
        }
        std::string list;
        for (const std::string& path : undistinguished) {
            list += (list.empty() ? "" : ", ") + path;
        }
        findings.push_back(Finding{
            "tree.same-user",
            Severity::Warning,
            std::string(),
            "nodes " + list + " (user: " + (user.empty() ? "the launching user" : user) + ")",
            "these nodes run as the same user without distinct Smack labels: separate them with "
            "DAC (set-user) or, preferably, MAC (smack) (rec. 2)",
            {},
            0});
    }
    return findings;
}

double exposureScore(const std::vector<Finding>& findings) {
    double sum = 0;
    for (const Finding& finding : findings) {
        sum += finding.weight;
    }
    return std::round(std::min(10.0, sum) * 10) / 10;
}

std::string formatScore(double score) {
    char buffer[32];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, score, std::chars_format::fixed, 1);
    return std::string(buffer, result.ptr);
}

std::optional<Severity> highestSeverity(const std::vector<Finding>& findings) {
    std::optional<Severity> highest;
    for (const Finding& finding : findings) {
        if (!highest || static_cast<int>(finding.severity) > static_cast<int>(*highest)) {
            highest = finding.severity;
        }
    }
    return highest;
}

namespace {

std::string findingLine(const Finding& f) {
    std::string severity(toString(f.severity));
    severity.resize(8, ' ');
    std::string line =
        severity + f.id + "  " + escapeText(f.item) + ": " + escapeText(f.explanation);
    if (!f.source.empty()) {
        line += " [" + escapeText(f.source) + "]";
    }
    return line + "\n";
}

} // namespace

std::string formatFindingsText(const std::vector<NodeFindings>& nodes,
                               const std::vector<Finding>& treeFindings) {
    std::string out;
    for (const NodeFindings& node : nodes) {
        out += escapeText(node.node) + " (" + escapeText(node.alias) + "): score " +
               formatScore(node.score) + ", " + std::to_string(node.findings.size()) + " finding" +
               (node.findings.size() == 1 ? "" : "s") + "\n";
        for (const Finding& finding : node.findings) {
            out += "  " + findingLine(finding);
        }
    }
    if (!treeFindings.empty()) {
        out += "tree:\n";
        for (const Finding& finding : treeFindings) {
            out += "  " + findingLine(finding);
        }
    }
    return out;
}

detail::JsonValue detail::findingToJson(const Finding& f) {
    return JsonObject{{"id", f.id},        {"severity", toString(f.severity)}, {"node", f.node},
                      {"item", f.item},    {"explanation", f.explanation},     {"source", f.source},
                      {"weight", f.weight}};
}

detail::JsonValue detail::findingsToJson(const std::vector<Finding>& findings) {
    JsonArray out;
    for (const Finding& f : findings) {
        out.push_back(findingToJson(f));
    }
    return out;
}

std::string formatFindingsJson(const std::vector<NodeFindings>& nodes,
                               const std::vector<Finding>& treeFindings) {
    using namespace detail;
    JsonArray list;
    std::vector<Finding> all = treeFindings;
    for (const NodeFindings& node : nodes) {
        list.push_back(JsonObject{{"node", node.node},
                                  {"alias", node.alias},
                                  {"score", node.score},
                                  {"findings", findingsToJson(node.findings)}});
        all.insert(all.end(), node.findings.begin(), node.findings.end());
    }
    const std::optional<Severity> highest = highestSeverity(all);
    return writeJson(
        JsonObject{{"nodes", std::move(list)},
                   {"tree", findingsToJson(treeFindings)},
                   {"highest", highest ? JsonValue(toString(*highest)) : JsonValue()}});
}

} // namespace redpak
