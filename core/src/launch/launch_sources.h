// SPDX-License-Identifier: Apache-2.0
// Risk analysis recommendation 4 on the objects the launcher hands to bwrap: every export
// source is opened once, checked on its descriptor (type, and by device and inode against the
// family's files and directories) and then used through that descriptor only, so that what
// the node gets is what was checked, whatever happens to the paths in between.
#pragma once

#include "base/unique_fd.h"
#include "redpak/launch/launch.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace redpak {

using detail::UniqueFd;

struct ObjectId {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    friend bool operator==(const ObjectId&, const ObjectId&) = default;
};

// What recommendation 4 compares export sources with: the family objects themselves and every
// directory that holds one, up to "/". The holders are found by walking up from each object
// with openat(dir, "..") and fstat, so they are the directories the objects really lie in (bind
// mounts of them included: same device and inode), not names that could be swapped.
class FamilyIdentities {
public:
    // Throws LaunchError when a family object is no longer the object the family was read from.
    explicit FamilyIdentities(const std::vector<FamilyObject>& objects);

    // The family object that `id` is or, for a directory, holds at any depth; nullptr if none.
    const FamilyObject* exposedBy(ObjectId id, bool isDirectory) const;

    // A family file with more than one name: its other names may lie in any directory, which
    // no comparison of that directory with the family's holders can see.
    const FamilyObject* multiplyLinkedFile() const;

private:
    void addHolders(int parentFd, std::size_t object);

    std::vector<FamilyObject> m_objects;                     // with the link counts seen now
    std::vector<std::pair<ObjectId, std::size_t>> m_holders; // directory, an object in it
};

// Opens the source of a bind export once (O_PATH; symbolic links are followed by this open
// only, magic links refused) and checks the object it reached: type, recommendation 4.
// Throws LaunchError naming the export.
UniqueFd openBindSource(const RequiredSource& source, const FamilyIdentities& family);

// The bytes of the Internal export `content`: opened once without following any symbolic link
// (RESOLVE_NO_SYMLINKS), a regular file that is no family object, read from that descriptor.
// With `as`, the open and the read happen in a child process that has only that identity (no
// supplementary group, no capability) and sends the bytes over a pipe: the launcher's own
// rights never read the file. Throws LaunchError naming the export.
std::string readInternalContent(const FdContent& content, const FamilyIdentities& family,
                                const std::optional<LaunchOptions::Identity>& as);

} // namespace redpak
