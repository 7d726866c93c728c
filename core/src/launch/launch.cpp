// SPDX-License-Identifier: Apache-2.0
// Launch of a bwrap plan: prepare in the launcher what bwrap cannot do, then exec bwrap.
#include "redpak/launch/launch.h"

#include "launch/launch_sources.h"
#include "launch/seccomp_filter.h"
#include "launch/session_bus_proxy.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/fd_io.h"
#include "redpak/base/privileges.h"
#include "redpak/tree/node.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <optional>
#include <pwd.h>
#include <sched.h>
#include <string_view>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

extern char** environ;

namespace redpak {
namespace {

// File descriptors the launcher keeps for itself are moved above this number so that the
// numbers the plan promised to bwrap (3, 4, ...) stay free.
constexpr int kHighFd = 256;

[[noreturn]] void systemFailure(const std::string& what) {
    throw LaunchError(what + ": " + std::strerror(errno));
}

std::string where(const TextOrigin& origin) {
    return origin.file + (origin.pos.line > 0 ? ":" + std::to_string(origin.pos.line) : "");
}

int moveHigh(int fd) {
    const int high = fcntl(fd, F_DUPFD_CLOEXEC, kHighFd);
    if (high < 0) {
        systemFailure("cannot move a file descriptor");
    }
    close(fd);
    return high;
}

void writeAll(int fd, std::string_view data, const std::string& what) {
    if (!writeFully(fd, data)) {
        systemFailure("cannot write " + what);
    }
}

// A descriptor the launcher prepared, kept above kHighFd until it is placed at `target`.
struct PlacedFd {
    int high = -1;
    int target = -1;
};

// dup2 leaves each target without FD_CLOEXEC: bwrap inherits exactly these.
void placeAll(const std::vector<PlacedFd>& placed) {
    for (const PlacedFd& fd : placed) {
        if (dup2(fd.high, fd.target) < 0) {
            systemFailure("cannot place file descriptor " + std::to_string(fd.target));
        }
        close(fd.high);
    }
}

int memfdWith(std::string_view data, const std::string& what) {
    const int fd = memfd_create("redwrap-file", MFD_CLOEXEC);
    if (fd < 0) {
        systemFailure("memfd_create");
    }
    writeAll(fd, data, what);
    if (lseek(fd, 0, SEEK_SET) != 0) {
        systemFailure("lseek");
    }
    return moveHigh(fd);
}

// Content of every FdContent, each on a memfd placed at the number the plan gave it.
void provideFileDescriptors(const BwrapPlan& plan, const LaunchOptions& options,
                            const FamilyIdentities& family) {
    std::vector<PlacedFd> placed;
    for (const FdContent& content : plan.fds) {
        std::string data;
        if (content.kind == FdContent::Kind::CommandOutput) {
            if (!options.commands) {
                throw LaunchError(where(content.origin) + ": Execfd export " + content.mount +
                                  " needs a command policy");
            }
            data = options.commands->fileContent(content.source, content.origin);
        } else {
            data = readInternalContent(content, family, options.readSourcesAs);
        }
        placed.push_back({memfdWith(data, "content of " + content.mount), content.fd});
    }
    placeAll(placed);
}

// The first number after the plan's own descriptors (3, 4, ...).
int firstFreeFd(const BwrapPlan& plan) {
    return 3 + static_cast<int>(plan.fds.size());
}

// Opens and checks every bind source (plan.sources order), numbered from firstFreeFd.
std::vector<PlacedFd> openBindSources(const BwrapPlan& plan, const FamilyIdentities& family) {
    std::vector<PlacedFd> placed;
    for (const RequiredSource& source : plan.sources) {
        const int target = firstFreeFd(plan) + static_cast<int>(placed.size());
        placed.push_back({moveHigh(openBindSource(source, family).release()), target});
    }
    return placed;
}

int namespaceFlag(Namespace ns) {
    switch (ns) {
    case Namespace::User:
        return CLONE_NEWUSER;
    case Namespace::Cgroup:
        return CLONE_NEWCGROUP;
    case Namespace::Net:
        return CLONE_NEWNET;
    case Namespace::Pid:
        return CLONE_NEWPID;
    case Namespace::Ipc:
        return CLONE_NEWIPC;
    case Namespace::Time:
        return CLONE_NEWTIME;
    case Namespace::All:
        break;
    }
    return 0;
}

void joinNamespaces(const BwrapPlan& plan) {
    for (const NamespaceJoin& join : plan.joins) {
        const int fd = open(join.path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            systemFailure("cannot open namespace " + join.path);
        }
        const int rc = setns(fd, namespaceFlag(join.ns));
        const int savedErrno = errno;
        close(fd);
        if (rc != 0) {
            errno = savedErrno;
            systemFailure("cannot join " + std::string(toString(join.ns)) + " namespace " +
                          join.path + " (needs CAP_SYS_ADMIN)");
        }
    }
}

bool parseNumber(const std::string& text, unsigned long& value) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
        return false;
    }
    value = std::strtoul(text.c_str(), nullptr, 10);
    return true;
}

