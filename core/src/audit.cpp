// SPDX-License-Identifier: Apache-2.0
#include "redpak/audit.h"

#include "audit_json.h"
#include "redpak/atomic_write.h"
#include "redpak/digest.h"
#include "redpak/findings.h"
#include "redpak/parser.h"
#include "redpak/text_escape.h"
#include "redpak/trust.h"
#include "review_json.h"
#include "unique_fd.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace redpak {

std::string_view toString(FileRole role) {
    switch (role) {
    case FileRole::Status:
        return "status";
    case FileRole::Admin:
        return "admin";
    case FileRole::Normal:
        break;
    }
    return "normal";
}

std::string_view toString(DriftKind kind) {
    switch (kind) {
    case DriftKind::Added:
        return "added";
    case DriftKind::Removed:
        return "removed";
    case DriftKind::Modified:
        break;
    }
    return "modified";
}

std::string_view toString(AuditState state) {
    switch (state) {
    case AuditState::Approved:
        return "approved";
    case AuditState::Drifted:
        return "drifted";
    case AuditState::Invalid:
        return "invalid";
    case AuditState::NotAudited:
        break;
    }
    return "not-audited";
}

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& message) {
    throw InputError(Diagnostic{file, 0, 0, message});
}

std::string isoTimeUtc() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts{};
    gmtime_r(&now, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return buffer;
}

std::optional<FileRole> roleFromString(std::string_view text) {
    for (const FileRole role : {FileRole::Status, FileRole::Normal, FileRole::Admin}) {
        if (toString(role) == text) {
            return role;
        }
    }
    return std::nullopt;
}

// The family as the files say, parsed from the given contents (never re-read from disk, so that
// what is digested is exactly what is merged).
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

// Digests are taken on the merge *without* expansion: it depends on the files alone, never on
// the environment, the host or the launch values (`$UUID` is fresh at every expansion), so the
// same family always gives the same digest. Drift itself is decided on the file digests.
std::string effectiveDigest(const std::vector<AuditedFile>& files, MergeMode mode, int format) {
    return effectiveDigestOf(mergeFamily(familyFromFiles(files, mode), MergeOptions{mode, nullptr}),
                             format)
        .value_or(std::string());
}

} // namespace

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

std::filesystem::path auditRecordPath(const std::filesystem::path& base) {
    return base / kAuditRecordName;
}

std::vector<AuditedFile> currentFamilyFiles(const FamilySnapshot& family) {
    std::vector<AuditedFile> files;
    for (const NodeSnapshot& member : family.members()) {
        const std::string node = member.location.base.string();
        const auto addFile = [&](FileRole role, const SnapshotFile& file) {
            files.push_back(
                AuditedFile{node, role, file.path.string(), sha256Hex(file.content), file.content});
        };
        addFile(FileRole::Status, member.status);
        addFile(FileRole::Normal, member.normal);
        if (member.admin) {
            addFile(FileRole::Admin, *member.admin);
        }
    }
    return files;
}

