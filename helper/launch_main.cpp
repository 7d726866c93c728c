// SPDX-License-Identifier: Apache-2.0
// redpak-helper-launch: started by redpak-helper (never by people) to carry out one launch:
// it plans again from the same root-owned files (see launchplan.h) with the node identities of
// the same helper.conf, requires the identity the helper checked and authorized, and hands
// over to the core launcher, which changes identity, clears every capability and execs bwrap,
// so the helper's child is bwrap itself and its exit status is the command's. Internal
// sources are read as the launch identity, never as root.
//
// Usage: redpak-helper-launch [--admin] --config FILE --identity UID:GID NODE_DIR
//                             [-- COMMAND ARGS...]
#include "helperconfig.h"
#include "helpererror.h"
#include "launchplan.h"
#include "nodeidentity.h"
#include "redpak/launch/launch.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <vector>

namespace {

struct Arguments {
    bool admin = false;
    std::string configFile;
    std::optional<redpak::helper::NodeIdentity> identity;
    std::string nodeDir;
    std::vector<std::string> command;
};

std::optional<Arguments> parseArguments(int argc, char** argv) {
    Arguments arguments;
    int index = 1;
    if (index < argc && std::strcmp(argv[index], "--admin") == 0) {
        arguments.admin = true;
        ++index;
    }
    if (index + 4 > argc || std::strcmp(argv[index], "--config") != 0 ||
        std::strcmp(argv[index + 2], "--identity") != 0) {
        return std::nullopt;
    }
    arguments.configFile = argv[index + 1];
    arguments.identity = redpak::helper::NodeIdentity::parse(argv[index + 3]);
    index += 4;
    if (index < argc) {
        arguments.nodeDir = argv[index++];
    }
    if (index < argc && std::strcmp(argv[index], "--") == 0) {
        arguments.command.assign(argv + index + 1, argv + argc);
        index = argc;
    }
    if (!arguments.identity || arguments.nodeDir.empty() || arguments.nodeDir.front() != '/' ||
        index != argc) {
        return std::nullopt;
    }
    return arguments;
}

[[noreturn]] void launchAs(const Arguments& arguments) {
    using namespace redpak::helper;
    const HelperConfig config = HelperConfig::load(arguments.configFile);
    const NodeIdentityPolicy identities(config);
    const HelperLaunchPlan planned =
        planHelperLaunch(arguments.nodeDir, arguments.admin, identities);
    // The helper asked polkit about this identity: launch with no other.
    if (planned.identity != *arguments.identity) {
        throw HelperError(ErrorKind::UnsafeNode, "the node's identity changed since it was "
                                                 "authorized (" +
                                                     arguments.identity->text() + " then " +
                                                     planned.identity.text() + ")");
    }
    const redpak::CommandPolicy refuse = redpak::CommandPolicy::refuse();
    redpak::LaunchOptions options;
    options.command = arguments.command;
    options.commands = &refuse;
    options.readSourcesAs =
        redpak::LaunchOptions::Identity{planned.identity.uid, planned.identity.gid};
    redpak::launch(planned.plan, options);
}

} // namespace

int main(int argc, char** argv) {
    const std::optional<Arguments> arguments = parseArguments(argc, argv);
    if (!arguments) {
        std::fprintf(stderr, "usage: redpak-helper-launch [--admin] --config FILE --identity "
                             "UID:GID NODE_DIR [-- COMMAND...]\n");
        return 2;
    }
    try {
        launchAs(*arguments);
    } catch (const redpak::InputError& error) {
        std::fprintf(stderr, "redpak-helper-launch: %s\n", error.diagnostic().format().c_str());
    } catch (const std::exception& error) {
        std::fprintf(stderr, "redpak-helper-launch: %s\n", error.what());
    }
    // Like bwrap when it cannot set the sandbox up: nothing was executed.
    return 1;
}