gid_t resolveGroup(const std::string& name) {
    unsigned long number = 0;
    if (parseNumber(name, number)) {
        return static_cast<gid_t>(number);
    }
    const group* gr = getgrnam(name.c_str());
    if (!gr) {
        throw LaunchError("set-group: unknown group " + name);
    }
    return gr->gr_gid;
}

// The new identity runs bwrap unprivileged and can never regain a capability.
void changeIdentityWithoutCapabilities(uid_t uid, gid_t gid) {
    if (const char* failure = becomeWithoutCapabilities(uid, gid)) {
        systemFailure(std::string(failure) + " for uid " + std::to_string(uid) + " gid " +
                      std::to_string(gid));
    }
}

void changeIdentity(const BwrapPlan& plan) {
    if (!plan.setUser && !plan.setGroup) {
        return;
    }
    uid_t uid = getuid();
    gid_t gid = getgid();
    if (plan.setUser) {
        unsigned long number = 0;
        if (parseNumber(*plan.setUser, number)) {
            uid = static_cast<uid_t>(number);
        } else {
            const passwd* pw = getpwnam(plan.setUser->c_str());
            if (!pw) {
                throw LaunchError("set-user: unknown user " + *plan.setUser);
            }
            uid = pw->pw_uid;
            gid = pw->pw_gid;
        }
    }
    if (plan.setGroup) {
        gid = resolveGroup(*plan.setGroup);
    }
    changeIdentityWithoutCapabilities(uid, gid);
}

void applySmack(const std::string& label) {
    const int fd = open("/proc/self/attr/smack/current", O_WRONLY | O_CLOEXEC);
    const int fallback = fd >= 0 ? fd : open("/proc/self/attr/current", O_WRONLY | O_CLOEXEC);
    if (fallback < 0) {
        systemFailure("cannot set Smack label " + label);
    }
    const ssize_t n = write(fallback, label.data(), label.size());
    const int savedErrno = errno;
    close(fallback);
    if (n != static_cast<ssize_t>(label.size())) {
        errno = savedErrno;
        systemFailure("cannot set Smack label " + label + " (needs CAP_MAC_ADMIN)");
    }
}

void writeProcFile(const char* path, const std::string& value) {
    const int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        systemFailure(std::string("cannot open ") + path);
    }
    const ssize_t n = write(fd, value.data(), value.size());
    const int savedErrno = errno;
    close(fd);
    if (n != static_cast<ssize_t>(value.size())) {
        errno = savedErrno;
        systemFailure(std::string("cannot write ") + path);
    }
}

// share_time: disabled. bwrap cannot create a time namespace, so the launcher does, inside a
// user namespace of its own when the configuration does not share the user namespace.
// Children of bwrap (the sandbox) are born in the new time namespace.
void createTimeNamespace(const BwrapPlan& plan) {
    if (!plan.launcherCreatesUserNamespace) {
        if (unshare(CLONE_NEWTIME) != 0) {
            systemFailure("cannot create a time namespace (needs CAP_SYS_ADMIN, or leave "
                          "share_user unset so that a user namespace can be created)");
        }
        return;
    }
    const uid_t uid = getuid();
    const gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWTIME) != 0) {
        systemFailure("cannot create user and time namespaces");
    }
    writeProcFile("/proc/self/setgroups", "deny");
    const std::string inside = plan.mapRootUser ? "0" : std::to_string(uid);
    writeProcFile("/proc/self/uid_map", inside + " " + std::to_string(uid) + " 1");
    const std::string insideGroup = plan.mapRootUser ? "0" : std::to_string(gid);
    writeProcFile("/proc/self/gid_map", insideGroup + " " + std::to_string(gid) + " 1");
}

// Two system calls rather than libcap-ng's full state (five reads of /proc/self/status): this
// runs before every launch. Without CAP_SETPCAP the drop fails with EPERM: an unprivileged
// launcher has nothing to give up, and bwrap's user namespace gives it no way back.
void dropSysAdminFromBoundingSet() {
    if (prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN) == 0) {
        return; // already out of the bounding set
    }
    if (prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN) != 0 && errno != EPERM) {
        systemFailure("cannot drop CAP_SYS_ADMIN from the bounding set");
    }
}

bool hasOption(const BwrapPlan& plan, std::string_view name) {
    return std::any_of(plan.options.begin(), plan.options.end(),
                       [name](const BwrapOption& option) { return option.name == name; });
}

