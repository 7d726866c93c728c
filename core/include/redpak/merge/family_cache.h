// SPDX-License-Identifier: Apache-2.0
// Families of the nodes of one tree, for the commands that inspect every node of it (lint
// --recursive, impact): each node's files are read and parsed once, not once per descendant.
// A family is loadFamily(leafDir, mode) exactly: the leaf and the directories above it are
// opened as FamilySnapshot::open does, and the climb stops at the first parent whose family
// was read already (by the identity of its directory), whose members are reused as read.
#pragma once

#include "redpak/merge/merge.h"
#include "redpak/tree/family_snapshot.h"

#include <cstdint>
#include <filesystem>
#include <list>
#include <map>
#include <utility>
#include <vector>

namespace redpak {

class FamilyCache {
public:
    // Keeps the families of the `capacity` nodes used last: a walk visits a parent before its
    // children, so the families above the node being read are always among them.
    explicit FamilyCache(MergeMode mode, FamilyTrust trust = FamilyTrust::AnyOwner,
                         std::size_t capacity = 64);

    // The family of the node at `leafDir`, root first. Throws InputError as loadFamily().
    const std::vector<FamilyMember>& family(const std::filesystem::path& leafDir);

private:
    using Key = std::pair<std::uint64_t, std::uint64_t>; // device, inode of the node directory
    struct Entry {
        FamilySnapshot snapshot;
        std::vector<FamilyMember> family;
    };

    const Entry* find(const FileIdentity& directory);
    const Entry& remember(Entry entry);

    MergeMode m_mode;
    FamilyTrust m_trust;
    std::size_t m_capacity;
    std::list<std::pair<Key, Entry>> m_recent; // most recently used first
    std::map<Key, std::list<std::pair<Key, Entry>>::iterator> m_byKey;
};

} // namespace redpak
