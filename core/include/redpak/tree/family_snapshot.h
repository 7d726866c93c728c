// SPDX-License-Identifier: Apache-2.0
// The family of a node as it was on disk at one moment, read once (issue "read once"): the
// leaf directory is opened once (a symbolic link given by the caller is resolved then, never
// again), each parent is reached by `..` from the directory below it, and every file of every
// node is opened relative to its node's directory descriptor, without following links, fstat'd
// and read in one pass. Launchers check, digest, parse and merge these bytes and identities;
// nothing of the family is read by path again.
#pragma once

#include "redpak/tree/node.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace redpak {

// One file of a family as it was opened and read.
struct SnapshotFile {
    std::filesystem::path path; // for messages and records: the bytes below are what counts
    FileIdentity identity;
    std::string content;
};

// One node of a family: its directory, etc/ and files as they were opened.
struct NodeSnapshot {
    NodeLocation location;
    FileIdentity directory;
    FileIdentity etc;
    SnapshotFile status;
    SnapshotFile normal;
    std::optional<SnapshotFile> admin;
    // The node's audit record when it has one; its content is read for the leaf only (the
    // launch policy compares the family with it), for the others it is "".
    std::optional<SnapshotFile> auditRecord;
    // BASE/applications when the node has one; its desktop entries (tree/applications.h) are
    // read for the leaf only (what a launch may run), sorted by file name.
    std::optional<FileIdentity> applicationsDir;
    std::vector<SnapshotFile> applications;

    // Every object of the node recommendation 4 protects: directory, etc/, status, configs,
    // audit record, applications.
    std::vector<FamilyObject> objects() const;
};

// Whom the family files must belong to.
enum class FamilyTrust {
    AnyOwner, // reviews, and launches by an unprivileged user
    RootOnly, // a privileged launch: every object must be isTrustedRootObject (trust.h)
};

class FamilySnapshot {
public:
    // Reads the family of the node at `leafDir`, root first. Refuses (InputError, naming the
    // file): a `leafDir` that is not a rednode, a member without a normal configuration, an
    // etc/ or file that is a symbolic link or not of its type, a file with more than one hard
    // link (it may be reachable elsewhere, e.g. inside an exported directory), a family deeper
    // than kMaxNodeDepth, and with RootOnly any object that is not root-owned or is writable by
    // group or others, checked on the descriptor before its content is read.
    static FamilySnapshot open(const std::filesystem::path& leafDir,
                               FamilyTrust trust = FamilyTrust::AnyOwner);

    // The family of a node already read (TreeIndex), by the identity of its directory, or
    // nullptr: open() stops climbing at such a parent and takes its members as they were read.
    using KnownFamily = std::function<const FamilySnapshot*(const FileIdentity& directory)>;
    static FamilySnapshot open(const std::filesystem::path& leafDir, FamilyTrust trust,
                               const KnownFamily& known);

    const std::vector<NodeSnapshot>& members() const { return m_members; }
    const NodeSnapshot& leaf() const { return m_members.back(); }
    std::vector<NodeLocation> locations() const;

private:
    // Appends the members of `above` (the family of this family's parent), leaf to root, as
    // open() collects them before reversing.
    void adoptAncestors(const FamilySnapshot& above);

    std::vector<NodeSnapshot> m_members; // root first
};

// The trust a launch by this process requires: RootOnly when it is privileged.
FamilyTrust launchTrust();

// The status of `node` as its snapshot holds it, with the checks of readNodeStatus (realpath
// must be the node's directory). Throws InputError.
NodeStatus snapshotStatus(const NodeSnapshot& node);

} // namespace redpak
