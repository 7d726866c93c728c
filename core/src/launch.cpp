// SPDX-License-Identifier: Apache-2.0
// Launch of a bwrap plan: prepare in the launcher what bwrap cannot do, then exec bwrap.
#include "redpak/launch.h"

#include "redpak/diagnostic.h"
#include "redpak/node.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <optional>
#include <pwd.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
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

void writeAll(int fd, const std::string& data, const std::string& what) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            systemFailure("cannot write " + what);
        }
        done += static_cast<std::size_t>(n);
    }
}

std::string readWholeFile(const std::string& path, const TextOrigin& origin) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw LaunchError(where(origin) + ": cannot read Internal export source " + path + ": " +
                          std::strerror(errno));
    }
    std::string content;
    char buffer[65536];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof buffer)) > 0) {
        content.append(buffer, static_cast<std::size_t>(n));
    }
    close(fd);
    if (n < 0) {
        systemFailure("cannot read " + path);
    }
    return content;
}

// Content of every FdContent, each on a memfd placed at the number the plan gave it.
void provideFileDescriptors(const BwrapPlan& plan, const LaunchOptions& options) {
    std::vector<std::pair<int, int>> placed; // {high fd, target fd}
    for (const FdContent& content : plan.fds) {
        std::string data;
        if (content.kind == FdContent::Kind::CommandOutput) {
            if (!options.commands) {
                throw LaunchError(where(content.origin) + ": Execfd export " + content.mount +
                                  " needs a command policy");
            }
            data = options.commands->fileContent(content.source, content.origin);
        } else {
            data = readWholeFile(content.source, content.origin);
        }
        const int fd = memfd_create("redwrap-file", MFD_CLOEXEC);
        if (fd < 0) {
            systemFailure("memfd_create");
        }
        writeAll(fd, data, "content of " + content.mount);
        if (lseek(fd, 0, SEEK_SET) != 0) {
            systemFailure("lseek");
        }
        placed.emplace_back(moveHigh(fd), content.fd);
    }
    for (const auto& [high, target] : placed) {
        // dup2 leaves the target without FD_CLOEXEC: bwrap inherits it.
        if (dup2(high, target) < 0) {
            systemFailure("cannot place file descriptor " + std::to_string(target));
        }
        close(high);
    }
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

// Risk analysis rec. 5: an installed-setuid launcher gives its privileges up as soon as the
// privileged steps (joins, cgroups, Smack) are done, unless the config asks for an identity.
void dropToRealUser() {
    if (geteuid() == getuid() && getegid() == getgid()) {
        return;
    }
    if (setresgid(getgid(), getgid(), getgid()) != 0 ||
        setresuid(getuid(), getuid(), getuid()) != 0) {
        systemFailure("cannot drop privileges to the calling user");
    }
}

// Changes to `uid`/`gid` and leaves no capability behind: the new identity runs bwrap
// unprivileged and can never regain one. Plain system calls rather than libcap-ng, whose
// library constructor probes /proc and prctl at every start of every program linking it.
void becomeWithoutCapabilities(uid_t uid, gid_t gid) {
    const std::string identity = "uid " + std::to_string(uid) + " gid " + std::to_string(gid);
    if (setgroups(0, nullptr) != 0 || setresgid(gid, gid, gid) != 0) {
        systemFailure("cannot change identity to " + identity + " (needs CAP_SETGID)");
    }
    // Out of the bounding set first: that needs CAP_SETPCAP, which the new uid will not have.
    // PR_CAPBSET_READ fails with EINVAL past the kernel's last capability.
    for (int capability = 0; prctl(PR_CAPBSET_READ, capability) >= 0; ++capability) {
        if (prctl(PR_CAPBSET_DROP, capability) != 0) {
            systemFailure("cannot clear the capability bounding set (needs CAP_SETPCAP)");
        }
    }
    if (setresuid(uid, uid, uid) != 0) {
        systemFailure("cannot change identity to " + identity + " (needs CAP_SETUID)");
    }
    // A non-zero uid loses its permitted and effective sets, but not the inheritable one, and
    // uid 0 keeps them all: clear every set explicitly (lowering needs no privilege).
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct none[_LINUX_CAPABILITY_U32S_3]{};
    if (syscall(SYS_capset, &header, none) != 0) {
        systemFailure("cannot clear the capabilities of " + identity);
    }
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) {
        systemFailure("cannot clear the ambient capabilities of " + identity);
    }
}