std::vector<AuditedFile> currentFamilyFiles(const std::filesystem::path& leafDir) {
    return currentFamilyFiles(FamilySnapshot::open(leafDir));
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
        fail(record.node, "cannot approve a node whose family does not merge: " +
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

std::string formatAuditRecord(const AuditRecord& record) {
    using namespace detail;
    JsonArray files;
    for (const AuditedFile& file : record.files) {
        files.push_back(JsonObject{{"node", file.node},
                                   {"role", toString(file.role)},
                                   {"path", file.path},
                                   {"digest", file.digest},
                                   {"content", file.content}});
    }
    return writeJson(JsonObject{{"format", record.format},
                                {"node", record.node},
                                {"alias", record.alias},
                                {"approvedBy", record.approvedBy},
                                {"uid", record.uid},
                                {"time", record.time},
                                {"comment", record.comment},
                                {"score", record.score},
                                {"effectiveDigestFormat", record.effectiveDigestFormat},
                                {"effectiveDigest", record.effectiveDigest},
                                {"effectiveAdminDigest", record.effectiveAdminDigest},
                                {"files", std::move(files)}});
}

AuditRecord parseAuditRecord(std::string_view json, const std::string& fileName) {
    using namespace detail;
    const JsonValue root = parseJson(json, fileName);
    const auto string = [&](const JsonValue& object, std::string_view key) {
        const JsonValue* value = object.find(key);
        if (!value || !value->string()) {
            fail(fileName, "audit record: \"" + std::string(key) + "\" must be a string");
        }
        return *value->string();
    };
    const auto number = [&](std::string_view key) {
        const JsonValue* value = root.find(key);
        if (!value || !value->number()) {
            fail(fileName, "audit record: \"" + std::string(key) + "\" must be a number");
        }
        return *value->number();
    };
    if (!root.object()) {
        fail(fileName, "audit record: expected a JSON object");
    }
    AuditRecord record;
    if (number("format") != kAuditRecordFormat) {
        fail(fileName, "audit record: unsupported format (expected " +
                           std::to_string(kAuditRecordFormat) + ")");
    }
    record.node = string(root, "node");
    record.alias = string(root, "alias");
    record.approvedBy = string(root, "approvedBy");
    record.uid = static_cast<std::int64_t>(number("uid"));
    record.time = string(root, "time");
    record.comment = string(root, "comment");
    record.score = number("score");
    // Absent: a record written before digests were versioned (format 0, legacy).
    const double digestFormat =
        root.find("effectiveDigestFormat") ? number("effectiveDigestFormat") : 0;
    if (digestFormat != 0 && digestFormat != kEffectiveDigestFormat) {
        fail(fileName, "audit record: unknown effective digest format (this version knows 0 and " +
                           std::to_string(kEffectiveDigestFormat) +
                           "): written by a newer redpak? Approve the node again");
    }
    record.effectiveDigestFormat = static_cast<int>(digestFormat);
    record.effectiveDigest = string(root, "effectiveDigest");
    record.effectiveAdminDigest = string(root, "effectiveAdminDigest");
    const JsonValue* files = root.find("files");
    if (!files || !files->array() || files->array()->empty()) {
        fail(fileName, "audit record: \"files\" must be a non-empty array");
    }
    for (const JsonValue& entry : *files->array()) {
        if (!entry.object()) {
            fail(fileName, "audit record: every entry of \"files\" must be an object");
        }
        AuditedFile file;
        file.node = string(entry, "node");
        const auto role = roleFromString(string(entry, "role"));
        if (!role) {
            fail(fileName, "audit record: \"role\" must be status, normal or admin");
        }
        file.role = *role;
        file.path = string(entry, "path");
        file.digest = string(entry, "digest");
        file.content = string(entry, "content");
        // The content is what a drift diff is made against: it must be what was digested.
        if (!isSha256Hex(file.digest) || sha256Hex(file.content) != file.digest) {
            fail(fileName, "audit record: the content kept for " + file.path +
                               " does not match its digest (record damaged or edited)");
        }
        record.files.push_back(std::move(file));
    }
    return record;
}

void verifyEffectiveDigests(const AuditRecord& record, const std::string& fileName) {
    const auto check = [&](MergeMode mode, const std::string& recorded) {
        if (effectiveDigest(record.files, mode, record.effectiveDigestFormat) != recorded) {
            fail(fileName, std::string("audit record: the ") +
                               (mode == MergeMode::Admin ? "admin" : "normal") +
                               "-mode effective digest does not match the audited files (format " +
                               std::to_string(record.effectiveDigestFormat) +
                               "; record damaged or edited)");
        }
    };
    check(MergeMode::Normal, record.effectiveDigest);
    check(MergeMode::Admin, record.effectiveAdminDigest);
}

void writeAuditRecord(const std::filesystem::path& base, const AuditRecord& record) {
    const std::filesystem::path path = auditRecordPath(base);
    // 0644 whatever the umask: the launcher of every user of the node must be able to read it.
    writeFileAtomically(path, formatAuditRecord(record), 0644, ModeBits::Exact);
}

AuditRecord approveNode(const std::filesystem::path& leafDir, const std::string& comment) {
    AuditRecord record = makeAuditRecord(leafDir, currentApprover(), comment);
    writeAuditRecord(record.node, record);
    return record;
}

std::optional<AuditRecord> readAuditRecord(const std::filesystem::path& base) {
    const std::filesystem::path path = auditRecordPath(base);
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        fail(path.string(), std::string("cannot read the audit record: ") + std::strerror(errno));
    }
    return parseAuditRecord(readLimitedFile(path, kMaxAuditRecordBytes), path.string());
}

// ---- text diff -------------------------------------------------------------------------------

namespace {

std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

struct Edit {
    char op;       // ' ', '-', '+'
    std::size_t a; // line index in before (for ' ' and '-')
    std::size_t b; // line index in after (for ' ' and '+')
};

// Longest common subsequence on the part that differs (common prefix and suffix removed).
// Above kMaxCells the middle is shown as removed then added: still a correct diff.
std::vector<Edit> lineEdits(const std::vector<std::string_view>& a,
                            const std::vector<std::string_view>& b) {
    constexpr std::size_t kMaxCells = 4'000'000;
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
        ++prefix;
    }
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
        ++suffix;
    }
    const std::size_t n = a.size() - prefix - suffix;
    const std::size_t m = b.size() - prefix - suffix;
    std::vector<Edit> edits;
    for (std::size_t i = 0; i < prefix; ++i) {
        edits.push_back({' ', i, i});
    }
    if ((n + 1) * (m + 1) <= kMaxCells) {
        std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
        const auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& {
            return lcs[i * (m + 1) + j];
        };
        for (std::size_t i = n; i-- > 0;) {
            for (std::size_t j = m; j-- > 0;) {
                at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1
                                                          : std::max(at(i + 1, j), at(i, j + 1));
            }
        }
        std::size_t i = 0;
        std::size_t j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
                edits.push_back({' ', prefix + i++, prefix + j++});
            } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
                edits.push_back({'-', prefix + i++, prefix + j});
            } else {
                edits.push_back({'+', prefix + i, prefix + j++});
            }
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            edits.push_back({'-', prefix + i, prefix});
        }
        for (std::size_t j = 0; j < m; ++j) {
            edits.push_back({'+', prefix + n, prefix + j});
        }
    }
    for (std::size_t k = 0; k < suffix; ++k) {
        edits.push_back({' ', a.size() - suffix + k, b.size() - suffix + k});
    }
    return edits;
}

} // namespace

