// SPDX-License-Identifier: Apache-2.0
// Discovery of rednodes on disk (rednode-format.md §1). Paths are handled component by
// component through std::filesystem, never by string prefix.
#include "redpak/node.h"

#include "redpak/diagnostic.h"
#include "redpak/parser.h"
#include "schema_reader.h"
#include "text_util.h"
#include "yaml_tree.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <system_error>

namespace fs = std::filesystem;

namespace redpak {

namespace {

// Depth bound of a tree walk: nodes are nested by hand, not thousands of levels deep, and a
// node's own content (a package root) must not make the walk unbounded.
constexpr int kMaxWalkDepth = 32;

// Whether `path` exists (without following a final symlink). Only "does not exist" answers
// no: any other failure (EACCES, EIO...) is an error, because taking it for "no status file"
// would silently cut a node from the parents whose restrictions apply to it.
bool pathExists(const fs::path& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) == 0) {
        return true;
    }
    if (errno == ENOENT || errno == ENOTDIR) {
        return false;
    }
    throw InputError(Diagnostic{
        path.string(), 0, 0, std::string("cannot check for this file: ") + std::strerror(errno)});
}

bool isDirectory(const fs::path& path) {
    struct stat info {};
    return ::lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// The current name when it exists, else the legacy one when it exists.
std::optional<fs::path> findConfig(const fs::path& base, std::string_view current,
                                   std::string_view legacy) {
    for (const std::string_view name : {current, legacy}) {
        fs::path file = base / name;
        if (pathExists(file)) {
            return file;
        }
    }
    return std::nullopt;
}

// The node's etc/ must be its own directory: through a link to another directory, the node
// would read (and its owner would control) files that are not the node's. Configs themselves
// are opened with O_NOFOLLOW (readLimitedFile); this covers the component above them.
void refuseLinkedEtc(const fs::path& base) {
    const fs::path etc = base / "etc";
    struct stat info {};
    if (::lstat(etc.c_str(), &info) != 0) {
        if (errno == ENOENT) {
            return; // reported as a missing configuration
        }
        throw InputError(
            Diagnostic{etc.string(), 0, 0,
                       std::string("cannot check this directory: ") + std::strerror(errno)});
    }
    if (S_ISLNK(info.st_mode)) {
        throw InputError(Diagnostic{etc.string(), 0, 0,
                                    "is a symbolic link; a rednode's etc/ must be a real "
                                    "directory of the node"});
    }
    if (!S_ISDIR(info.st_mode)) {
        throw InputError(Diagnostic{etc.string(), 0, 0, "is not a directory"});
    }
}

// A node at an already canonical path.
std::optional<NodeLocation> locateCanonical(const fs::path& base) {
    const fs::path status = base / kStatusFileName;
    if (!pathExists(status)) {
        return std::nullopt;
    }
    NodeLocation location;
    location.base = base;
    location.statusFile = status;
    location.normalConfig = findConfig(base, kNormalConfigName, kLegacyNormalConfigName)
                                .value_or(base / kNormalConfigName);
    location.adminConfig = findConfig(base, kAdminConfigName, kLegacyAdminConfigName);
    return location;
}

fs::path canonicalDirectory(const fs::path& dir) {
    std::error_code error;
    fs::path canonical = fs::canonical(dir, error);
    if (error) {
        throw InputError(Diagnostic{dir.string(), 0, 0, "cannot resolve: " + error.message()});
    }
    return canonical;
}

void walk(const fs::path& dir, int depth, int parentIndex, std::vector<TreeEntry>& out) {
    std::optional<NodeLocation> node;
    try {
        node = locateCanonical(dir);
    } catch (const InputError&) {
        return; // a directory we may not inspect is not part of the listing
    }
    int ownIndex = parentIndex;
    if (node) {
        // A plain directory breaks the chain: only a node directly above is a parent.
        const bool directChild =
            parentIndex >= 0 &&
            out[static_cast<std::size_t>(parentIndex)].location.base == dir.parent_path();
        out.push_back(TreeEntry{std::move(*node), depth, directChild ? parentIndex : -1});
        ownIndex = static_cast<int>(out.size()) - 1;
    }
    if (depth >= kMaxWalkDepth) {
        return;
    }
    std::vector<fs::path> children;
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
        // Symbolic links are not followed: they could loop or leave the tree.
        if (it->is_directory(error) && !it->is_symlink(error)) {
            children.push_back(it->path());
        }
    }
    std::sort(children.begin(), children.end());
    for (const fs::path& child : children) {
        walk(child, depth + 1, ownIndex, out);
    }
}

} // namespace