// bwrap 0.8 running as root outside a user namespace starts from the launcher's capabilities
// and, when the set it is asked for holds one the launcher lacks (CAP_SYS_RESOURCE in a
// container, anything outside a service's bounding set), its capset() fails and it silently
// keeps them all: `--cap-add ALL --cap-drop cap_sys_admin` then keeps CAP_SYS_ADMIN. Such a
// launch is only asked for capabilities the launcher holds; there, ALL is the launcher's set.
bool bwrapStartsFromLauncherCapabilities(const BwrapPlan& plan) {
    return geteuid() == 0 && !hasOption(plan, "--unshare-user") &&
           !plan.launcherCreatesUserNamespace;
}

bool launcherHolds(std::string_view capability, std::uint64_t permitted) {
    const std::vector<std::string_view>& names = capabilityNames();
    for (std::size_t bit = 0; bit < names.size(); ++bit) {
        const bool held = (permitted >> bit) & 1U;
        if ((capability == "ALL" || capability == names[bit]) && !held) {
            return false;
        }
    }
    return true;
}

// The capability options bwrap is given: all of the plan's, except (see above) the additions
// a launcher that bwrap starts from does not hold.
bool passCapabilityOption(const BwrapOption& option, const BwrapPlan& plan) {
    if (option.name != "--cap-add" || !bwrapStartsFromLauncherCapabilities(plan)) {
        return true;
    }
    const std::optional<std::uint64_t> permitted = permittedCapabilities();
    if (!permitted) {
        systemFailure("cannot read the launcher's capabilities");
    }
    return launcherHolds(option.values.front(), *permitted);
}

// A bind of the plan ("--bind SRC DEST") as bwrap gets it: the descriptor SRC was checked on.
std::string_view descriptorBind(std::string_view option) {
    if (option == "--bind") {
        return "--bind-fd";
    }
    return option == "--ro-bind" ? "--ro-bind-fd" : std::string_view();
}

// The numbers bwrap gets the descriptors at (see launch.h).
struct DescriptorNumbers {
    int firstBind = 3;
    int seccomp = 3;
    int busSocket = -1; // with a session bus only
    int busSync = -1;
};

// The session bus proxy's socket bound in the node, the node's address of it, and the
// proxy's pipe, which bwrap holds for as long as the sandbox runs.
void appendSessionBus(const SessionBusProxy& bus, const DescriptorNumbers& fds,
                      std::vector<std::string>& args) {
    args.insert(args.end(), {"--ro-bind-fd", std::to_string(fds.busSocket), bus.socketInNode,
                             "--setenv", "DBUS_SESSION_BUS_ADDRESS", bus.addressInNode(),
                             "--sync-fd", std::to_string(fds.busSync)});
}

// What execve gets: the plan's options with each bind of a path replaced by the bind of the
// descriptor opened for it (plan.sources holds one source per bind, in order), the session
// bus, --new-session unless the configuration disabled it, the seccomp program, then the
// command.
std::vector<std::string> bwrapArguments(const BwrapPlan& plan, const LaunchOptions& options,
                                        const DescriptorNumbers& fds) {
    const int firstBindFd = fds.firstBind;
    const int seccompFd = fds.seccomp;
    std::vector<std::string> args{"bwrap"};
    std::size_t bind = 0;
    for (const BwrapOption& option : plan.options) {
        if (!passCapabilityOption(option, plan)) {
            continue;
        }
        const std::string_view fdOption = descriptorBind(option.name);
        if (fdOption.empty()) {
            args.push_back(option.name);
            args.insert(args.end(), option.values.begin(), option.values.end());
            continue;
        }
        if (bind >= plan.sources.size() || option.values.size() != 2 ||
            plan.sources[bind].path != option.values[0]) {
            throw LaunchError("internal error: " + option.name + " without its checked source");
        }
        args.insert(args.end(),
                    {std::string(fdOption), std::to_string(firstBindFd + static_cast<int>(bind)),
                     option.values[1]});
        ++bind;
    }
    if (bind != plan.sources.size()) {
        throw LaunchError("internal error: a checked export source has no bind");
    }
    if (plan.sessionBus) {
        appendSessionBus(*plan.sessionBus, fds, args);
    }
    if (plan.newSession && !hasOption(plan, "--new-session")) {
        args.emplace_back("--new-session");
    }
    args.insert(args.end(), {"--seccomp", std::to_string(seccompFd), "--"});
    if (options.command.empty()) {
        args.emplace_back("/bin/sh");
    } else {
        args.insert(args.end(), options.command.begin(), options.command.end());
    }
    return args;
}