std::string unifiedDiff(std::string_view before, std::string_view after,
                        const std::string& beforeLabel, const std::string& afterLabel) {
    if (before == after) {
        return {};
    }
    constexpr std::size_t kContext = 3;
    const std::vector<std::string_view> a = splitLines(before);
    const std::vector<std::string_view> b = splitLines(after);
    const std::vector<Edit> edits = lineEdits(a, b);
    std::string out = "--- " + beforeLabel + "\n+++ " + afterLabel + "\n";
    std::size_t k = 0;
    while (k < edits.size()) {
        if (edits[k].op == ' ') {
            ++k;
            continue;
        }
        // A hunk: from kContext lines before this change to kContext lines after the last
        // change that is at most 2*kContext lines further.
        const std::size_t start = k >= kContext ? k - kContext : 0;
        std::size_t end = k;
        std::size_t lastChange = k;
        while (end < edits.size()) {
            if (edits[end].op != ' ') {
                lastChange = end;
            } else if (end - lastChange > 2 * kContext) {
                break;
            }
            ++end;
        }
        end = std::min(edits.size(), lastChange + kContext + 1);
        std::size_t aCount = 0;
        std::size_t bCount = 0;
        std::string body;
        for (std::size_t e = start; e < end; ++e) {
            const Edit& edit = edits[e];
            const std::string_view line = edit.op == '+' ? b[edit.b] : a[edit.a];
            body += edit.op;
            body.append(line.data(), line.size());
            body += '\n';
            aCount += edit.op != '+';
            bCount += edit.op != '-';
        }
        const std::size_t aStart = aCount ? edits[start].a + 1 : edits[start].a;
        const std::size_t bStart = bCount ? edits[start].b + 1 : edits[start].b;
        out += "@@ -" + std::to_string(aStart) + "," + std::to_string(aCount) + " +" +
               std::to_string(bStart) + "," + std::to_string(bCount) + " @@\n" + body;
        k = end;
    }
    if (!before.empty() && before.back() != '\n') {
        out += "\\ No newline at end of the audited file\n";
    }
    if (!after.empty() && after.back() != '\n') {
        out += "\\ No newline at end of the current file\n";
    }
    return out;
}