std::string_view toString(NodeState state) {
    return state == NodeState::Enable ? "Enable" : "Disable";
}

std::optional<NodeLocation> locateNode(const fs::path& dir) {
    if (!isDirectory(dir) && !fs::is_directory(dir)) {
        return std::nullopt;
    }
    std::optional<NodeLocation> node = locateCanonical(canonicalDirectory(dir));
    if (node) {
        refuseLinkedEtc(node->base);
    }
    return node;
}

fs::path adminConfigPath(const NodeLocation& node) {
    return node.adminConfig.value_or(node.base / kAdminConfigName);
}

std::vector<NodeLocation> locateFamily(const fs::path& leafDir) {
    if (!fs::is_directory(leafDir)) {
        throw InputError(
            Diagnostic{leafDir.string(), 0, 0, "not a directory (expected a rednode)"});
    }
    const std::optional<NodeLocation> leaf = locateCanonical(canonicalDirectory(leafDir));
    if (!leaf) {
        throw InputError(Diagnostic{leafDir.string(), 0, 0,
                                    "not a rednode: no " + std::string(kStatusFileName)});
    }
    refuseLinkedEtc(leaf->base);
    return locateFamily(*leaf);
}

std::vector<NodeLocation> locateFamily(const NodeLocation& leaf) {
    std::vector<NodeLocation> family;
    std::optional<NodeLocation> node = leaf;
    while (node) {
        if (!pathExists(node->normalConfig)) {
            throw InputError(
                Diagnostic{node->normalConfig.string(), 0, 0,
                           "missing normal configuration of rednode " + node->base.string()});
        }
        const fs::path parent = node->base.parent_path();
        const bool atRoot = parent == node->base;
        family.push_back(std::move(*node));
        node = atRoot ? std::nullopt : locateCanonical(parent);
        if (node) {
            refuseLinkedEtc(node->base);
        }
    }
    std::reverse(family.begin(), family.end());
    return family;
}

NodeStatus parseStatus(std::string_view text, const std::string& fileName) {
    const detail::YamlNode root = detail::parseYaml(text, fileName);
    const detail::SchemaReader reader(fileName);
    NodeStatus status;
    reader.forEachKey(root, "the status file", {"state", "realpath", "timestamp", "info"},
                      [&](std::string_view key, const detail::YamlEntry& entry) {
                          const std::string what = "'" + entry.key + "'";
                          if (key == "state") {
                              const std::string value = reader.scalar(entry.value, what);
                              if (detail::equalsIgnoreCase(value, "Enable")) {
                                  status.state = NodeState::Enable;
                              } else if (detail::equalsIgnoreCase(value, "Disable")) {
                                  status.state = NodeState::Disable;
                              } else {
                                  reader.fail(entry.value.pos, "invalid state '" + value +
                                                                   "': expected Enable or Disable");
                              }
                          } else if (key == "realpath") {
                              status.realpath = reader.scalar(entry.value, what);
                          } else if (key == "timestamp") {
                              status.timestamp = reader.integer(entry.value, what);
                          } else {
                              status.info = reader.scalar(entry.value, what);
                          }
                      });
    reader.require(root, "the status file", "state");
    return status;
}

NodeStatus readStatus(const fs::path& statusFile) {
    return parseStatus(readLimitedFile(statusFile), statusFile.string());
}

NodeStatus readNodeStatus(const NodeLocation& node) {
    NodeStatus status = readStatus(node.statusFile);
    if (!status.realpath.empty()) {
        fs::path recorded = fs::path(status.realpath).lexically_normal();
        if (!recorded.has_filename() && recorded.has_parent_path() && recorded != "/") {
            recorded = recorded.parent_path(); // "/a/b/" names "/a/b"
        }
        if (recorded != node.base) {
            throw InputError(Diagnostic{
                node.statusFile.string(), 0, 0,
                "realpath '" + status.realpath + "' is not the node's directory " +
                    node.base.string() +
                    ": the node was moved or copied, or the file lies (recreate the node)"});
        }
    }
    return status;
}

std::vector<TreeEntry> enumerateTree(const fs::path& dir) {
    if (!fs::is_directory(dir)) {
        throw InputError(Diagnostic{dir.string(), 0, 0, "not a directory"});
    }
    std::vector<TreeEntry> entries;
    walk(canonicalDirectory(dir), 0, -1, entries);
    return entries;
}

} // namespace redpak
