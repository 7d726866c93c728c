// SPDX-License-Identifier: Apache-2.0
#include "redpak/merge/tree_index.h"

#include "redpak/config/parser.h"

#include <algorithm>
#include <functional>

namespace redpak {

namespace {

bool sameIdentity(const FileIdentity& a, const FileIdentity& b) {
    return a.device == b.device && a.inode == b.inode && a.uid == b.uid && a.gid == b.gid &&
           a.mode == b.mode && a.links == b.links;
}

// Whether `file` is one of the node at `base`: its directory, its status or a file of its etc/.
bool belongsTo(const std::filesystem::path& file, const std::filesystem::path& base) {
    const std::filesystem::path parent = file.parent_path();
    return file == base || parent == base || parent == base / "etc";
}

bool touches(const std::filesystem::path& file, const FamilySnapshot& snapshot) {
    return std::any_of(snapshot.members().begin(), snapshot.members().end(),
                       [&](const NodeSnapshot& n) { return belongsTo(file, n.location.base); });
}

} // namespace

const ParsedConfigs::Parsed& ParsedConfigs::parse(const SnapshotFile& file) {
    const std::size_t hash = std::hash<std::string_view>{}(file.content);
    Entry& entry = m_byPath[file.path.string()];
    if (entry.parsed.serial != 0 && entry.device == file.identity.device &&
        entry.inode == file.identity.inode && entry.size == file.content.size() &&
        entry.hash == hash) {
        return entry.parsed;
    }
    entry = Entry{file.identity.device, file.identity.inode, file.content.size(), hash, {}};
    entry.parsed.serial = ++m_serial;
    try {
        entry.parsed.config = parseConfig(file.content, file.path.string(), &entry.parsed.warnings);
    } catch (const InputError& error) {
        entry.parsed.error = error.diagnostic();
        entry.parsed.warnings.clear();
    }
    return entry.parsed;
}

const Config& ParsedConfigs::config(const SnapshotFile& file) {
    const Parsed& parsed = parse(file);
    if (parsed.error) {
        throw InputError(*parsed.error);
    }
    return *parsed.config;
}

void ParsedConfigs::forget(const std::filesystem::path& file) {
    m_byPath.erase(file.string());
}

bool TreeIndex::Signature::operator==(const Signature& other) const {
    return serials == other.serials && objects.size() == other.objects.size() &&
           std::equal(objects.begin(), objects.end(), other.objects.begin(),
                      [](const FamilyObject& a, const FamilyObject& b) {
                          return a.path == b.path && sameIdentity(a.identity, b.identity);
                      });
}

TreeIndex::TreeIndex(const Expander* expander, FamilyTrust trust, std::size_t capacity)
    : m_expander(expander), m_trust(trust), m_capacity(std::max<std::size_t>(capacity, 1)) {}

TreeIndex::Node& TreeIndex::remember(Node entry) {
    const FileIdentity& directory = entry.snapshot.leaf().directory;
    const Key key{directory.device, directory.inode};
    if (const auto old = m_byKey.find(key); old != m_byKey.end()) {
        m_recent.erase(old->second);
        m_byKey.erase(old);
    }
    m_recent.emplace_front(key, std::move(entry));
    m_byKey[key] = m_recent.begin();
    if (m_recent.size() > m_capacity) {
        // The families that hold the node's configs keep their own copies: its parses are
        // only wanted again if the node is, and a walk does not come back to it.
        const NodeSnapshot& evicted = m_recent.back().second.snapshot.leaf();
        m_parsed.forget(evicted.normal.path);
        if (evicted.admin) {
            m_parsed.forget(evicted.admin->path);
        }
        m_byKey.erase(m_recent.back().first);
        m_recent.pop_back();
    }
    return m_recent.front().second;
}

TreeIndex::Node& TreeIndex::node(const std::filesystem::path& leafDir) {
    if (m_lastAsked && *m_lastAsked == leafDir && !m_recent.empty()) {
        return m_recent.front().second;
    }
    m_lastAsked.reset();
    const Node* known = nullptr; // the nearest ancestor already read
    FamilySnapshot snapshot = FamilySnapshot::open(
        leafDir, m_trust, [&](const FileIdentity& directory) -> const FamilySnapshot* {
            const auto found = m_byKey.find(Key{directory.device, directory.inode});
            if (found == m_byKey.end()) {
                return nullptr;
            }
            m_recent.splice(m_recent.begin(), m_recent, found->second);
            known = &found->second->second;
            return &known->snapshot;
        });
    Node entry{std::move(snapshot), {}, {}};
    // The members the climb stopped at are the known family as it was parsed.
    if (known) {
        entry.families = known->families;
        entry.serials = known->serials;
    }
    Node& made = remember(std::move(entry));
    m_lastAsked = leafDir;
    return made;
}

const std::vector<FamilyMember>& TreeIndex::familyOf(Node& entry, Slot slot) {
    std::optional<std::vector<FamilyMember>>& family = entry.families[slot.index()];
    std::vector<std::uint64_t>& serials = entry.serials[slot.index()];
    if (!family) {
        family.emplace();
        serials.clear();
    }
    const std::vector<NodeSnapshot>& members = entry.snapshot.members();
    // loadMember() through the parsed configs: the status checked, then the configs parsed.
    for (std::size_t i = family->size(); i < members.size(); ++i) {
        const NodeSnapshot& n = members[i];
        snapshotStatus(n);
        FamilyMember member{n.location,   m_parsed.config(n.normal),
                            std::nullopt, n.normal.identity,
                            std::nullopt, n.objects()};
        std::uint64_t adminSerial = 0;
        if (slot.mode == MergeMode::Admin && n.admin) {
            member.admin = m_parsed.config(*n.admin);
            member.adminIdentity = n.admin->identity;
            adminSerial = m_parsed.parse(*n.admin).serial;
        }
        if (slot.changed && m_change && n.location.base == m_changedBase) {
            m_change(member);
        }
        serials.push_back(m_parsed.parse(n.normal).serial);
        serials.push_back(adminSerial);
        family->push_back(std::move(member));
    }
    return *family;
}

const std::vector<FamilyMember>& TreeIndex::family(const std::filesystem::path& leafDir,
                                                   MergeMode mode, bool withChange) {
    Node& entry = node(leafDir);
    const Slot slot{mode, withChange};
    try {
        return familyOf(entry, slot);
    } catch (const InputError&) {
        entry.families[slot.index()].reset(); // the members before the bad one stay unused
        throw;
    }
}

const FamilySnapshot& TreeIndex::snapshot(const std::filesystem::path& leafDir) {
    return node(leafDir).snapshot;
}

const TreeIndex::Ancestor& TreeIndex::ancestor(const Node& entry, Slot slot, std::size_t count) {
    const std::vector<FamilyMember>& family = *entry.families[slot.index()];
    const std::vector<std::uint64_t>& serials = entry.serials[slot.index()];
    Signature signature{{serials.begin(), serials.begin() + static_cast<std::ptrdiff_t>(2 * count)},
                        {}};
    for (std::size_t i = 0; i < count; ++i) {
        signature.objects.insert(signature.objects.end(), family[i].objects.begin(),
                                 family[i].objects.end());
    }
    std::map<std::string, Ancestor>& ancestors = m_ancestors[slot.index()];
    const std::string base = family[count - 1].location.base.string();
    if (const auto found = ancestors.find(base);
        found != ancestors.end() && found->second.signature == signature) {
        return found->second;
    }
    const MergeProgress* from = continuableAbove(entry, slot, count);
    const std::vector<FamilyMember> members(family.begin(),
                                            family.begin() + static_cast<std::ptrdiff_t>(count));
    Ancestor made{std::move(signature), {}, {}};
    made.effective = mergeFamily(members, options(slot.mode), from, &made.progress);
    return ancestors.insert_or_assign(base, std::move(made)).first->second;
}

const MergeProgress* TreeIndex::continuableAbove(const Node& entry, Slot slot, std::size_t count) {
    for (std::size_t k = count; k-- > 1;) {
        const MergeProgress& progress = ancestor(entry, slot, k).progress;
        if (progress.continuable()) {
            return &progress;
        }
    }
    return nullptr;
}

const EffectiveConfig& TreeIndex::mergedAncestor(const std::filesystem::path& leafDir,
                                                 MergeMode mode, std::size_t count) {
    Node& entry = node(leafDir);
    familyOf(entry, Slot{mode, false});
    return ancestor(entry, Slot{mode, false}, count).effective;
}

EffectiveConfig TreeIndex::merged(const std::filesystem::path& leafDir, MergeMode mode,
                                  bool withChange) {
    Node& entry = node(leafDir);
    const Slot slot{mode, withChange};
    const std::vector<FamilyMember>& family = familyOf(entry, slot);
    return mergeFamily(family, options(mode), continuableAbove(entry, slot, family.size()),
                       nullptr);
}

void TreeIndex::setChange(const std::filesystem::path& base, MemberChange change) {
    m_changedBase = base;
    m_change = std::move(change);
    m_lastAsked.reset();
    m_recent.clear();
    m_byKey.clear();
    for (std::map<std::string, Ancestor>& ancestors : m_ancestors) {
        ancestors.clear();
    }
}

void TreeIndex::invalidate(const std::filesystem::path& file) {
    const std::filesystem::path path = file.lexically_normal();
    m_parsed.forget(path);
    m_lastAsked.reset();
    for (auto it = m_recent.begin(); it != m_recent.end();) {
        if (touches(path, it->second.snapshot)) {
            m_byKey.erase(it->first);
            it = m_recent.erase(it);
        } else {
            ++it;
        }
    }
    for (std::map<std::string, Ancestor>& ancestors : m_ancestors) {
        std::erase_if(ancestors, [&](const auto& item) {
            const std::vector<FamilyNodeInfo>& members = item.second.effective.family;
            return std::any_of(members.begin(), members.end(),
                               [&](const FamilyNodeInfo& n) { return belongsTo(path, n.path); });
        });
    }
}

} // namespace redpak
