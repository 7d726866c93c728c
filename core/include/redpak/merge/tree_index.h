// SPDX-License-Identifier: Apache-2.0
// The index of a tree for the commands and views that inspect many of its nodes (lint
// --recursive, impact, audit status --recursive, the GUI's tree): every file is parsed once
// whatever the number of families it belongs to and the modes it is merged in, and a node's
// merge starts from its parent's where the merge rules allow it (MergeProgress). Results are
// those of loadFamily() and mergeFamily() exactly; invalidate() forgets one file that changed.
#pragma once

#include "redpak/merge/merge.h"
#include "redpak/tree/family_snapshot.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace redpak {

// Each configuration file parsed once: by path, valid while the file has the same device,
// inode and content (size and hash of the bytes read).
class ParsedConfigs {
public:
    struct Parsed {
        std::uint64_t serial = 0; // unique to this parse: what a merge was made of
        std::optional<Config> config;
        std::vector<Diagnostic> warnings;
        std::optional<Diagnostic> error; // parseConfig's InputError
    };

    // The parse of `file` (its content as the snapshot read it).
    const Parsed& parse(const SnapshotFile& file);
    // The config of `file`, or the InputError parseConfig throws for it.
    const Config& config(const SnapshotFile& file);
    void forget(const std::filesystem::path& file);

private:
    struct Entry {
        std::uint64_t device = 0;
        std::uint64_t inode = 0;
        std::size_t size = 0;
        std::size_t hash = 0;
        Parsed parsed;
    };
    std::map<std::string, Entry> m_byPath;
    std::uint64_t m_serial = 0;
};

class TreeIndex {
public:
    // Merges with `expander` (nullptr: values as written, as mergeFamily without one); it must
    // outlive the index. Keeps the families of the `capacity` nodes used last (a walk visits a
    // parent before its children) and the merge progress of every node that has children; the
    // parses of a node's configs go with its family.
    explicit TreeIndex(const Expander* expander, FamilyTrust trust = FamilyTrust::AnyOwner,
                       std::size_t capacity = 64);

    // loadFamily(leafDir, mode), with setChange()'s change applied when `withChange`. Throws
    // InputError as loadFamily(). The node asked for last is not read again until another is
    // asked for or invalidate() is called.
    const std::vector<FamilyMember>& family(const std::filesystem::path& leafDir, MergeMode mode,
                                            bool withChange = false);
    // mergeFamily(family(leafDir, mode, withChange), {mode, expander}), from the parent's
    // progress.
    EffectiveConfig merged(const std::filesystem::path& leafDir, MergeMode mode,
                           bool withChange = false);
    // The merge of the first `count` members of family(leafDir, mode) (the family of the
    // ancestor at that depth); 0 < count < the family's size. Kept for the next descendants.
    const EffectiveConfig& mergedAncestor(const std::filesystem::path& leafDir, MergeMode mode,
                                          std::size_t count);
    // The snapshot of the family of `leafDir`, as family() read it.
    const FamilySnapshot& snapshot(const std::filesystem::path& leafDir);

    ParsedConfigs& parsedConfigs() { return m_parsed; }

    // How a proposed change makes a member (impact: another config in its place).
    using MemberChange = std::function<void(FamilyMember&)>;
    // The change family() and merged() apply `withChange` to the member of the node at `base`:
    // both sides of an impact share the snapshots and parses, each side its merges.
    void setChange(const std::filesystem::path& base, MemberChange change);

    // Forgets `file` (a config, status or node directory that changed, was added or removed):
    // its parse, and the families and merges of the nodes whose family it belongs to.
    void invalidate(const std::filesystem::path& file);

private:
    using Key = std::pair<std::uint64_t, std::uint64_t>; // device, inode of the node directory
    // A family as read or with the change applied, in one mode.
    struct Slot {
        MergeMode mode = MergeMode::Normal;
        bool changed = false;
        std::size_t index() const {
            return (mode == MergeMode::Admin ? std::size_t{1} : 0) + (changed ? std::size_t{2} : 0);
        }
    };
    static constexpr std::size_t kSlots = 4;
    struct Node {
        FamilySnapshot snapshot;
        std::array<std::optional<std::vector<FamilyMember>>, kSlots> families; // by Slot
        std::array<std::vector<std::uint64_t>, kSlots> serials; // parses of each member's configs
    };
    // What a merge was made of: each member's parses and objects.
    struct Signature {
        std::vector<std::uint64_t> serials;
        std::vector<FamilyObject> objects;
        bool operator==(const Signature& other) const;
    };
    // The merge of an ancestor's family, for its descendants.
    struct Ancestor {
        Signature signature;
        MergeProgress progress;
        EffectiveConfig effective;
    };

    Node& node(const std::filesystem::path& leafDir);
    Node& remember(Node entry);
    const std::vector<FamilyMember>& familyOf(Node& entry, Slot slot);
    MergeOptions options(MergeMode mode) const { return MergeOptions{mode, m_expander}; }
    const Ancestor& ancestor(const Node& entry, Slot slot, std::size_t count);
    // The progress of the deepest ancestor above the first `count` members whose merge can be
    // continued, or nullptr.
    const MergeProgress* continuableAbove(const Node& entry, Slot slot, std::size_t count);

    const Expander* m_expander;
    FamilyTrust m_trust;
    std::size_t m_capacity;
    ParsedConfigs m_parsed;
    std::list<std::pair<Key, Node>> m_recent; // most recently used first
    std::map<Key, std::list<std::pair<Key, Node>>::iterator> m_byKey;
    std::optional<std::filesystem::path> m_lastAsked; // the leaf of m_recent.front()
    // By Slot, then by the ancestor's base directory.
    std::array<std::map<std::string, Ancestor>, kSlots> m_ancestors;
    std::filesystem::path m_changedBase;
    MemberChange m_change;
};

} // namespace redpak
