// SPDX-License-Identifier: Apache-2.0
// redconf verify --redpath DIR [--admin] [--json] [--fail-on SEVERITY] [--bwrap PATH]
// [--force] [--probe PATH]: launches redpak-probe in the node with the built redwrap (same plan,
// same launcher as any launch) and compares what it saw with what the plan and the effective
// configuration say (review/verify.h). Exit 1 when a failed check reaches --fail-on.
#include "cmd_review_common.h"
#include "redpak/launch/launch.h"
#include "redpak/launch/plan.h"
#include "redpak/merge/expand.h"
#include "redpak/merge/merge.h"
#include "redpak/review/verify.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace redconf {

namespace {

struct Node {
    redpak::EffectiveConfig effective;
    redpak::BwrapPlan plan;
};

// The effective configuration and plan as redwrap builds them (tools/redwrap/main.cpp).
Node buildNode(const std::string& dir, redpak::MergeMode mode) {
    using namespace redpak;
    LaunchPreconditions preconditions;
    preconditions.dumpOnly = true; // the real launch, by redwrap, checks them for itself
    const FamilySnapshot snapshot = openFamilyForLaunch(dir, preconditions);
    ShellCommandRunner runner;
    const CommandPolicy commands = CommandPolicy::allow(runner);
    const Expander expander(commands);
    Node node{mergeFamily(loadFamily(snapshot, mode), MergeOptions{mode, &expander}), {}};
    if (!node.effective.ok()) {
        throw InputError(node.effective.errors.front().diagnostic);
    }
    node.plan = buildPlan(node.effective);
    return node;
}

std::string readStatus() {
    std::string text;
    const int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    char buffer[8192];
    ssize_t got = 0;
    while (fd >= 0 && (got = read(fd, buffer, sizeof buffer)) > 0) {
        text.append(buffer, static_cast<std::size_t>(got));
    }
    if (fd >= 0) {
        close(fd);
    }
    return text;
}

std::uint64_t inodeOf(const std::string& path) {
    struct stat info {};
    return stat(path.c_str(), &info) == 0 ? info.st_ino : 0;
}

// CapPrm of /proc/self/status: redwrap, started from here, has the same.
std::uint64_t permittedCapabilities() {
    const std::string status = readStatus();
    const std::size_t at = status.find("\nCapPrm:");
    return at == std::string::npos ? ~std::uint64_t{0}
                                   : std::strtoull(status.c_str() + at + 8, nullptr, 16);
}

// The identity bwrap will run with: redwrap's, changed by set-user and set-group (launch.cpp).
redpak::VerifyContext contextOf(const redpak::BwrapPlan& plan) {
    redpak::VerifyContext context;
    context.uid = getuid();
    context.gid = getgid();
    if (plan.setUser) {
        const passwd* user = getpwnam(plan.setUser->c_str());
        char* end = nullptr;
        const unsigned long number = std::strtoul(plan.setUser->c_str(), &end, 10);
        context.uid = user ? user->pw_uid : static_cast<std::uint32_t>(number);
        context.gid = user ? user->pw_gid : context.gid;
    }
    if (plan.setGroup) {
        const group* entry = getgrnam(plan.setGroup->c_str());
        context.gid =
            entry ? entry->gr_gid
                  : static_cast<std::uint32_t>(std::strtoul(plan.setGroup->c_str(), nullptr, 10));
    }
    context.launcherSession = getsid(0);
    context.launcherCapabilities = permittedCapabilities();
    for (const char* name : {"user", "cgroup", "net", "pid", "ipc", "uts", "mnt", "time"}) {
        if (const std::uint64_t inode = inodeOf(std::string("/proc/self/ns/") + name)) {
            context.launcherNamespaces[name] = inode;
        }
    }
    for (const redpak::NamespaceJoin& join : plan.joins) {
        context.joinedNamespaces[std::string(redpak::toString(join.ns))] = inodeOf(join.path);
    }
    return context;
}

// `name` next to this redconf, else in `installed`.
std::string siblingOrInstalled(const char* name, const char* installed) {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    const std::filesystem::path sibling = self.parent_path() / name;
    if (!error && access(sibling.c_str(), X_OK) == 0) {
        return sibling.string();
    }
    return (std::filesystem::path(installed) / name).string();
}

std::vector<std::string> probeArguments(const Node& node, const redpak::VerifyContext& context,
                                        const std::string& probeInNode) {
    std::vector<std::string> args{probeInNode};
    for (const auto& [name, inode] : context.launcherNamespaces) {
        args.insert(args.end(), {"--launcher-ns", name + "=" + std::to_string(inode)});
    }
    for (const redpak::FamilyObject& object : node.plan.familyObjects) {
        args.insert(args.end(), {"--family", std::to_string(object.identity.device) + ":" +
                                                 std::to_string(object.identity.inode)});
    }
    for (const std::string& tree : redpak::exportedTrees(node.plan)) {
        args.insert(args.end(), {"--walk", tree});
    }
    return args;
}

// Runs `argv`, returns its standard output; throws InputError when it fails.
std::string runCapturing(const std::vector<std::string>& argv) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        throw redpak::InputError({"", 0, 0, std::string("pipe: ") + std::strerror(errno)});
    }
    const pid_t child = fork();
    if (child == 0) {
        dup2(fds[1], STDOUT_FILENO);
        std::vector<char*> list;
        for (const std::string& arg : argv) {
            list.push_back(const_cast<char*>(arg.c_str()));
        }
        list.push_back(nullptr);
        execv(list.front(), list.data());
        _exit(127);
    }
    close(fds[1]);
    std::string out;
    char buffer[65536];
    ssize_t got = 0;
    while ((got = read(fds[0], buffer, sizeof buffer)) > 0 || (got < 0 && errno == EINTR)) {
        out.append(buffer, got > 0 ? static_cast<std::size_t>(got) : 0);
    }
    close(fds[0]);
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
        throw redpak::InputError(
            {argv.front(), 0, 0, "the probe's launch failed (see its messages above)"});
    }
    return out;
}

