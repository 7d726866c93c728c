// SPDX-License-Identifier: Apache-2.0
#include "redpak/launch/audit_record.h"

#include "base/json.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/digest.h"
#include "redpak/base/safe_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace redpak {

std::string_view toString(FileRole role) {
    switch (role) {
    case FileRole::Status:
        return "status";
    case FileRole::Admin:
        return "admin";
    case FileRole::Application:
        return "application";
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

namespace {

std::optional<FileRole> roleFromString(std::string_view text) {
    for (const FileRole role :
         {FileRole::Status, FileRole::Normal, FileRole::Admin, FileRole::Application}) {
        if (toString(role) == text) {
            return role;
        }
    }
    return std::nullopt;
}

} // namespace

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
    // What the leaf may launch is part of what is approved; a parent's applications are its own.
    for (const SnapshotFile& application : family.leaf().applications) {
        files.push_back(AuditedFile{family.leaf().location.base.string(), FileRole::Application,
                                    application.path.string(), sha256Hex(application.content),
                                    application.content});
    }
    return files;
}

std::vector<AuditedFile> currentFamilyFiles(const std::filesystem::path& leafDir) {
    return currentFamilyFiles(FamilySnapshot::open(leafDir));
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

namespace {

// The fields of one JSON object of a record, each refused with a message naming the key.
class RecordFields {
public:
    RecordFields(const detail::JsonValue& object, const std::string& fileName)
        : m_object(object), m_fileName(fileName) {
        if (!object.object()) {
            failInput(fileName, "audit record: expected a JSON object");
        }
    }
    bool has(std::string_view key) const { return m_object.find(key) != nullptr; }
    std::string string(std::string_view key) const {
        const detail::JsonValue* value = m_object.find(key);
        if (!value || !value->string()) {
            failInput(m_fileName, "audit record: \"" + std::string(key) + "\" must be a string");
        }
        return *value->string();
    }
    double number(std::string_view key) const {
        const detail::JsonValue* value = m_object.find(key);
        if (!value || !value->number()) {
            failInput(m_fileName, "audit record: \"" + std::string(key) + "\" must be a number");
        }
        return *value->number();
    }

private:
    const detail::JsonValue& m_object;
    const std::string& m_fileName;
};

// Absent: a record written before digests were versioned (format 0, legacy).
int effectiveDigestFormatOf(const RecordFields& root, const std::string& fileName) {
    const double format =
        root.has("effectiveDigestFormat") ? root.number("effectiveDigestFormat") : 0;
    if (format != 0 && format != kEffectiveDigestFormat) {
        failInput(fileName,
                  "audit record: unknown effective digest format (this version knows 0 and " +
                      std::to_string(kEffectiveDigestFormat) +
                      "): written by a newer redpak? Approve the node again");
    }
    return static_cast<int>(format);
}

AuditedFile parseAuditedFile(const detail::JsonValue& entry, const std::string& fileName) {
    if (!entry.object()) {
        failInput(fileName, "audit record: every entry of \"files\" must be an object");
    }
    const RecordFields fields(entry, fileName);
    AuditedFile file;
    file.node = fields.string("node");
    const auto role = roleFromString(fields.string("role"));
    if (!role) {
        failInput(fileName, "audit record: \"role\" must be status, normal or admin");
    }
    file.role = *role;
    file.path = fields.string("path");
    file.digest = fields.string("digest");
    file.content = fields.string("content");
    // The content is what a drift diff is made against: it must be what was digested.
    if (!isSha256Hex(file.digest) || sha256Hex(file.content) != file.digest) {
        failInput(fileName, "audit record: the content kept for " + file.path +
                                " does not match its digest (record damaged or edited)");
    }
    return file;
}

} // namespace

AuditRecord parseAuditRecord(std::string_view json, const std::string& fileName) {
    const detail::JsonValue root = detail::parseJson(json, fileName);
    const RecordFields fields(root, fileName);
    if (fields.number("format") != kAuditRecordFormat) {
        failInput(fileName, "audit record: unsupported format (expected " +
                                std::to_string(kAuditRecordFormat) + ")");
    }
    AuditRecord record;
    record.node = fields.string("node");
    record.alias = fields.string("alias");
    record.approvedBy = fields.string("approvedBy");
    record.uid = static_cast<std::int64_t>(fields.number("uid"));
    record.time = fields.string("time");
    record.comment = fields.string("comment");
    record.score = fields.number("score");
    record.effectiveDigestFormat = effectiveDigestFormatOf(fields, fileName);
    record.effectiveDigest = fields.string("effectiveDigest");
    record.effectiveAdminDigest = fields.string("effectiveAdminDigest");
    const detail::JsonValue* files = root.find("files");
    if (!files || !files->array() || files->array()->empty()) {
        failInput(fileName, "audit record: \"files\" must be a non-empty array");
    }
    for (const detail::JsonValue& entry : *files->array()) {
        record.files.push_back(parseAuditedFile(entry, fileName));
    }
    return record;
}

void writeAuditRecord(const std::filesystem::path& base, const AuditRecord& record) {
    const std::filesystem::path path = auditRecordPath(base);
    // 0644 whatever the umask: the launcher of every user of the node must be able to read it.
    writeFileAtomically(path, formatAuditRecord(record), 0644, ModeBits::Exact);
}

std::optional<AuditRecord> readAuditRecord(const std::filesystem::path& base) {
    const std::filesystem::path path = auditRecordPath(base);
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        failInput(path.string(),
                  std::string("cannot read the audit record: ") + std::strerror(errno));
    }
    return parseAuditRecord(readLimitedFile(path, kMaxAuditRecordBytes), path.string());
}

const AuditedFile* findAuditedFile(const std::vector<AuditedFile>& files, std::string_view path) {
    const auto found = std::find_if(files.begin(), files.end(),
                                    [&](const AuditedFile& file) { return file.path == path; });
    return found == files.end() ? nullptr : &*found;
}

std::vector<FileDrift> fileDrift(const std::vector<AuditedFile>& audited,
                                 const std::vector<AuditedFile>& current) {
    std::vector<FileDrift> drift;
    for (const AuditedFile& was : audited) {
        const AuditedFile* now = findAuditedFile(current, was.path);
        if (!now) {
            drift.push_back(
                FileDrift{DriftKind::Removed, was.node, was.role, was.path, was.digest, {}, {}});
        } else if (now->digest != was.digest) {
            drift.push_back(FileDrift{
                DriftKind::Modified, was.node, was.role, was.path, was.digest, now->digest, {}});
        }
    }
    for (const AuditedFile& file : current) {
        if (!findAuditedFile(audited, file.path)) {
            drift.push_back(
                FileDrift{DriftKind::Added, file.node, file.role, file.path, {}, file.digest, {}});
        }
    }
    return drift;
}

} // namespace redpak
