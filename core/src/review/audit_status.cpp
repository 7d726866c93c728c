// SPDX-License-Identifier: Apache-2.0
#include "redpak/review/audit_status.h"

#include "base/json.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/text_escape.h"
#include "redpak/review/findings.h"
#include "redpak/review/review_merge.h"
#include "redpak/review/text_diff.h"
#include "review/diff_json.h"

#include <algorithm>

namespace redpak {

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

// The drift of `current` from `audited`, each file with its unified diff, audited -> current.
std::vector<FileDrift> driftWithDiffs(const std::vector<AuditedFile>& audited,
                                      const std::vector<AuditedFile>& current) {
    std::vector<FileDrift> drift = fileDrift(audited, current);
    for (FileDrift& changed : drift) {
        const AuditedFile* was = findAuditedFile(audited, changed.path);
        const AuditedFile* now = findAuditedFile(current, changed.path);
        changed.textDiff = unifiedDiff(was ? std::string_view(was->content) : std::string_view(),
                                       now ? std::string_view(now->content) : std::string_view(),
                                       was ? changed.path + " (audited)" : "/dev/null",
                                       now ? changed.path + " (current)" : "/dev/null");
    }
    return drift;
}

} // namespace

AuditStatus auditStatus(const std::filesystem::path& leafDir) {
    TreeIndex index(&reviewExpander());
    return auditStatus(leafDir, index);
}

AuditStatus auditStatus(const std::filesystem::path& leafDir, TreeIndex& index) {
    const std::optional<NodeLocation> location = locateNode(leafDir);
    if (!location) {
        failInput(leafDir.string(), "is not a rednode (no " + std::string(kStatusFileName) + ")");
    }
    AuditStatus status;
    status.node = location->base.string();
    try {
        status.scoreNow = analyzeIndexedNode(location->base, MergeMode::Normal, index).score;
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
    status.drift = driftWithDiffs(record.files, current);
    status.state = status.drift.empty() ? AuditState::Approved : AuditState::Drifted;
    if (!status.drift.empty()) {
        try {
            const EffectiveConfig now =
                mergeForReview(familyFromFiles(current, MergeMode::Normal), MergeMode::Normal);
            status.semantic = diffEffective(
                mergeForReview(familyFromFiles(record.files, MergeMode::Normal), MergeMode::Normal),
                now);
            status.mergeErrors = now.errors;
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
        // As auditStatus: a record whose effective digests do not match its own files is invalid.
        verifyEffectiveDigests(*record, auditRecordPath(location->base).string());
        try {
            return fileDrift(record->files, currentFamilyFiles(location->base)).empty()
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
        for (const MergeError& error : s.mergeErrors) {
            out += "  merge error: " + escapeText(error.diagnostic.format()) + "\n";
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
        // Assigned, not emplaced as a temporary null: GCC 12 then misreads the variant's storage
        // as uninitialised (-Wmaybe-uninitialized) once this function is inlined.
        JsonValue approval;
        if (s.record) {
            approval = JsonObject{{"approvedBy", s.record->approvedBy},
                                  {"uid", s.record->uid},
                                  {"time", s.record->time},
                                  {"comment", s.record->comment},
                                  {"score", s.record->score}};
        }
        node.emplace_back("approval", std::move(approval));
        nodes.push_back(std::move(node));
    }
    return writeJson(JsonObject{{"nodes", std::move(nodes)}});
}

} // namespace redpak
