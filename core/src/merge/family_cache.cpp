// SPDX-License-Identifier: Apache-2.0
#include "redpak/merge/family_cache.h"

namespace redpak {

FamilyCache::FamilyCache(MergeMode mode, FamilyTrust trust, std::size_t capacity)
    : m_mode(mode), m_trust(trust), m_capacity(capacity) {}

const FamilyCache::Entry* FamilyCache::find(const FileIdentity& directory) {
    const auto found = m_byKey.find(Key{directory.device, directory.inode});
    if (found == m_byKey.end()) {
        return nullptr;
    }
    m_recent.splice(m_recent.begin(), m_recent, found->second);
    return &found->second->second;
}

const FamilyCache::Entry& FamilyCache::remember(Entry entry) {
    const FileIdentity& directory = entry.snapshot.leaf().directory;
    const Key key{directory.device, directory.inode};
    if (const auto old = m_byKey.find(key); old != m_byKey.end()) {
        m_recent.erase(old->second);
        m_byKey.erase(old);
    }
    m_recent.emplace_front(key, std::move(entry));
    m_byKey[key] = m_recent.begin();
    if (m_recent.size() > m_capacity) {
        m_byKey.erase(m_recent.back().first);
        m_recent.pop_back();
    }
    return m_recent.front().second;
}

const std::vector<FamilyMember>& FamilyCache::family(const std::filesystem::path& leafDir) {
    const Entry* known = nullptr; // the nearest ancestor whose family was read
    FamilySnapshot snapshot = FamilySnapshot::open(
        leafDir, m_trust, [&](const FileIdentity& directory) -> const FamilySnapshot* {
            known = find(directory);
            return known ? &known->snapshot : nullptr;
        });
    Entry entry{std::move(snapshot), {}};
    // The members the climb stopped at are the known family as it was parsed; the ones below
    // it (the leaf, and nodes whose own family failed to load) are parsed now.
    if (known) {
        entry.family = known->family;
    }
    const std::vector<NodeSnapshot>& members = entry.snapshot.members();
    for (std::size_t i = entry.family.size(); i < members.size(); ++i) {
        entry.family.push_back(loadMember(members[i], m_mode));
    }
    return remember(std::move(entry)).family;
}

} // namespace redpak
