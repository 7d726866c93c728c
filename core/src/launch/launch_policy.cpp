// SPDX-License-Identifier: Apache-2.0
#include "redpak/launch/launch_policy.h"

#include "base/unique_fd.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/trust.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace redpak {

LaunchPolicy loadLaunchPolicy(const std::filesystem::path& file) {
    const detail::UniqueFd fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid()) {
        if (errno == ENOENT) {
            return {};
        }
        failInput(file.string(),
                  std::string("cannot read the launch policy: ") + std::strerror(errno));
    }
    const FileIdentity identity = detail::statOpened(fd.get(), file.string());
    if (!S_ISREG(identity.mode) || !isTrustedRootObject(identity)) {
        failInput(file.string(), "the launch policy must be a regular file owned by root and not "
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
        failInput(record.path.string(),
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
        failInput(leaf.location.base.string(),
                  "the launch policy requires an audit and this node was "
                  "never approved (redconf audit approve)");
    }
    requireTrustedRecord(leaf);
    // Digests only (no score, no semantic diff): this runs before every launch.
    const AuditRecord approved =
        parseAuditRecord(leaf.auditRecord->content, leaf.auditRecord->path.string());
    const std::vector<FileDrift> drift = fileDrift(approved.files, currentFamilyFiles(family));
    if (drift.empty()) {
        return;
    }
    std::string message = "the launch policy requires an audit and this node drifted";
    for (const FileDrift& changed : drift) {
        message += "; " + std::string(toString(changed.kind)) + " since approval: " + changed.path;
    }
    failInput(leaf.location.base.string(), message);
}

void enforceAuditPolicy(const std::filesystem::path& leafDir, const LaunchPolicy& policy) {
    if (policy.requireAudit) {
        enforceAuditPolicy(FamilySnapshot::open(leafDir), policy);
    }
}

} // namespace redpak
