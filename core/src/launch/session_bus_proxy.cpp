// SPDX-License-Identifier: Apache-2.0
#include "launch/session_bus_proxy.h"

#include "redpak/base/privileges.h"
#include "redpak/launch/launch.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace redpak {
namespace {

// The proxy only opens its socket before it reports: a proxy not ready by then is stuck.
constexpr int kReadyTimeoutMilliseconds = 10000;
// The descriptor the proxy reports on (--fd=3).
constexpr int kProxySyncFd = 3;

[[noreturn]] void systemFailure(const std::string& what) {
    throw LaunchError(what + ": " + std::strerror(errno));
}

// Everything the keeper and the proxy need, prepared before fork (they only make system calls).
struct ProxyChild {
    const char* program;
    char* const* argv;
    int syncWrite;
    const char* socketPath;
    const char* directory;
    bool dropCapabilities;
};

// The proxy: /dev/null as stdin and stdout, the pipe's write end as fd 3, nothing else; the
// launcher's identity without capabilities or new privileges; an empty environment (the
// address is on its command line). It dies with its keeper.
[[noreturn]] void execProxy(const ProxyChild& child) {
    const int devNull = open("/dev/null", O_RDWR);
    if (devNull < 0 || dup2(devNull, 0) < 0 || dup2(devNull, 1) < 0) {
        _exit(126);
    }
    const bool placed = child.syncWrite == kProxySyncFd
                            ? fcntl(kProxySyncFd, F_SETFD, 0) == 0
                            : dup2(child.syncWrite, kProxySyncFd) == kProxySyncFd;
    if (!placed || close_range(kProxySyncFd + 1, ~0U, 0) != 0 ||
        prctl(PR_SET_PDEATHSIG, SIGTERM) != 0) {
        _exit(126);
    }
    if (child.dropCapabilities && becomeWithoutCapabilities(getuid(), getgid()) != nullptr) {
        _exit(126);
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        _exit(126);
    }
    char* emptyEnvironment[] = {nullptr};
    execve(child.program, child.argv, emptyEnvironment);
    _exit(127);
}

// The keeper: in a session of its own (a terminal's Ctrl-C ends bwrap, not the clean-up), it
// holds no end of the pipe, waits for the proxy and removes its socket and directory.
[[noreturn]] void keepProxy(const ProxyChild& child) {
    setsid();
    const pid_t proxy = fork();
    if (proxy == 0) {
        execProxy(child);
    }
    const int devNull = open("/dev/null", O_RDWR);
    if (devNull >= 0) {
        dup2(devNull, 0);
        dup2(devNull, 1);
    }
    close_range(3, ~0U, 0);
    int status = 0;
    while (proxy > 0 && waitpid(proxy, &status, 0) < 0 && errno == EINTR) {
    }
    unlink(child.socketPath);
    rmdir(child.directory);
    _exit(0);
}

// Waits for the proxy's readiness byte on `readEnd`; false when it ended or took too long.
bool waitUntilReady(int readEnd) {
    pollfd fd{readEnd, POLLIN, 0};
    int polled = 0;
    do {
        polled = poll(&fd, 1, kReadyTimeoutMilliseconds);
    } while (polled < 0 && errno == EINTR);
    char byte = 0;
    return polled > 0 && read(readEnd, &byte, 1) == 1;
}

// The proxy's socket, opened once and checked: a socket of the launcher's identity.
int openProxySocket(const std::string& path) {
    const int fd = open(path.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC);
    struct stat info {};
    if (fd < 0 || fstat(fd, &info) != 0) {
        systemFailure("cannot open the session bus proxy's socket " + path);
    }
    if (!S_ISSOCK(info.st_mode) || info.st_uid != geteuid()) {
        close(fd);
        throw LaunchError("the session bus proxy's socket " + path +
                          " is not a socket of the launcher's");
    }
    return fd;
}

} // namespace

StartedProxy startSessionBusProxy(const SessionBusProxy& bus) {
    char directory[] = "/tmp/redwrap-bus-XXXXXX";
    if (!mkdtemp(directory)) {
        systemFailure("cannot create the session bus proxy's directory");
    }
    const std::string socketPath = std::string(directory) + "/bus";
    int pipeFds[2] = {-1, -1};
    if (pipe2(pipeFds, O_CLOEXEC) != 0) {
        const int savedErrno = errno;
        rmdir(directory);
        errno = savedErrno;
        systemFailure("cannot create the session bus proxy's pipe");
    }
    std::vector<std::string> args = proxyArguments(bus, socketPath, std::to_string(kProxySyncFd));
    std::vector<char*> argv;
    for (std::string& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    const ProxyChild child{bus.proxyPath.c_str(), argv.data(), pipeFds[1],
                           socketPath.c_str(),    directory,   hasPrivilege()};
    const pid_t keeper = fork();
    if (keeper == 0) {
        keepProxy(child);
    }
    close(pipeFds[1]);
    if (keeper < 0 || !waitUntilReady(pipeFds[0])) {
        const int savedErrno = errno;
        close(pipeFds[0]); // a proxy still starting stops; its keeper cleans up
        if (keeper < 0) {
            rmdir(directory);
        }
        errno = savedErrno;
        throw LaunchError("the session bus proxy " + bus.proxyPath +
                          " did not start (is xdg-dbus-proxy installed? its messages are above)");
    }
    try {
        return StartedProxy{openProxySocket(socketPath), pipeFds[0]};
    } catch (...) {
        close(pipeFds[0]);
        throw;
    }
}

} // namespace redpak
