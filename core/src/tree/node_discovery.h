// SPDX-License-Identifier: Apache-2.0
// The one discovery of rednodes (rednode-format.md §1), on directory descriptors: which
// directory is a node and where its files are. FamilySnapshot (launches, merges) and the
// path-based views of node.h (tree walk, locateNode) are both built on it.
#pragma once

#include "base/unique_fd.h"
#include "redpak/tree/node.h"

#include <filesystem>
#include <optional>

namespace redpak::detail {

// Opens the directory `dir` names (a symbolic link given by the caller is followed, once), with
// `access` O_PATH (enough to open files below it: search permission only, as a path would
// need) or O_RDONLY (to list it). Directories of a family are O_PATH descriptors. Returns an
// invalid descriptor when `dir` does not exist or is not a directory; throws InputError for any
// other failure.
UniqueFd openGivenDirectory(const std::filesystem::path& dir, int access);

// The canonical path of the directory open on `fd`, as the kernel knows it. Throws InputError
// naming `given`.
std::filesystem::path pathOfDirectory(int fd, const std::filesystem::path& given);

// The node whose directory is open on `dirFd` (at path `base`): where its files are, with its
// etc/ opened (invalid when the node has none: its configuration is missing). nullopt when the
// directory has no status file. Throws InputError when a file cannot be checked (a parent must
// never be skipped silently) or etc/ is a symbolic link or not a directory.
struct ProbedNode {
    NodeLocation location;
    UniqueFd etc;
};
std::optional<ProbedNode> probeNode(int dirFd, const std::filesystem::path& base);

} // namespace redpak::detail
