// SPDX-License-Identifier: Apache-2.0
#include "redpak/review/approval.h"

#include "redpak/base/diagnostic.h"
#include "redpak/config/parser.h"
#include "redpak/review/diff.h"
#include "redpak/review/effective_canonical.h"
#include "redpak/review/findings.h"

#include <chrono>
#include <ctime>
#include <pwd.h>
#include <unistd.h>

namespace redpak {

namespace {

std::string isoTimeUtc() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts{};
    gmtime_r(&now, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return buffer;
}

// Digests are taken on the merge *without* expansion: it depends on the files alone, never on
// the environment, the host or the launch values (`$UUID` is fresh at every expansion), so the
// same family always gives the same digest. Drift itself is decided on the file digests.
std::string effectiveDigest(const std::vector<AuditedFile>& files, MergeMode mode, int format) {
    return effectiveDigestOf(mergeFamily(familyFromFiles(files, mode), MergeOptions{mode, nullptr}),
                             format)
        .value_or(std::string());
}

} // namespace

std::vector<FamilyMember> familyFromFiles(const std::vector<AuditedFile>& files, MergeMode mode) {
    std::vector<FamilyMember> family;
    for (const AuditedFile& file : files) {
        if (family.empty() || family.back().location.base != file.node) {
            const std::filesystem::path base(file.node);
            // In memory: no file was opened, so no identity nor object.
            family.push_back(FamilyMember{
                NodeLocation{base, base / kStatusFileName, base / kNormalConfigName, std::nullopt},
                Config{},
                std::nullopt,
                std::nullopt,
                std::nullopt,
                {}});
        }
        FamilyMember& member = family.back();
        if (file.role == FileRole::Normal) {
            member.location.normalConfig = file.path;
            member.normal = parseConfig(file.content, file.path);
        } else if (file.role == FileRole::Admin) {
            member.location.adminConfig = std::filesystem::path(file.path);
            if (mode == MergeMode::Admin) {
                member.admin = parseConfig(file.content, file.path);
            }
        } else {
            member.location.statusFile = file.path;
        }
    }
    return family;
}

Approver approverFor(std::int64_t uid) {
    struct passwd entry {};
    struct passwd* found = nullptr;
    char buffer[4096];
    if (uid >= 0 &&
        ::getpwuid_r(static_cast<uid_t>(uid), &entry, buffer, sizeof buffer, &found) == 0 &&
        found) {
        return Approver{found->pw_name, uid};
    }
    return Approver{std::to_string(uid), uid};
}

Approver currentApprover() {
    return approverFor(static_cast<std::int64_t>(::getuid()));
}

AuditRecord makeAuditRecord(const std::filesystem::path& leafDir, const Approver& approver,
                            const std::string& comment) {
    AuditRecord record;
    record.files = currentFamilyFiles(leafDir);
    const std::vector<FamilyMember> family = familyFromFiles(record.files, MergeMode::Normal);
    record.node = family.back().location.base.string();
    record.alias = family.back().normal.headers.alias.value;
    const EffectiveConfig normal = mergeFamily(family, MergeOptions{MergeMode::Normal, nullptr});
    if (!normal.ok()) {
        failInput(record.node, "cannot approve a node whose family does not merge: " +
                                   normal.errors.front().diagnostic.format());
    }
    // Not expanded: see effectiveDigest.
    record.effectiveDigest = *effectiveDigestOf(normal, record.effectiveDigestFormat);
    record.effectiveAdminDigest =
        effectiveDigest(record.files, MergeMode::Admin, record.effectiveDigestFormat);
    record.score = analyzeNode(mergeForReview(family, MergeMode::Normal), &family).score;
    record.approvedBy = approver.name;
    record.uid = approver.uid;
    record.time = isoTimeUtc();
    record.comment = comment;
    return record;
}

void verifyEffectiveDigests(const AuditRecord& record, const std::string& fileName) {
    const auto check = [&](MergeMode mode, const std::string& recorded) {
        if (effectiveDigest(record.files, mode, record.effectiveDigestFormat) != recorded) {
            failInput(fileName,
                      std::string("audit record: the ") +
                          (mode == MergeMode::Admin ? "admin" : "normal") +
                          "-mode effective digest does not match the audited files (format " +
                          std::to_string(record.effectiveDigestFormat) +
                          "; record damaged or edited)");
        }
    };
    check(MergeMode::Normal, record.effectiveDigest);
    check(MergeMode::Admin, record.effectiveAdminDigest);
}

AuditRecord approveNode(const std::filesystem::path& leafDir, const std::string& comment) {
    AuditRecord record = makeAuditRecord(leafDir, currentApprover(), comment);
    writeAuditRecord(record.node, record);
    return record;
}

} // namespace redpak
