// SPDX-License-Identifier: Apache-2.0
// Configuration commands (`$(...)`, Execfd), run only for the caller's own files and confined
// (expand.h, ShellCommandRunner).
#include "redpak/base/diagnostic.h"
#include "redpak/base/privileges.h"
#include "redpak/merge/expand.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace redpak {
namespace {

constexpr uid_t kNobody = 65534;
constexpr gid_t kNogroup = 65534;
constexpr std::size_t kMaxErrorOutput = 4096;
// Fixed, so that neither the caller's PATH nor a configuration chooses what `sh` finds.
constexpr const char* kSafePath =
    "PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";
// Where the caller's own display session is: a command making the node's Xauthority (the x11
// template) reads the caller's cookie file with the caller's rights (as nobody for root, which
// then reads nothing of root's). Nothing else of the launching environment reaches a command.
constexpr const char* kSessionVariables[] = {"HOME", "XAUTHORITY", "DISPLAY", "WAYLAND_DISPLAY",
                                             "XDG_RUNTIME_DIR"};
// Exit status of a child that could not be confined (its reason is on its stderr).
constexpr int kConfinementFailed = 126;

[[noreturn]] void fail(const TextOrigin& origin, std::string message) {
    throw InputError(
        Diagnostic{origin.file, origin.pos.line, origin.pos.column, std::move(message)});
}

// Who runs the command; `change` false: the caller itself, unchanged.
struct CommandIdentity {
    bool change = false;
    uid_t uid = 0;
    gid_t gid = 0;
};

// Only the caller's own commands run; root's own run as nobody (expand.h).
CommandIdentity identityFor(const std::string& command, const TextOrigin& origin) {
    const auto refuse = [&](const std::string& why) {
        throw CommandRefusedError(Diagnostic{origin.file, origin.pos.line, origin.pos.column,
                                             "command `" + command + "` refused: " + why});
    };
    const uid_t caller = getuid();
    if (!origin.owner) {
        refuse("the owner of the file that holds it is unknown");
    }
    if (*origin.owner != caller) {
        refuse("the file that holds it is owned by uid " + std::to_string(*origin.owner) +
               ", not by the caller (uid " + std::to_string(caller) +
               "); only the caller's own configuration commands run");
    }
    if (!hasPrivilege()) {
        return {};
    }
    return caller == 0 ? CommandIdentity{true, kNobody, kNogroup}
                       : CommandIdentity{true, caller, getgid()};
}

// Everything the child needs, prepared before fork (the child only makes system calls).
struct ChildSetup {
    int outWrite;
    int errWrite;
    CommandIdentity identity;
    rlim_t cpuSeconds;
    const char* const* argv;
    const char* const* envp;
};

[[noreturn]] void confinementFailed(const char* what) {
    const int savedErrno = errno;
    const char* reason = std::strerror(savedErrno);
    for (const char* part : {"cannot confine the command: ", what, ": ", reason, "\n"}) {
        const ssize_t ignored = write(2, part, std::strlen(part));
        (void)ignored;
    }
    _exit(kConfinementFailed);
}

[[noreturn]] void runChild(const ChildSetup& setup) {
    // Above 2 first: the pipes may have been given 0..2 if the caller had them closed.
    const int out = fcntl(setup.outWrite, F_DUPFD, 3);
    const int err = fcntl(setup.errWrite, F_DUPFD, 3);
    const int devNull = open("/dev/null", O_RDWR);
    if (out < 0 || err < 0 || devNull < 0 || dup2(devNull, 0) < 0 || dup2(out, 1) < 0 ||
        dup2(err, 2) < 0) {
        _exit(kConfinementFailed);
    }
    if (close_range(3, ~0U, 0) != 0) {
        confinementFailed("close_range");
    }
    if (setsid() < 0) {
        confinementFailed("setsid");
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int signal = 1; signal < NSIG; ++signal) {
        std::signal(signal, SIG_DFL); // ignored signals would stay ignored across exec
    }
    if (setup.identity.change) {
        if (const char* failure =
                becomeWithoutCapabilities(setup.identity.uid, setup.identity.gid)) {
            confinementFailed(failure);
        }
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        confinementFailed("PR_SET_NO_NEW_PRIVS");
    }
    const rlimit cpu{setup.cpuSeconds, setup.cpuSeconds + 1};
    if (setrlimit(RLIMIT_CPU, &cpu) != 0) {
        confinementFailed("RLIMIT_CPU");
    }
    if (chdir("/") != 0) {
        confinementFailed("chdir /");
    }
    execve("/bin/sh", const_cast<char* const*>(setup.argv), const_cast<char* const*>(setup.envp));
    confinementFailed("exec /bin/sh");
}

std::int64_t nowMilliseconds() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

// What the parent collected from one command.
struct Collected {
    std::string output;
    std::string errors;
    bool outputTooLong = false;
    bool timedOut = false;
};

// Appends what `fd` has to `into` (at most `cap` bytes kept); false at end of file.
bool drain(int fd, std::string& into, std::size_t cap, bool& overflow) {
    std::array<char, 4096> buffer{};
    const ssize_t n = read(fd, buffer.data(), buffer.size());
    if (n < 0) {
        return errno == EINTR || errno == EAGAIN;
    }
    if (n == 0) {
        return false;
    }
    const std::size_t room = cap > into.size() ? cap - into.size() : 0;
    overflow = overflow || static_cast<std::size_t>(n) > room;
    into.append(buffer.data(), std::min(room, static_cast<std::size_t>(n)));
    return true;
}

// Reads both pipes until the child exited and they are closed, or a limit is reached.
Collected collect(int outRead, int errRead, int pidFd, const CommandLimits& limits) {
    Collected got;
    const std::int64_t deadline = nowMilliseconds() + limits.wallClockMilliseconds;
    std::array<pollfd, 3> fds{pollfd{outRead, POLLIN, 0}, pollfd{errRead, POLLIN, 0},
                              pollfd{pidFd, POLLIN, 0}};
    bool errorsTooLong = false;
    while (fds[0].fd >= 0 || fds[1].fd >= 0 || fds[2].fd >= 0) {
        const std::int64_t left = deadline - nowMilliseconds();
        if (left <= 0) {
            got.timedOut = true;
            break;
        }
        if (poll(fds.data(), fds.size(), static_cast<int>(left)) < 0 && errno != EINTR) {
            break;
        }
        if (fds[0].revents && !drain(outRead, got.output, limits.maxOutput, got.outputTooLong)) {
            fds[0].fd = -1;
        }
        if (got.outputTooLong) {
            break;
        }
        if (fds[1].revents && !drain(errRead, got.errors, kMaxErrorOutput, errorsTooLong)) {
            fds[1].fd = -1;
        }
        if (fds[2].revents) {
            fds[2].fd = -1; // the child exited; its pipes may still be held by its children
        }
    }
    return got;
}

// The command's error output for a message: one line, printable ASCII only.
std::string quoted(const std::string& errors) {
    std::string text;
    for (const char c : errors) {
        const bool printable = c >= 0x20 && c < 0x7f;
        text.push_back(c == '\n' ? ' ' : (printable ? c : '?'));
    }
    while (!text.empty() && text.back() == ' ') {
        text.pop_back();
    }
    return text.empty() ? std::string() : " (" + text + ")";
}

void closeAll(std::initializer_list<int> fds) {
    for (const int fd : fds) {
        if (fd >= 0) {
            close(fd);
        }
    }
}

// Throws InputError naming `origin` unless the command finished in its limits with status 0.
void checkFinished(const std::string& command, const TextOrigin& origin, const Collected& got,
                   int status, const CommandLimits& limits) {
    const std::string shown = "command `" + command + "`";
    if (got.outputTooLong) {
        fail(origin,
             "output of " + shown + " exceeds " + std::to_string(limits.maxOutput) + " bytes");
    }
    if (got.timedOut) {
        fail(origin, shown + " did not finish within " +
                         std::to_string(limits.wallClockMilliseconds) + " ms");
    }
    if (WIFSIGNALED(status)) {
        fail(origin, shown + " was killed by signal " + std::to_string(WTERMSIG(status)) +
                         quoted(got.errors));
    }
    if (WEXITSTATUS(status) != 0) {
        fail(origin, shown + " failed with exit status " + std::to_string(WEXITSTATUS(status)) +
                         quoted(got.errors));
    }
}

// "NAME=value" of each kSessionVariables the launcher has.
std::vector<std::string> sessionVariables() {
    std::vector<std::string> variables;
    for (const char* name : kSessionVariables) {
        if (const char* value = std::getenv(name)) {
            variables.push_back(std::string(name) + "=" + value);
        }
    }
    return variables;
}

} // namespace

