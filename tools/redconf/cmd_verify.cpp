// SPDX-License-Identifier: Apache-2.0
// redconf verify --redpath DIR [--admin] [--json] [--fail-on SEVERITY] [--bwrap PATH]
// [--force] [--probe PATH]: launches redpak-probe in the node with the built redwrap (same plan,
// same launcher as any launch) and compares what it saw with what the plan and the effective
// configuration say (review/verify_run.h), and marks the node's findings the runtime
// contradicts. Exit 1 when a failed check reaches --fail-on.
#include "cmd_review_common.h"
#include "redpak/review/verify_run.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace redconf {

namespace {

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
        const std::string probe = args.value("--probe").value_or(
            siblingOrInstalled("redpak-probe", REDPAK_INSTALL_LIBEXECDIR));
        VerifyPreparation prepared =
            prepareVerify(dir, admin ? MergeMode::Admin : MergeMode::Normal, probe);
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
        argv.insert(argv.end(), prepared.probeCommand.begin(), prepared.probeCommand.end());
        const VerifyResult result = completeVerify(std::move(prepared), runCapturing(argv));
        const auto& checks = result.checks;
        print(args.has("--json") ? formatVerifyJson(dir, checks, result.findings)
                                 : formatVerifyText(dir, checks, result.findings));
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