// ---- drift ---------------------------------------------------------------------------------

namespace {

// Files of `current` that differ from `audited` (matched by path), with a unified diff when
// `withDiffs`.
std::vector<FileDrift> driftBetween(const std::vector<AuditedFile>& audited,
                                    const std::vector<AuditedFile>& current, bool withDiffs) {
    const auto diffOf = [withDiffs](std::string_view before, std::string_view after,
                                    const std::string& beforeLabel, const std::string& afterLabel) {
        return withDiffs ? unifiedDiff(before, after, beforeLabel, afterLabel) : std::string();
    };
    std::vector<FileDrift> drift;
    for (const AuditedFile& was : audited) {
        const auto now = std::find_if(current.begin(), current.end(),
                                      [&](const AuditedFile& f) { return f.path == was.path; });
        if (now == current.end()) {
            drift.push_back(
                FileDrift{DriftKind::Removed,
                          was.node,
                          was.role,
                          was.path,
                          was.digest,
                          {},
                          diffOf(was.content, "", was.path + " (audited)", "/dev/null")});
        } else if (now->digest != was.digest) {
            drift.push_back(FileDrift{DriftKind::Modified, was.node, was.role, was.path, was.digest,
                                      now->digest,
                                      diffOf(was.content, now->content, was.path + " (audited)",
                                             now->path + " (current)")});
        }
    }
    for (const AuditedFile& file : current) {
        const bool known = std::any_of(audited.begin(), audited.end(),
                                       [&](const AuditedFile& f) { return f.path == file.path; });
        if (!known) {
            drift.push_back(
                FileDrift{DriftKind::Added,
                          file.node,
                          file.role,
                          file.path,
                          {},
                          file.digest,
                          diffOf("", file.content, "/dev/null", file.path + " (current)")});
        }
    }
    return drift;
}

} // namespace

AuditStatus auditStatus(const std::filesystem::path& leafDir) {
    const std::optional<NodeLocation> location = locateNode(leafDir);
    if (!location) {
        fail(leafDir.string(), "is not a rednode (no " + std::string(kStatusFileName) + ")");
    }
    AuditStatus status;
    status.node = location->base.string();
    try {
        status.scoreNow = analyzeNodeAt(location->base).score;
    } catch (const InputError&) {
        // An invalid file: the drift below (or the state) says what is wrong.
    }
    try {
        status.record = readAuditRecord(location->base);
        if (status.record) {
            verifyEffectiveDigests(*status.record, auditRecordPath(location->base).string());
        }
    } catch (const InputError& error) {
        status.state = AuditState::Invalid;
        status.problem = error.diagnostic().format();
        return status;
    }
    if (!status.record) {
        status.state = AuditState::NotAudited;
        return status;
    }
    std::vector<AuditedFile> current;
    try {
        current = currentFamilyFiles(location->base);
    } catch (const InputError& error) {
        status.state = AuditState::Drifted;
        status.problem = "the family cannot be read any more: " + error.diagnostic().format();
        return status;
    }
    const AuditRecord& record = *status.record;
    status.drift = driftBetween(record.files, current, true);
    status.state = status.drift.empty() ? AuditState::Approved : AuditState::Drifted;
    if (!status.drift.empty()) {
        try {
            status.semantic = diffEffective(
                mergeForReview(familyFromFiles(record.files, MergeMode::Normal), MergeMode::Normal),
                mergeForReview(familyFromFiles(current, MergeMode::Normal), MergeMode::Normal));
        } catch (const InputError& error) {
            status.problem = "no semantic diff: " + error.diagnostic().format();
        }
    }
    return status;
}

