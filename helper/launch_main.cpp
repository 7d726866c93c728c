// SPDX-License-Identifier: Apache-2.0
// redpak-helper-launch: started by redpak-helper (never by people) to carry out one launch:
// it plans again from the same root-owned files (see launchplan.h) and hands over to the core
// launcher, which changes identity, clears every capability and execs bwrap, so the
// helper's child is bwrap itself and its exit status is the command's.
//
// Usage: redpak-helper-launch [--admin] NODE_DIR [-- COMMAND ARGS...]
#include "helpererror.h"
#include "launchplan.h"
#include "redpak/launch.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    bool admin = false;
    std::string nodeDir;
    std::vector<std::string> command;
    int index = 1;
    if (index < argc && std::strcmp(argv[index], "--admin") == 0) {
        admin = true;
        ++index;
    }
    if (index < argc) {
        nodeDir = argv[index++];
    }
    if (index < argc && std::strcmp(argv[index], "--") == 0) {
        command.assign(argv + index + 1, argv + argc);
        index = argc;
    }
    if (nodeDir.empty() || nodeDir.front() != '/' || index != argc) {
        std::fprintf(stderr, "usage: redpak-helper-launch [--admin] NODE_DIR [-- COMMAND...]\n");
        return 2;
    }
    try {
        const redpak::BwrapPlan plan = redpak::helper::planHelperLaunch(nodeDir, admin);
        const redpak::CommandPolicy refuse = redpak::CommandPolicy::refuse();
        redpak::LaunchOptions options;
        options.command = command;
        options.commands = &refuse;
        redpak::launch(plan, options);
    } catch (const redpak::InputError& error) {
        std::fprintf(stderr, "redpak-helper-launch: %s\n", error.diagnostic().format().c_str());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "redpak-helper-launch: %s\n", error.what());
    }
    // Like bwrap when it cannot set the sandbox up: nothing was executed.
    return 1;
}
