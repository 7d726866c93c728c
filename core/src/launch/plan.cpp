// SPDX-License-Identifier: Apache-2.0
// Effective configuration -> bwrap arguments (spec: merge-and-launch.md §3).
#include "redpak/launch/plan.h"

#include "redpak/base/digest.h"
#include "redpak/base/text_escape.h"
#include "redpak/config/schema.h"

#include <algorithm>

namespace redpak {
namespace {

// The components of a path, one at a time ("/a//b/" gives "a", "b"), without allocating: the
// plan compares every export with every family file and sorts the mounts at every launch.
class Components {
public:
    explicit Components(std::string_view path) : m_path(path) {}

    // The next component; empty once there is none left.
    std::string_view next() {
        while (m_at < m_path.size() && m_path[m_at] == '/') {
            ++m_at;
        }
        const std::size_t start = m_at;
        while (m_at < m_path.size() && m_path[m_at] != '/') {
            ++m_at;
        }
        return m_path.substr(start, m_at - start);
    }

private:
    std::string_view m_path;
    std::size_t m_at = 0;
};

[[noreturn]] void refuse(const EffectiveExport& exp, const std::string& message) {
    const Origin& o = exp.provenance.origin;
    throw InputError(Diagnostic{o.file, o.pos.line, o.pos.column, message});
}

// Values with `$TAGS` are checked once expanded (a literal one was checked when parsed):
// an alias used as host name may hold characters a host name may not. A value that still
// holds a `$` is symbolic (reviews keep `$HOME`, `$UUID`): it is checked at launch.
void checkExpandedSyntax(const EffectiveConfig& config) {
    if (!config.expanded) {
        return;
    }
    for (const ScalarKey& key : kScalarKeys) {
        if (key.syntax == TextSyntax::Free || key.text.effective == nullptr) {
            continue;
        }
        const auto& value = config.*key.text.effective;
        if (!value || value->value.find('$') != std::string::npos) {
            continue;
        }
        if (const auto problem = textSyntaxProblem(key.syntax, value->value)) {
            const Origin& o = value->provenance.origin;
            throw InputError(Diagnostic{o.file, o.pos.line, o.pos.column,
                                        "invalid value '" + escapeText(value->value) + "' for '" +
                                            std::string(key.key) + "' once expanded: expected " +
                                            *problem});
        }
    }
}

TextOrigin textOrigin(const Provenance& p) {
    return TextOrigin{p.origin.file, p.origin.pos, p.origin.owner};
}

std::string_view bindOption(ExportMode mode) {
    switch (mode) {
    case ExportMode::Restricted:
    case ExportMode::PrivateRestricted:
    case ExportMode::RestrictedFile:
        return "--ro-bind";
    case ExportMode::Public:
    case ExportMode::Private:
    case ExportMode::PublicFile:
    case ExportMode::PrivateFile:
        return "--bind";
    default:
        return {};
    }
}

bool isFileMode(ExportMode mode) {
    return mode == ExportMode::RestrictedFile || mode == ExportMode::PublicFile ||
           mode == ExportMode::PrivateFile;
}

// Risk analysis rec. 4: no config or status file of the family inside a node.
void refuseFamilyFiles(const EffectiveConfig& config, const EffectiveExport& exp) {
    if (exp.source.empty() || exp.mode == ExportMode::Symlink || exp.mode == ExportMode::Execfd) {
        return;
    }
    for (const FamilyNodeInfo& node : config.family) {
        for (const std::string* file : {&node.normalConfig, &node.adminConfig, &node.statusFile}) {
            if (!file->empty() && isSameOrBelow(*file, exp.source)) {
                refuse(exp, "export " + exp.mount + " (" + exp.source +
                                ") would expose the rednode file " + *file +
                                " inside the node; configuration files must not be mounted in "
                                "rednodes (risk analysis recommendation 4)");
            }
        }
    }
}

std::string cgroupFileName(const CgroupLimit& limit) {
    switch (limit.controller) {
    case CgroupController::Cpuset:
        return limit.key == "cpus_partition" ? "cpuset.cpus.partition" : "cpuset." + limit.key;
    case CgroupController::Mem: {
        std::string key = limit.key;
        std::replace(key.begin(), key.end(), '_', '.');
        return "memory." + key;
    }
    case CgroupController::Cpu:
        return "cpu." + limit.key;
    case CgroupController::Io:
        return "io." + limit.key;
    case CgroupController::Pids:
        return "pids." + limit.key;
    }
    return {};
}

// Keys the spec accepts without effect.
bool cgroupKeyHasEffect(const CgroupLimit& limit) {
    static constexpr std::string_view kInert[] = {"low", "oom_group", "weight_nice", "cost_qos",
                                                  "cost_model"};
    return std::find(std::begin(kInert), std::end(kInert), limit.key) == std::end(kInert);
}

struct CapabilityOutcome {
    bool sysAdminDropped = false; // by the configuration, or by default (rec. 1)
};

// One unambiguous final set (EffectiveConfig::capabilities): the ALL option first, then only
// the capabilities that differ from it, so that bwrap, which applies the options in order,
// never re-adds what an earlier option dropped. Rec. 1: CAP_SYS_ADMIN is dropped unless the
// configuration decides it.
CapabilityOutcome emitCapabilities(const EffectiveConfig& config, const PlanOptions& options,
                                   std::vector<BwrapOption>& out) {
    const EffectiveCapability* all = effectiveCapability(config, "all");
    const auto emit = [&out](const EffectiveCapability& cap) {
        const std::string name = cap.name == "all" ? "ALL" : cap.name;
        out.push_back({cap.add ? "--cap-add" : "--cap-drop", {name}, cap.provenance});
    };
    if (all) {
        emit(*all);
    }
    for (const EffectiveCapability& cap : config.capabilities) {
        if (cap.name != "all" && (!all || cap.add != all->add)) {
            emit(cap);
        }
    }
    const EffectiveCapability* sysAdmin = effectiveCapability(config, "cap_sys_admin");
    if (!sysAdmin && options.dropSysAdminByDefault) {
        out.push_back({"--cap-drop", {"cap_sys_admin"}, std::nullopt});
    }
    return CapabilityOutcome{sysAdmin ? !sysAdmin->add : options.dropSysAdminByDefault};
}

// One export: a bwrap option, and what the launcher must provide for it.
void planMount(const EffectiveExport& exp, int& nextFd, BwrapPlan& plan) {
    auto& out = plan.options;
    switch (exp.mode) {
    case ExportMode::Symlink:
        out.push_back({"--symlink", {exp.source, exp.mount}, exp.provenance});
        break;
    case ExportMode::Execfd:
    case ExportMode::Internal: {
        // The content is produced by the launcher, which has the system access buildPlan lacks.
        const bool command = exp.mode == ExportMode::Execfd;
        plan.fds.push_back(
            FdContent{command ? FdContent::Kind::CommandOutput : FdContent::Kind::FileCopy, nextFd,
                      exp.source, exp.mount, textOrigin(exp.provenance)});
        out.push_back({"--file", {std::to_string(nextFd), exp.mount}, exp.provenance});
        ++nextFd;
        break;
    }
    case ExportMode::Anonymous:
        out.push_back({"--dir", {exp.mount}, exp.provenance});
        break;
    case ExportMode::Tmpfs:
        out.push_back({"--tmpfs", {exp.mount}, exp.provenance});
        break;
    case ExportMode::Procfs:
        out.push_back({"--proc", {exp.mount}, exp.provenance});
        break;
    case ExportMode::Devfs:
        out.push_back({"--dev", {exp.mount}, exp.provenance});
        break;
    case ExportMode::Mqueue:
        out.push_back({"--mqueue", {exp.mount}, exp.provenance});
        break;
    case ExportMode::Lock:
        out.push_back({"--lock-file", {exp.mount}, exp.provenance});
        break;
    default:
        plan.sources.push_back(
            RequiredSource{exp.source, !isFileMode(exp.mode), textOrigin(exp.provenance)});
        out.push_back({std::string(bindOption(exp.mode)), {exp.source, exp.mount}, exp.provenance});
        break;
    }
}

// Mounts: one option per export, parents before the paths below them, since bwrap mounts in
// order and a later mount over a parent would hide the earlier one.
void planMounts(const EffectiveConfig& config, BwrapPlan& plan) {
    std::vector<const EffectiveExport*> mounts;
    for (const EffectiveExport& exp : config.exports) {
        mounts.push_back(&exp);
    }
    std::stable_sort(mounts.begin(), mounts.end(), [](const auto* a, const auto* b) {
        return mountPointLess(a->mount, b->mount);
    });
    int nextFd = 3; // after stdin, stdout and stderr
    for (const EffectiveExport* exp : mounts) {
        refuseFamilyFiles(config, *exp);
        planMount(*exp, nextFd, plan);
    }
}

// Environment: the environ entries, then PATH and LD_LIBRARY_PATH, which their own sections
// build and which therefore win over an environ entry of the same name.
void emitEnvironment(const EffectiveConfig& config, std::vector<BwrapOption>& out) {
    for (const EffectiveEnv& env : config.environ) {
        if (env.mode == EnvMode::Remove) {
            out.push_back({"--unsetenv", {env.key}, env.provenance});
        } else if (env.value) {
            out.push_back({"--setenv", {env.key, *env.value}, env.provenance});
        }
    }
    if (!config.path.empty()) {
        out.push_back(
            {"--setenv", {"PATH", joinSearchPath(config.path)}, config.path.front().provenance});
    }
    if (!config.ldpath.empty()) {
        out.push_back({"--setenv",
                       {"LD_LIBRARY_PATH", joinSearchPath(config.ldpath)},
                       config.ldpath.front().provenance});
    }
}

// The process bwrap starts: host name, working directory, lifetime and terminal session.
void planProcess(const EffectiveConfig& config, BwrapPlan& plan) {
    auto& out = plan.options;
    if (config.hostname) {
        out.push_back({"--unshare-uts", {}, config.hostname->provenance});
        out.push_back({"--hostname", {config.hostname->value}, config.hostname->provenance});
    }
    if (config.chdir) {
        out.push_back({"--chdir", {config.chdir->value}, config.chdir->provenance});
    }
    if (config.dieWithParent && config.dieWithParent->value == Edu::Enabled) {
        out.push_back({"--die-with-parent", {}, config.dieWithParent->provenance});
    }
    if (config.newSession && config.newSession->value == Edu::Enabled) {
        out.push_back({"--new-session", {}, config.newSession->provenance});
    }
    plan.newSession = !(config.newSession && config.newSession->value == Edu::Disabled);
}

// Spec §2: share_all is the fallback of the share_X no file defined.
std::optional<ShareValue> shareOf(const EffectiveConfig& config, Namespace ns) {
    const EffectiveShare* share = effectiveShare(config, ns);
    return share ? std::optional<ShareValue>(share->value) : std::nullopt;
}

bool isUnshared(const EffectiveConfig& config, Namespace ns) {
    const std::optional<ShareValue> share = shareOf(config, ns);
    return !share || share->state != Edu::Enabled;
}

// The user namespace: bwrap creates it, unless the launcher must, to create the time
// namespace inside it first (bwrap cannot unshare time).
void planUserNamespace(const EffectiveConfig& config, BwrapPlan& plan) {
    if (!isUnshared(config, Namespace::User)) {
        return;
    }
    if (plan.launcherCreatesTimeNamespace) {
        plan.launcherCreatesUserNamespace = true;
        return;
    }
    plan.options.push_back({"--unshare-user", {}, std::nullopt});
    if (plan.mapRootUser) {
        plan.options.push_back({"--uid", {"0"}, std::nullopt});
        plan.options.push_back({"--gid", {"0"}, std::nullopt});
    }
}

// Namespaces to join, to create, or to leave shared. True when bwrap creates the user
// namespace itself.
bool planNamespaces(const EffectiveConfig& config, BwrapPlan& plan) {
    for (const Namespace ns : kOwnNamespaces) {
        const std::optional<ShareValue> share = shareOf(config, ns);
        if (share && share->joins()) {
            plan.joins.push_back(NamespaceJoin{ns, share->joinPath});
        }
    }
    // The user namespace is joined first: it decides what the other joins are allowed.
    std::stable_sort(plan.joins.begin(), plan.joins.end(),
                     [](const auto& a, const auto&) { return a.ns == Namespace::User; });
    const std::optional<ShareValue> time = shareOf(config, Namespace::Time);
    plan.launcherCreatesTimeNamespace = time && time->state == Edu::Disabled;
    plan.mapRootUser = config.mapRootUser && config.mapRootUser->value > 0;
    planUserNamespace(config, plan);
    auto& out = plan.options;
    if (isUnshared(config, Namespace::Cgroup)) {
        out.push_back({"--unshare-cgroup", {}, std::nullopt});
    }
    if (isUnshared(config, Namespace::Ipc)) {
        out.push_back({"--unshare-ipc", {}, std::nullopt});
    }
    if (isUnshared(config, Namespace::Pid)) {
        out.push_back({"--unshare-pid", {}, std::nullopt});
    }
    out.push_back(
        {isUnshared(config, Namespace::Net) ? "--unshare-net" : "--share-net", {}, std::nullopt});
    return isUnshared(config, Namespace::User) && !plan.launcherCreatesUserNamespace;
}

// Identity and process attributes the launcher applies, since bwrap has no option for them.
void planIdentity(const EffectiveConfig& config, BwrapPlan& plan) {
    plan.inheritEnvironment = config.inheritEnv && config.inheritEnv->value;
    if (config.umask) {
        plan.umask = config.umask->value;
    }
    if (config.setUser) {
        plan.setUser = config.setUser->value;
    }
    if (config.setGroup) {
        plan.setGroup = config.setGroup->value;
    }
    if (config.smack) {
        plan.smack = config.smack->value;
    }
}

// One nested cgroup per node of the family, root first, only when some node sets a limit:
// without one, creating cgroups would need privileges for nothing.
void planCgroups(const EffectiveConfig& config, BwrapPlan& plan) {
    if (config.cgrouproot) {
        plan.cgroupRoot = config.cgrouproot->value;
    }
    const bool anyLimit = std::any_of(config.cgroups.begin(), config.cgroups.end(),
                                      [](const NodeCgroup& n) { return !n.limits.empty(); });
    if (!anyLimit) {
        return;
    }
    std::string dir;
    for (const NodeCgroup& node : config.cgroups) {
        dir += (dir.empty() ? "" : "/") + nodeCgroupName(node.alias, node.node);
        CgroupStep step{dir, {}, node.node};
        for (const EffectiveCgroupLimit& limit : node.limits) {
            if (cgroupKeyHasEffect(limit.limit)) {
                step.files.emplace_back(cgroupFileName(limit.limit), limit.limit.value);
            }
        }
        plan.cgroups.push_back(std::move(step));
    }
}

} // namespace

std::string nodeCgroupName(std::string_view alias, std::string_view nodePath) {
    constexpr std::size_t kAliasPart = 64;
    constexpr std::size_t kHashPart = 12;
    return std::string(alias.substr(0, kAliasPart)) + "-" +
           sha256Hex(nodePath).substr(0, kHashPart);
}

bool isSameOrBelow(std::string_view inner, std::string_view outer) {
    Components in(inner);
    Components out(outer);
    for (std::string_view part = out.next(); !part.empty(); part = out.next()) {
        if (in.next() != part) {
            return false;
        }
    }
    return true;
}

// Component by component; a path sorts before the paths below it.
bool mountPointLess(std::string_view a, std::string_view b) {
    Components ca(a);
    Components cb(b);
    for (;;) {
        const std::string_view x = ca.next();
        const std::string_view y = cb.next();
        if (y.empty()) {
            return false;
        }
        if (x.empty() || x != y) {
            return x < y;
        }
    }
}

std::vector<std::string> BwrapPlan::arguments() const {
    std::vector<std::string> args;
    for (const BwrapOption& option : options) {
        args.push_back(option.name);
        args.insert(args.end(), option.values.begin(), option.values.end());
    }
    return args;
}

BwrapPlan buildPlan(const EffectiveConfig& config, const PlanOptions& options) {
    if (options.withExports) { // a launch; the launch view reports no refusal (findings do)
        if (!config.ok()) {
            throw InputError(config.errors.front().diagnostic);
        }
        checkExpandedSyntax(config);
    }
    // The steps run in the order bwrap gets their options: the reference dumps record it.
    BwrapPlan plan;
    if (options.withExports) {
        planMounts(config, plan);
    }
    emitEnvironment(config, plan.options);
    const CapabilityOutcome capabilities = emitCapabilities(config, options, plan.options);
    planProcess(config, plan);
    const bool bwrapCreatesUserNamespace = planNamespaces(config, plan);
    // Only when bwrap creates the user namespace: it then needs no CAP_SYS_ADMIN of its own
    // (it gets a full set inside), whereas running as root of a namespace the launcher created,
    // it needs the capability to set the sandbox up.
    plan.dropSysAdminFromBoundingSet = capabilities.sysAdminDropped && bwrapCreatesUserNamespace;
    for (const FamilyNodeInfo& node : config.family) {
        plan.familyObjects.insert(plan.familyObjects.end(), node.objects.begin(),
                                  node.objects.end());
    }
    planIdentity(config, plan);
    planCgroups(config, plan);
    return plan;
}

namespace {

// The value `--setenv KEY` gives the node last, if any.
std::optional<std::string> nodeVariable(const BwrapPlan& plan, std::string_view key) {
    std::optional<std::string> value;
    for (const BwrapOption& option : plan.options) {
        if (option.name == "--setenv" && option.values.size() == 2 && option.values[0] == key) {
            value = option.values[1];
        } else if (option.name == "--unsetenv" && !option.values.empty() &&
                   option.values[0] == key) {
            value.reset();
        }
    }
    return value;
}

std::string sessionBusDump(const SessionBusProxy& bus) {
    std::string text = "  --ro-bind-fd PROXY_SOCKET " + escapeText(bus.socketInNode) + "\n" +
                       "  --setenv DBUS_SESSION_BUS_ADDRESS " + escapeText(bus.addressInNode()) +
                       "\n  --sync-fd PROXY_SYNC\nPROXY:";
    for (const std::string& argument : proxyArguments(bus, "PROXY_SOCKET", "PROXY_SYNC")) {
        text += " " + escapeText(argument);
    }
    return text + "\n";
}

} // namespace

void planSessionBus(BwrapPlan& plan, std::vector<std::string> talk, std::string hostAddress) {
    const std::string origin = "session bus";
    if (talk.empty()) {
        throw InputError(Diagnostic{origin, 0, 0, "no name to talk to on the session bus"});
    }
    const std::optional<std::string> runtime = nodeVariable(plan, "XDG_RUNTIME_DIR");
    if (!runtime || runtime->empty() || runtime->front() != '/') {
        throw InputError(Diagnostic{
            origin, 0, 0,
            "the node has no XDG_RUNTIME_DIR of its own, where the session bus proxy is bound "
            "(set it, with a Tmpfs export at /run/user/$UID, as the x11 and wayland templates "
            "do)"});
    }
    if (hostAddress.empty()) {
        throw InputError(Diagnostic{origin, 0, 0,
                                    "the launcher has no session bus "
                                    "(DBUS_SESSION_BUS_ADDRESS is not set)"});
    }
    SessionBusProxy bus;
    bus.talk = std::move(talk);
    bus.hostAddress = std::move(hostAddress);
    bus.socketInNode = normalizeMountPath(*runtime + "/bus");
    plan.sessionBus = std::move(bus);
}

std::vector<std::string> proxyArguments(const SessionBusProxy& bus, const std::string& socketPath,
                                        const std::string& syncFd) {
    std::vector<std::string> args{bus.proxyPath, bus.hostAddress, socketPath, "--filter"};
    for (const std::string& name : bus.talk) {
        args.push_back("--talk=" + name);
    }
    args.push_back("--fd=" + syncFd);
    return args;
}

std::string formatDump(const BwrapPlan& plan, const std::string& bwrapPath,
                       const std::string& argv0) {
    // Values come from configurations and paths: escaped, so that what a terminal shows is
    // what bwrap gets (text_escape.h).
    std::string text = "DUMP: " + escapeText(bwrapPath) + " (as " + escapeText(argv0) + ")\n";
    for (const BwrapOption& option : plan.options) {
        text += "  " + option.name;
        std::vector<std::string> values = option.values;
        if (option.name == "--file") {
            // Internal exports: the source path is shown where bwrap gets a descriptor.
            for (const FdContent& fd : plan.fds) {
                if (fd.kind == FdContent::Kind::FileCopy && std::to_string(fd.fd) == values[0]) {
                    values[0] = fd.source;
                }
            }
        }
        for (const std::string& value : values) {
            text += " " + escapeText(value);
        }
        text += "\n";
    }
    return plan.sessionBus ? text + sessionBusDump(*plan.sessionBus) : text;
}

} // namespace redpak
