// SPDX-License-Identifier: Apache-2.0
// Path-based views of rednodes on disk (rednode-format.md §1): locating one node or a family,
// walking a tree. Discovery itself is node_discovery.h's, on directory descriptors, shared
// with FamilySnapshot.
#include "redpak/tree/node.h"

#include "base/text_util.h"
#include "config/schema_reader.h"
#include "config/yaml/yaml_tree.h"
#include "redpak/base/diagnostic.h"
#include "redpak/config/parser.h"
#include "redpak/tree/family_snapshot.h"
#include "tree/node_discovery.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>

namespace fs = std::filesystem;

namespace redpak {

namespace {

using detail::UniqueFd;

// Names of the subdirectories of `dirFd` (symbolic links excluded: they could loop or leave
// the tree), sorted. Reads through a duplicate so that `dirFd` keeps its position.
std::vector<std::string> subdirectoryNames(int dirFd) {
    std::vector<std::string> names;
    const int listFd = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0);
    DIR* listing = listFd >= 0 ? ::fdopendir(listFd) : nullptr;
    if (listing == nullptr) {
        const int error = errno;
        if (listFd >= 0) {
            ::close(listFd);
        }
        throw InputError(Diagnostic{"", 0, 0, std::string("cannot list: ") + std::strerror(error)});
    }
    ::rewinddir(listing);
    while (const dirent* entry = ::readdir(listing)) {
        const std::string name = entry->d_name;
        struct stat info {};
        if (name != "." && name != ".." &&
            ::fstatat(dirFd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISDIR(info.st_mode)) {
            names.push_back(name);
        }
    }
    ::closedir(listing);
    std::sort(names.begin(), names.end());
    return names;
}

class TreeWalker {
public:
    explicit TreeWalker(TreeWalk& out) : m_out(out) {}

    void walk(int dirFd, const fs::path& dir, int depth, int parentIndex) {
        std::vector<std::string> children;
        int ownIndex = parentIndex;
        try {
            std::optional<detail::ProbedNode> node = detail::probeNode(dirFd, dir);
            if (node) {
                // A plain directory breaks the chain: only a node directly above is a parent.
                const bool directChild =
                    parentIndex >= 0 &&
                    m_out.entries[static_cast<std::size_t>(parentIndex)].location.base ==
                        dir.parent_path();
                m_out.entries.push_back(
                    TreeEntry{std::move(node->location), depth, directChild ? parentIndex : -1});
                ownIndex = static_cast<int>(m_out.entries.size()) - 1;
            }
            children = subdirectoryNames(dirFd);
        } catch (const InputError& error) {
            m_out.uninspected.push_back({dir, error.diagnostic().message});
            return;
        }
        // A node's own etc/ holds its configs, not nodes: it alone is no unseen subtree.
        const bool onlyOwnEtc =
            ownIndex != parentIndex && children == std::vector<std::string>{"etc"};
        if (depth >= kMaxNodeDepth && !children.empty() && !onlyOwnEtc) {
            m_out.uninspected.push_back(
                {dir, "its subdirectories are deeper than " + std::to_string(kMaxNodeDepth) +
                          " levels below the start of the walk (the depth limit): not inspected"});
            return;
        }
        for (const std::string& name : children) {
            const UniqueFd child(
                ::openat(dirFd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!child.valid()) {
                m_out.uninspected.push_back(
                    {dir / name, std::string("cannot open: ") + std::strerror(errno)});
                continue;
            }
            walk(child.get(), dir / name, depth + 1, ownIndex);
        }
    }

private:
    TreeWalk& m_out;
};

} // namespace

std::optional<NodeLocation> locateNode(const fs::path& dir) {
    const UniqueFd fd = detail::openGivenDirectory(dir, O_PATH);
    if (!fd.valid()) {
        return std::nullopt;
    }
    std::optional<detail::ProbedNode> node =
        detail::probeNode(fd.get(), detail::pathOfDirectory(fd.get(), dir));
    if (!node) {
        return std::nullopt;
    }
    return std::move(node->location);
}

fs::path adminConfigPath(const NodeLocation& node) {
    return node.adminConfig.value_or(node.base / kAdminConfigName);
}

std::vector<NodeLocation> locateFamily(const fs::path& leafDir) {
    return FamilySnapshot::open(leafDir).locations();
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
    checkStatusRealpath(status, node);
    return status;
}

void checkStatusRealpath(const NodeStatus& status, const NodeLocation& node) {
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
}

TreeWalk walkTree(const fs::path& dir) {
    const UniqueFd fd = detail::openGivenDirectory(dir, O_RDONLY);
    if (!fd.valid()) {
        throw InputError(Diagnostic{dir.string(), 0, 0, "not a directory"});
    }
    TreeWalk result;
    TreeWalker(result).walk(fd.get(), detail::pathOfDirectory(fd.get(), dir), 0, -1);
    return result;
}

std::vector<TreeEntry> enumerateTree(const fs::path& dir) {
    return walkTree(dir).entries;
}

std::filesystem::path auditRecordPath(const std::filesystem::path& base) {
    return base / kAuditRecordName;
}

} // namespace redpak