std::string ShellCommandRunner::run(const std::string& command, const TextOrigin& origin) {
    const CommandIdentity identity = identityFor(command, origin);
    int out[2] = {-1, -1};
    int err[2] = {-1, -1};
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
        closeAll({out[0], out[1]});
        fail(origin, std::string("cannot run command: pipe: ") + std::strerror(errno));
    }
    const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
    const std::vector<std::string> variables = sessionVariables();
    std::vector<const char*> envp{kSafePath};
    for (const std::string& variable : variables) {
        envp.push_back(variable.c_str());
    }
    envp.push_back(nullptr);
    const ChildSetup setup{out[1], err[1],     identity, static_cast<rlim_t>(m_limits.cpuSeconds),
                           argv,   envp.data()};
    const pid_t pid = fork();
    if (pid == 0) {
        runChild(setup);
    }
    closeAll({out[1], err[1]});
    // glibc 2.36's <sys/pidfd.h> lacks C linkage for C++: the system call itself.
    const int pidFd = pid > 0 ? static_cast<int>(syscall(SYS_pidfd_open, pid, 0)) : -1;
    if (pidFd < 0) {
        const std::string failed =
            std::string(pid > 0 ? "pidfd_open: " : "fork: ") + std::strerror(errno);
        if (pid > 0) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
        closeAll({out[0], err[0]});
        fail(origin, "cannot run command: " + failed);
    }
    const Collected got = collect(out[0], err[0], pidFd, m_limits);
    // The whole session goes, background children included, while the child's pid (the group
    // id) is still reserved by the unreaped child.
    kill(-pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    closeAll({out[0], err[0], pidFd});
    checkFinished(command, origin, got, status, m_limits);
    return got.output;
}

} // namespace redpak
