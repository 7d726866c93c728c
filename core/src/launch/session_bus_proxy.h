// SPDX-License-Identifier: Apache-2.0
// The session bus proxy of a launch (plan.h SessionBusProxy): started by the launcher before
// it executes bwrap, ready before bwrap runs, stopped when the sandbox ends. Private to
// core/src/launch.
#pragma once

#include "redpak/launch/plan.h"

namespace redpak {

// What bwrap gets of a started proxy: the descriptor of its listening socket (O_PATH, bound
// with --ro-bind-fd) and the read end of its readiness pipe (--sync-fd: the proxy stops when
// the last copy closes, that is when the sandbox and bwrap have ended, or the launcher died
// before). Both are close-on-exec until the launcher places them.
struct StartedProxy {
    int socketFd = -1;
    int syncFd = -1;
};

// Starts xdg-dbus-proxy for `bus` with the launcher's current identity and no capability (no
// new privileges, an empty environment, stdin and stdout /dev/null, stderr the launcher's) on
// a socket in a private directory (mode 0700 under /tmp), and waits until it is ready. A
// keeper process, in a session of its own, waits for the proxy to end and removes the socket
// and its directory. Throws LaunchError when the proxy cannot start.
StartedProxy startSessionBusProxy(const SessionBusProxy& bus);

} // namespace redpak
