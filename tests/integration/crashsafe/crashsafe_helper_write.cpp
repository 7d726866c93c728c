// SPDX-License-Identifier: Apache-2.0
// Drives the helper's config write path (NodeStore::writeConfig: validation by the core
// parser, digest check, SafeDir atomic write, journal) outside D-Bus, for tst_crashsafe,
// which kills this process at each of its system calls.
//
// usage: crashsafe_helper_write prepare ROOT/node   creates the node with the old config
//        crashsafe_helper_write write ROOT/node     replaces its normal config by the new one
// ROOT is served as the node root "crash"; the journal goes to ROOT-state. Needs root.
#include "helperconfig.h"
#include "helpererror.h"
#include "journal.h"
#include "nodename.h"
#include "nodestore.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <sys/stat.h>

namespace {

std::string oldConfig() {
    return "headers:\n  alias: node\n  info: old\nconfig:\n  hostname: old\n";
}

// Large enough that the write is more than a token system call.
std::string newConfig() {
    std::string text = "headers:\n  alias: node\n  info: new\nenviron:\n";
    for (int i = 0; i < 2000; ++i) {
        text += "  - key: VARIABLE_" + std::to_string(i) + "\n    value: value\n";
    }
    return text;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s prepare|write ROOT/node\n", argv[0]);
        return 2;
    }
    const std::string_view action = argv[1];
    const std::filesystem::path node = argv[2];
    const std::filesystem::path root = node.parent_path();
    using namespace redpak::helper;
    try {
        HelperConfig config;
        config.roots = {{"crash", root}};
        config.stateDir = root.string() + "-state";
        Journal journal(config.stateDir);
        NodeStore store(config, journal);
        const NodeName name = NodeName::parse("crash/" + node.filename().string());
        if (action == "prepare") {
            ::mkdir(root.c_str(), 0755);
            store.createNode(name, oldConfig(), "", 0);
            return 0;
        }
        if (action == "write") {
            const ConfigFileContent current = store.readConfig(name, FileKind::Normal);
            store.writeConfig(name, FileKind::Normal, newConfig(), current.digest, 0);
            return 0;
        }
    } catch (const HelperError& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 1;
    }
    std::fprintf(stderr, "unknown action %s\n", argv[1]);
    return 2;
}