AuditState quickAuditState(const std::filesystem::path& leafDir) {
    try {
        const std::optional<NodeLocation> location = locateNode(leafDir);
        if (!location) {
            return AuditState::Invalid;
        }
        const std::optional<AuditRecord> record = readAuditRecord(location->base);
        if (!record) {
            return AuditState::NotAudited;
        }
        try {
            return driftBetween(record->files, currentFamilyFiles(location->base), false).empty()
                       ? AuditState::Approved
                       : AuditState::Drifted;
        } catch (const InputError&) {
            return AuditState::Drifted; // approved once, unreadable now
        }
    } catch (const InputError&) {
        return AuditState::Invalid;
    }
}

namespace {

// Each line of a unified diff escaped, its line breaks kept.
std::string escapeLines(std::string_view text) {
    std::string out;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        out += escapeText(text.substr(start, end - start));
        if (end < text.size()) {
            out += '\n';
        }
        start = end + 1;
    }
    return out;
}

} // namespace

std::string formatAuditStatusText(const std::vector<AuditStatus>& statuses, bool withDiffs) {
    std::string out;
    for (const AuditStatus& s : statuses) {
        out += escapeText(s.node) + ": " + std::string(toString(s.state));
        if (s.record) {
            out += " (approved by " + escapeText(s.record->approvedBy) + " at " +
                   escapeText(s.record->time);
            if (!s.record->comment.empty()) {
                out += ": " + escapeText(s.record->comment);
            }
            out += ")";
        }
        if (s.scoreNow) {
            out += ", score " + (s.record ? formatScore(s.record->score) + " -> " : std::string()) +
                   formatScore(*s.scoreNow);
        }
        out += "\n";
        if (!s.problem.empty()) {
            out += "  " + escapeText(s.problem) + "\n";
        }
        for (const FileDrift& d : s.drift) {
            out += "  " + std::string(toString(d.kind)) + " " + std::string(toString(d.role)) +
                   " " + escapeText(d.path) + "\n";
        }
        if (s.semantic) {
            out += "  effective configuration: " + s.semantic->summary() + "\n";
            if (withDiffs) {
                for (const Change& c : s.semantic->changes) {
                    out += "    " + std::string(toString(c.direction)) + " " + escapeText(c.item) +
                           ": " + (c.before ? escapeText(*c.before) : "-") + " -> " +
                           (c.after ? escapeText(*c.after) : "-") + " (" + escapeText(c.reason) +
                           ")\n";
                }
            }
        }
        if (withDiffs) {
            for (const FileDrift& d : s.drift) {
                out += escapeLines(d.textDiff);
            }
        }
    }
    return out;
}

std::string formatAuditStatusJson(const std::vector<AuditStatus>& statuses, bool withDiffs) {
    using namespace detail;
    JsonArray nodes;
    for (const AuditStatus& s : statuses) {
        JsonArray drift;
        for (const FileDrift& d : s.drift) {
            JsonObject entry{
                {"kind", toString(d.kind)},         {"node", d.node},
                {"role", toString(d.role)},         {"path", d.path},
                {"auditedDigest", d.auditedDigest}, {"currentDigest", d.currentDigest}};
            if (withDiffs) {
                entry.emplace_back("diff", d.textDiff);
            }
            drift.push_back(std::move(entry));
        }
        JsonObject node{{"node", s.node},
                        {"state", toString(s.state)},
                        {"problem", s.problem},
                        {"scoreNow", s.scoreNow ? JsonValue(*s.scoreNow) : JsonValue()},
                        {"drift", std::move(drift)},
                        {"semantic", s.semantic ? diffToJson(*s.semantic) : JsonValue()}};
        if (s.record) {
            node.emplace_back("approval", JsonObject{{"approvedBy", s.record->approvedBy},
                                                     {"uid", s.record->uid},
                                                     {"time", s.record->time},
                                                     {"comment", s.record->comment},
                                                     {"score", s.record->score}});
        } else {
            node.emplace_back("approval", JsonValue());
        }
        nodes.push_back(std::move(node));
    }
    return writeJson(JsonObject{{"nodes", std::move(nodes)}});
}