void changeIdentity(const BwrapPlan& plan) {
    if (!plan.setUser && !plan.setGroup) {
        dropToRealUser();
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
    becomeWithoutCapabilities(uid, gid);
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

std::string resolvedPath(const std::string& path) {
    char buffer[PATH_MAX];
    return realpath(path.c_str(), buffer) ? std::string(buffer) : std::string();
}

} // namespace

void checkSources(const BwrapPlan& plan) {
    if (plan.sources.empty()) {
        return;
    }
    // The family's paths are already real: node directories come from canonical(), etc/ is
    // refused when it is a link, and config and status files are opened with O_NOFOLLOW.
    const std::vector<std::string>& family = plan.familyFiles;
    for (const RequiredSource& source : plan.sources) {
        struct stat st {};
        if (stat(source.path.c_str(), &st) != 0) {
            throw LaunchError(where(source.origin) + ": export source " + source.path +
                              " does not exist");
        }
        if (source.mustBeDirectory != S_ISDIR(st.st_mode)) {
            throw LaunchError(
                where(source.origin) + ": export source " + source.path +
                (source.mustBeDirectory ? " is not a directory" : " is a directory, not a file"));
        }
        const std::string resolved = resolvedPath(source.path);
        for (const std::string& file : family) {
            if (isSameOrBelow(file, resolved)) {
                throw LaunchError(where(source.origin) + ": export source " + source.path +
                                  " would expose the rednode file " + file +
                                  " inside the node (risk analysis recommendation 4)");
            }
        }
    }
}

std::optional<CheckedNode> checkLaunchPreconditions(const std::filesystem::path& nodeDir,
                                                    const LaunchPreconditions& preconditions) {
    LaunchPolicy policy = loadLaunchPolicy(preconditions.policyFile);
    policy.requireAudit = policy.requireAudit || preconditions.requireAudit;
    enforceAuditPolicy(nodeDir, policy);
    std::optional<NodeLocation> node = locateNode(nodeDir);
    if (!node) {
        return std::nullopt;
    }
    // Read even for a dump: a status file that is not valid is refused in every mode.
    const NodeStatus status = readNodeStatus(*node);
    if (status.state == NodeState::Disable && !preconditions.dumpOnly) {
        throw InputError(Diagnostic{node->statusFile.string(), 0, 0,
                                    "rednode " + node->base.string() +
                                        " is disabled (state: Disable); it is not launched"});
    }
    return CheckedNode{std::move(*node)};
}

void launch(const BwrapPlan& plan, const LaunchOptions& options) {
    checkSources(plan);
    provideFileDescriptors(plan, options);
    joinNamespaces(plan);
    if (!plan.cgroups.empty()) {
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
    if (plan.smack) {
        applySmack(*plan.smack);
    }
    changeIdentity(plan);
    if (plan.umask) {
        umask(static_cast<mode_t>(*plan.umask));
    }
    if (plan.launcherCreatesTimeNamespace) {
        createTimeNamespace(plan);
    }
    if (plan.dropSysAdminFromBoundingSet) {
        dropSysAdminFromBoundingSet();
    }

    std::vector<std::string> args = plan.arguments();
    args.insert(args.begin(), "bwrap");
    args.emplace_back("--");
    if (options.command.empty()) {
        args.emplace_back("/bin/sh");
    } else {
        args.insert(args.end(), options.command.begin(), options.command.end());
    }
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (std::string& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    // Nothing the launcher inherited reaches the sandbox: only stdio and the planned fds.
    close_range(static_cast<unsigned>(3 + plan.fds.size()), ~0U, 0);
    char* emptyEnvironment[] = {nullptr};
    execve(options.bwrapPath.c_str(), argv.data(),
           plan.inheritEnvironment ? environ : emptyEnvironment);
    systemFailure("cannot execute " + options.bwrapPath);
}

} // namespace redpak