// The node's cgroup limits, or (with --force) a warning that they could not be applied.
void applyNodeCgroups(const BwrapPlan& plan, const LaunchOptions& options) {
    if (plan.cgroups.empty()) {
        return;
    }
    const std::string mount = cgroup2MountPoint();
    std::string root = plan.cgroupRoot.value_or(options.cgroupRoot);
    if (root.empty() && !mount.empty()) {
        root = mount + "/redpak";
    }
    try {
        if (mount.empty()) {
            throw LaunchError("no cgroup v2 hierarchy is mounted");
        }
        applyCgroups(plan.cgroups, checkCgroupRoot(root, mount), getpid());
    } catch (const LaunchError& e) {
        if (!options.force) {
            throw LaunchError(std::string("cgroup limits cannot be applied: ") + e.what() +
                              " (use --force to launch without them)");
        }
        if (options.warn) {
            options.warn(std::string("launching WITHOUT cgroup limits (--force): ") + e.what());
        }
    }
}

} // namespace

void checkSources(const BwrapPlan& plan) {
    const FamilyIdentities family(plan.familyObjects);
    for (const RequiredSource& source : plan.sources) {
        openBindSource(source, family);
    }
}

std::string readInternalSource(const BwrapPlan& plan, const FdContent& content,
                               const LaunchOptions& options) {
    return readInternalContent(content, FamilyIdentities(plan.familyObjects),
                               options.readSourcesAs);
}

void checkLaunchPreconditions(const FamilySnapshot& family,
                              const LaunchPreconditions& preconditions) {
    LaunchPolicy policy = loadLaunchPolicy(preconditions.policyFile);
    policy.requireAudit = policy.requireAudit || preconditions.requireAudit;
    enforceAuditPolicy(family, policy);
    // Read even for a dump: a status file that is not valid is refused in every mode.
    const NodeSnapshot& leaf = family.leaf();
    const NodeStatus status = snapshotStatus(leaf);
    if (status.state == NodeState::Disable && !preconditions.dumpOnly) {
        throw InputError(Diagnostic{leaf.location.statusFile.string(), 0, 0,
                                    "rednode " + leaf.location.base.string() +
                                        " is disabled (state: Disable); it is not launched"});
    }
}

FamilySnapshot openFamilyForLaunch(const std::filesystem::path& nodeDir,
                                   const LaunchPreconditions& preconditions) {
    FamilySnapshot family = FamilySnapshot::open(nodeDir, launchTrust());
    checkLaunchPreconditions(family, preconditions);
    return family;
}

void launch(const BwrapPlan& plan, const LaunchOptions& options) {
    // The family's identities are taken with the launcher's rights, before anything runs; the
    // first check refuses a bad source before any command of the node runs.
    const FamilyIdentities family(plan.familyObjects);
    for (const RequiredSource& source : plan.sources) {
        openBindSource(source, family);
    }
    provideFileDescriptors(plan, options, family);
    const int seccompHigh = memfdWith(ttyInjectionFilter(), "the seccomp program");
    joinNamespaces(plan);
    applyNodeCgroups(plan, options);
    if (plan.smack) {
        applySmack(*plan.smack);
    }
    changeIdentity(plan);
    if (plan.umask) {
        umask(static_cast<mode_t>(*plan.umask));
    }
    // What bwrap mounts: opened now, with the rights bwrap itself would have had.
    std::vector<PlacedFd> placed = openBindSources(plan, family);
    DescriptorNumbers numbers{firstFreeFd(plan),
                              firstFreeFd(plan) + static_cast<int>(placed.size())};
    placed.push_back({seccompHigh, numbers.seccomp});
    int lastFd = numbers.seccomp;
    if (plan.sessionBus) {
        // With bwrap's identity, before any namespace of the launcher's own.
        const StartedProxy proxy = startSessionBusProxy(*plan.sessionBus);
        numbers.busSocket = numbers.seccomp + 1;
        numbers.busSync = numbers.seccomp + 2;
        placed.push_back({moveHigh(proxy.socketFd), numbers.busSocket});
        placed.push_back({moveHigh(proxy.syncFd), numbers.busSync});
        lastFd = numbers.busSync;
    }
    if (plan.launcherCreatesTimeNamespace) {
        createTimeNamespace(plan);
    }
    if (plan.dropSysAdminFromBoundingSet) {
        dropSysAdminFromBoundingSet();
    }

    std::vector<std::string> args = bwrapArguments(plan, options, numbers);
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (std::string& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    placeAll(placed);
    // Nothing the launcher inherited reaches the sandbox: only stdio and the placed fds.
    close_range(static_cast<unsigned>(lastFd + 1), ~0U, 0);
    char* emptyEnvironment[] = {nullptr};
    execve(options.bwrapPath.c_str(), argv.data(),
           plan.inheritEnvironment ? environ : emptyEnvironment);
    systemFailure("cannot execute " + options.bwrapPath);
}

} // namespace redpak