// ---- launch policy -------------------------------------------------------------------------

LaunchPolicy loadLaunchPolicy(const std::filesystem::path& file) {
    const detail::UniqueFd fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid()) {
        if (errno == ENOENT) {
            return {};
        }
        fail(file.string(), std::string("cannot read the launch policy: ") + std::strerror(errno));
    }
    const FileIdentity identity = detail::statOpened(fd.get(), file.string());
    if (!S_ISREG(identity.mode) || !isTrustedRootObject(identity)) {
        fail(file.string(), "the launch policy must be a regular file owned by root and not "
                            "writable by group or others");
    }
    const std::string text = detail::readOpenedFile(fd.get(), file.string(), 64 * 1024);
    LaunchPolicy policy;
    int lineNumber = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        ++lineNumber;
        std::string line = text.substr(start, end - start);
        start = end + 1;
        line = line.substr(0, line.find('#'));
        const auto trim = [](std::string s) {
            const std::size_t first = s.find_first_not_of(" \t\r");
            const std::size_t last = s.find_last_not_of(" \t\r");
            return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
        };
        line = trim(line);
        if (line.empty()) {
            continue;
        }
        const std::size_t colon = line.find(':');
        const std::string key = trim(line.substr(0, colon));
        const std::string value =
            colon == std::string::npos ? std::string() : trim(line.substr(colon + 1));
        if (key != "audit" || (value != "required" && value != "optional")) {
            throw InputError(Diagnostic{file.string(), lineNumber, 1,
                                        "expected 'audit: required' or 'audit: optional'"});
        }
        policy.requireAudit = value == "required";
    }
    return policy;
}

namespace {

// Whom a record may come from: root, or the owner of the node (the owner of its status file)
// when nobody else can write it.
void requireTrustedRecord(const NodeSnapshot& leaf) {
    const SnapshotFile& record = *leaf.auditRecord;
    const bool ownerTrusted =
        record.identity.uid == 0 || record.identity.uid == leaf.status.identity.uid;
    if (!ownerTrusted || isWritableByOthers(record.identity)) {
        fail(record.path.string(),
             "audit record not trusted: it must be a regular file owned by root "
             "or by the node's owner and not writable by group or others");
    }
}

} // namespace

void enforceAuditPolicy(const FamilySnapshot& family, const LaunchPolicy& policy) {
    if (!policy.requireAudit) {
        return;
    }
    const NodeSnapshot& leaf = family.leaf();
    if (!leaf.auditRecord) {
        fail(leaf.location.base.string(), "the launch policy requires an audit and this node was "
                                          "never approved (redconf audit approve)");
    }
    requireTrustedRecord(leaf);
    // Digests only (no score, no semantic diff): this runs before every launch.
    const AuditRecord approved =
        parseAuditRecord(leaf.auditRecord->content, leaf.auditRecord->path.string());
    const std::vector<FileDrift> drift =
        driftBetween(approved.files, currentFamilyFiles(family), false);
    if (drift.empty()) {
        return;
    }
    std::string message = "the launch policy requires an audit and this node drifted";
    for (const FileDrift& changed : drift) {
        message += "; " + std::string(toString(changed.kind)) + " since approval: " + changed.path;
    }
    fail(leaf.location.base.string(), message);
}

void enforceAuditPolicy(const std::filesystem::path& leafDir, const LaunchPolicy& policy) {
    if (policy.requireAudit) {
        enforceAuditPolicy(FamilySnapshot::open(leafDir), policy);
    }
}

} // namespace redpak