int runVerify(const Arguments& args) {
    using namespace redpak;
    const Severity threshold = review::failOn(args);
    const std::string dir = args.directory("--redpath");
    return review::guarded([&] {
        const bool admin = args.has("--admin");
        const Node node = buildNode(dir, admin ? MergeMode::Admin : MergeMode::Normal);
        const VerifyContext context = contextOf(node.plan);
        const std::string probe = args.value("--probe").value_or(
            siblingOrInstalled("redpak-probe", REDPAK_INSTALL_LIBEXECDIR));
        const std::optional<std::string> probeInNode =
            nodePathOf(node.plan, std::filesystem::weakly_canonical(probe).string());
        if (!probeInNode) {
            throw InputError({probe, 0, 0,
                              "no export of the node holds the probe: install it under an "
                              "exported tree (e.g. /usr) or give --probe"});
        }
        std::vector<std::string> argv{siblingOrInstalled("redwrap", REDPAK_INSTALL_BINDIR)};
        if (admin) {
            argv.emplace_back("--admin");
        }
        if (args.has("--force")) {
            argv.emplace_back("--force");
        }
        if (const std::optional<std::string> bwrap = args.value("--bwrap")) {
            argv.insert(argv.end(), {"--bwrap", *bwrap});
        }
        argv.insert(argv.end(), {"--redpath", dir, "--"});
        for (std::string& arg : probeArguments(node, context, *probeInNode)) {
            argv.push_back(std::move(arg));
        }
        std::vector<VerifyCheck> checks = verifyExpectations(node.effective, node.plan, context);
        compareWithObservation(checks, parseProbeOutput(runCapturing(argv), "redpak-probe"));
        print(args.has("--json") ? formatVerifyJson(dir, checks) : formatVerifyText(dir, checks));
        return review::exitStatus(highestFailure(checks), threshold);
    });
}

} // namespace

extern const Command kVerifyCommand; // declared in main.cpp
const Command kVerifyCommand{
    "verify",
    "launch a probe in a node and check what it sees against the plan and configuration",
    "[DIR]",
    {
        {"--redpath", "DIR", "the node"},
        {"--admin", "", "merge in admin mode (admin configs included)"},
        {"--bwrap", "PATH", "bubblewrap executable given to redwrap (default: redwrap's)"},
        {"--force", "", "launch even when cgroup limits cannot be applied (redwrap --force)"},
        {"--probe", "PATH", "redpak-probe to run (default: next to redconf, else libexec)"},
        review::kJsonOption,
        review::kFailOnOption,
    },
    0,
    1,
    runVerify,
};

} // namespace redconf
