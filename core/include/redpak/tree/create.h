// SPDX-License-Identifier: Apache-2.0
// Creating a rednode (`redconf create`, merge-and-launch.md §4): status file + etc/redpak.yaml
// [+ etc/redpak-admin.yaml] from a built-in template or from given files.
//
// Everything is validated before anything is written: the alias, the target directory and
// every given file (with the parser, so errors name the file and the line). Files are written
// atomically (temp + fsync + rename), configs first and the status file last, so a node never
// appears half-made; on failure what was created is removed again. Modes follow the risk
// analysis: files 0644 and directories 0755, or stricter through the umask, never writable by
// group or other.
#pragma once

#include "redpak/config/config.h"
#include "redpak/tree/node.h"
#include "redpak/tree/templates.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace redpak {

struct CreateOptions {
    std::filesystem::path dir;
    // Node alias; default: the name of `dir` (with `update`: the alias the node already has).
    std::optional<std::string> alias;
    // Given files. When neither is given, both configs come from the template. When only
    // `adminConfig` is given, the normal config comes from the template.
    std::optional<std::filesystem::path> normalConfig;
    std::optional<std::filesystem::path> adminConfig;
    std::string templateName{kDefaultTemplate};
    // Rewrite the configs of an existing node (its status file and name are kept).
    bool update = false;
};

struct CreatedNode {
    NodeLocation location;
    NodeStatus status;
    Config normal;
    std::optional<Config> admin;
};

// Creates (or with `update`, rewrites) the node. Headers of the written configs: `alias` set to
// the alias, `name` a fresh UUID (kept on update), `info` kept when a given file has one,
// otherwise "created by USER the DATE". The rest of each file is written as given, comments
// included. Throws InputError; nothing is left behind on error.
CreatedNode createNode(const CreateOptions& options);

// `text` (a valid config) with its `headers` block replaced by `headers`, everything else kept
// byte for byte when the layout allows it (block-style top-level map), otherwise the canonical
// form of the config. Throws InputError when `text` is not a valid config.
std::string replaceHeaders(std::string_view text, const std::string& fileName,
                           const Headers& headers);

// A random (version 4) UUID in its canonical 36-character form.
std::string newUuid();

// "created by USER the YYYY-MM-DD HH:MM:SS UTC" for the calling user and the current time.
std::string creationInfo();

} // namespace redpak
