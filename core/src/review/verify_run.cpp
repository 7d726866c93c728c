// SPDX-License-Identifier: Apache-2.0
#include "redpak/review/verify_run.h"

#include "redpak/launch/launch.h"
#include "redpak/merge/expand.h"

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace redpak {

namespace {

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
VerifyContext contextOf(const BwrapPlan& plan) {
    VerifyContext context;
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
    for (const NamespaceJoin& join : plan.joins) {
        context.joinedNamespaces[std::string(toString(join.ns))] = inodeOf(join.path);
    }
    return context;
}

std::vector<std::string> probeArguments(const VerifyPreparation& prepared,
                                        const std::string& probeInNode) {
    std::vector<std::string> args{probeInNode};
    for (const auto& [name, inode] : prepared.context.launcherNamespaces) {
        args.insert(args.end(), {"--launcher-ns", name + "=" + std::to_string(inode)});
    }
    for (const FamilyObject& object : prepared.plan.familyObjects) {
        args.insert(args.end(), {"--family", std::to_string(object.identity.device) + ":" +
                                                 std::to_string(object.identity.inode)});
    }
    for (const std::string& tree : exportedTrees(prepared.plan)) {
        args.insert(args.end(), {"--walk", tree});
    }
    return args;
}

} // namespace

// The effective configuration and plan as redwrap builds them (tools/redwrap/main.cpp).
VerifyPreparation prepareVerify(const std::string& dir, MergeMode mode, const std::string& probe) {
    LaunchPreconditions preconditions;
    preconditions.dumpOnly = true; // the real launch, by redwrap, checks them for itself
    const FamilySnapshot snapshot = openFamilyForLaunch(dir, preconditions);
    ShellCommandRunner runner;
    const CommandPolicy commands = CommandPolicy::allow(runner);
    const Expander expander(commands);
    const std::vector<FamilyMember> family = loadFamily(snapshot, mode);
    VerifyPreparation prepared;
    prepared.effective = mergeFamily(family, MergeOptions{mode, &expander});
    if (!prepared.effective.ok()) {
        throw InputError(prepared.effective.errors.front().diagnostic);
    }
    prepared.plan = buildPlan(prepared.effective);
    prepared.context = contextOf(prepared.plan);
    prepared.checks = verifyExpectations(prepared.effective, prepared.plan, prepared.context);
    prepared.findings = analyzeNode(prepared.effective, &family).findings;
    const std::optional<std::string> probeInNode =
        nodePathOf(prepared.plan, std::filesystem::weakly_canonical(probe).string());
    if (!probeInNode) {
        throw InputError({probe, 0, 0,
                          "no export of the node holds the probe: install it under an "
                          "exported tree (e.g. /usr) or give --probe"});
    }
    prepared.probeCommand = probeArguments(prepared, *probeInNode);
    return prepared;
}

VerifyResult completeVerify(VerifyPreparation prepared, std::string_view probeOutput) {
    VerifyResult result{std::move(prepared.checks), {}};
    compareWithObservation(result.checks, parseProbeOutput(probeOutput, "redpak-probe"));
    result.findings = checkFindings(prepared.findings, result.checks);
    return result;
}

} // namespace redpak
