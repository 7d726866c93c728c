// SPDX-License-Identifier: Apache-2.0
// Approving a node: its audit record (launch/audit_record.h) made from the family as it is now,
// with the effective digests and the exposure score at approval.
#pragma once

#include "redpak/launch/audit_record.h"
#include "redpak/merge/merge.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace redpak {

struct Approver {
    std::string name;
    std::int64_t uid = -1;
};
// The user `uid` (name from the password database, else the uid as text); the helper names
// its caller with it.
Approver approverFor(std::int64_t uid);
// The user running this process.
Approver currentApprover();

// A record for the family of `leafDir` as it is now. Refuses (InputError) a family that does
// not parse or merge in normal mode: there would be nothing meaningful to approve.
AuditRecord makeAuditRecord(const std::filesystem::path& leafDir, const Approver& approver,
                            const std::string& comment);

// Recomputes both effective digests from the record's own files with the record's digest
// format. Throws InputError when they differ (record damaged or edited).
void verifyEffectiveDigests(const AuditRecord& record, const std::string& fileName);

// make + write. Returns the record written.
AuditRecord approveNode(const std::filesystem::path& leafDir, const std::string& comment);

// The family as the record's files say, parsed from their contents (never re-read from disk, so
// that what is digested is exactly what is merged).
std::vector<FamilyMember> familyFromFiles(const std::vector<AuditedFile>& files, MergeMode mode);

} // namespace redpak
