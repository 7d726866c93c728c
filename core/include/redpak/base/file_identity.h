// SPDX-License-Identifier: Apache-2.0
// Which object a file is and who owns it, as fstat(2) said when it was opened: what the trust
// checks, the family snapshots and the export checks of a launch compare.
#pragma once

#include <cstdint>
#include <string>

struct stat;

namespace redpak {

// What fstat(2) said of one file or directory of a family when it was opened: who owns it (the
// identity its commands may run with, whether a privileged launch may trust it) and which
// object it is (recommendation 4 compares exports with family files by device and inode).
struct FileIdentity {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::uint32_t mode = 0; // st_mode, type bits included
    std::uint64_t links = 0;
};

// The FileIdentity of what `info` describes.
FileIdentity fileIdentityOf(const struct stat& info);

// A file or directory of a family that must never be visible inside a node (risk analysis
// recommendation 4): node directory, etc/, status, configs, audit record.
struct FamilyObject {
    std::string path;
    FileIdentity identity;
};

} // namespace redpak
