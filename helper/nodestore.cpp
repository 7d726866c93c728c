// SPDX-License-Identifier: Apache-2.0
#include "nodestore.h"

#include "helpererror.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/digest.h"
#include "redpak/config/desktop_entry.h"
#include "redpak/config/parser.h"
#include "redpak/config/writer.h"
#include "redpak/review/audit_status.h"
#include "redpak/tree/applications.h"
#include "redpak/tree/create.h"
#include "redpak/tree/node.h"
#include "redpak/tree/templates.h"

#include <chrono>
#include <cstdio>
#include <optional>

namespace redpak::helper {
namespace {

constexpr const char* kStatusFile = ".rednode.yaml";
constexpr const char* kEtc = "etc";
constexpr mode_t kDirMode = 0755;
constexpr mode_t kConfigMode = 0644;
// Deeper than any sensible tree; bounds the recursion of the child-node search.
constexpr int kMaxSearchDepth = 64;

std::string currentName(FileKind kind) {
    return kind == FileKind::Normal ? "redpak.yaml" : "redpak-admin.yaml";
}
std::string legacyName(FileKind kind) {
    return kind == FileKind::Normal ? "redpack.yaml" : "redpack-admin.yaml";
}
QString kindText(FileKind kind) {
    return kind == FileKind::Normal ? QStringLiteral("normal") : QStringLiteral("admin");
}

// The file a node uses for `kind`: the current name, or the legacy one when only it exists.
std::string configFileName(const SafeDir& etc, FileKind kind) {
    if (!etc.statEntry(currentName(kind)) && etc.statEntry(legacyName(kind))) {
        return legacyName(kind);
    }
    return currentName(kind);
}

bool containsNode(const SafeDir& dir, int depth) {
    if (depth > kMaxSearchDepth) {
        throw HelperError(ErrorKind::Failed, "directory tree too deep to delete");
    }
    for (const std::string& entry : dir.entries()) {
        const auto info = dir.statEntry(entry);
        if (!info || !S_ISDIR(info->st_mode)) {
            continue;
        }
        const SafeDir child = dir.openSubdir(entry);
        if (child.statEntry(kStatusFile) || containsNode(child, depth + 1)) {
            return true;
        }
    }
    return false;
}

// SafeDir names only the entry it refused: the same refusal, prefixed with the node's file.
HelperError namingFile(const std::string& file, const HelperError& error) {
    return HelperError(error.kind(), file + ": " + error.what());
}

// Refuses a replacement based on a stale view: `shown` changed since the caller read it.
void requireUnchanged(const std::string& shown, const std::string& currentDigest,
                      std::string_view expectedDigest) {
    if (currentDigest != expectedDigest) {
        throw HelperError(
            ErrorKind::StaleDigest,
            shown + " changed since it was read (current digest " +
                (currentDigest.empty() ? std::string("none: absent") : currentDigest) + ")");
    }
}

// Core's desktop-entry parser is the boundary: its refusal names the file and line.
void validateApplication(const std::string& shown, std::string_view content) {
    try {
        DesktopEntry::parse(content, shown);
    } catch (const InputError& error) {
        throw HelperError(ErrorKind::InvalidConfig, error.diagnostic().format());
    }
}

// The entry `file` of `apps` (nullopt when absent): a root-owned regular file with one link.
std::optional<std::string> readApplicationFile(const SafeDir& apps, const std::string& file,
                                               const std::string& shown) {
    try {
        const std::optional<struct stat> info = apps.statEntry(file);
        if (info && S_ISREG(info->st_mode) && !isTrustedFile(*info)) {
            throw HelperError(ErrorKind::UnsafeNode,
                              "not owned by root or writable by group or others");
        }
        return apps.readFile(file, kMaxDesktopEntryBytes);
    } catch (const HelperError& error) {
        throw namingFile(shown, error);
    }
}

// Undoes the creation of `dirName` for a write that failed; the write's error is the one
// reported, so a failure here is only said on stderr.
void removeCreatedDirectory(const SafeDir& base, const std::string& dirName) {
    try {
        if (base.statEntry(dirName)) {
            base.removeTree(dirName);
        }
    } catch (const HelperError& error) {
        std::fprintf(stderr, "redpak-helper: %s\n", error.what());
    }
}

// "NODE/applications".
std::string applicationsDirShown(const NodeName& name) {
    return name.text() + "/" + std::string(kApplicationsDirName);
}

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

NodeStore::NodeStore(HelperConfig config, Journal& journal)
    : m_config(std::move(config)), m_journal(journal) {}

const NodeRoot& NodeStore::rootOf(const NodeName& name) const {
    const NodeRoot* root = m_config.findRoot(name.root);
    if (root == nullptr) {
        throw HelperError(ErrorKind::InvalidName, "unknown node root \"" + name.root + "\"");
    }
    return *root;
}

std::filesystem::path NodeStore::pathOf(const NodeName& name) const {
    std::filesystem::path path = rootOf(name).path;
    for (const std::string& component : name.components) {
        path /= component;
    }
    return path;
}

SafeDir NodeStore::openNodeDir(const NodeName& name) const {
    SafeDir dir = SafeDir::openTrusted(rootOf(name).path).openSubdir(name.components);
    if (!dir.statEntry(kStatusFile)) {
        throw HelperError(ErrorKind::NotFound, name.text() + " is not a rednode");
    }
    return dir;
}

std::string NodeStore::configPath(const NodeName& name, FileKind kind) {
    return name.text() + "/etc/" + currentName(kind);
}

void NodeStore::validate(const NodeName& name, FileKind kind, std::string_view content) const {
    const std::string fileName = configPath(name, kind);
    const ValidationResult result = validateConfigText(content, fileName);
    if (!result.ok()) {
        throw HelperError(ErrorKind::InvalidConfig,
                          result.error ? result.error->format() : fileName + ": invalid");
    }
    // Whoever may write a config must not choose who the launch runs as.
    if (const std::optional<ConfigSection>& section = result.config->config) {
        const auto where = [&](const SourcePos& pos) {
            return fileName + ":" + std::to_string(pos.line);
        };
        if (section->setUser) {
            m_identities.checkUser(section->setUser->value, where(section->setUser->pos),
                                   ErrorKind::InvalidConfig);
        }
        if (section->setGroup) {
            m_identities.checkGroup(section->setGroup->value, where(section->setGroup->pos),
                                    ErrorKind::InvalidConfig);
        }
    }
}

ConfigFileContent NodeStore::readConfig(const NodeName& name, FileKind kind) const {
    const SafeDir etc = openNodeDir(name).openSubdir(kEtc);
    const auto content = etc.readFile(configFileName(etc, kind), kMaxConfigBytes);
    if (!content) {
        if (kind == FileKind::Normal) {
            throw HelperError(ErrorKind::NotFound, name.text() + " has no normal config");
        }
        return {};
    }
    return {true, *content, sha256Hex(*content)};
}

std::string NodeStore::writeConfig(const NodeName& name, FileKind kind, std::string_view content,
                                   std::string_view expectedDigest, uid_t caller) {
    const bool removal = content.empty();
    if (removal && kind == FileKind::Normal) {
        throw HelperError(ErrorKind::InvalidConfig,
                          configPath(name, kind) + ": the normal config cannot be empty");
    }
    if (!removal) {
        validate(name, kind, content);
    }
    std::string fileName = currentName(kind);
    std::optional<std::string> current;
    std::optional<SafeDir> etc;
    try {
        etc.emplace(openNodeDir(name).openSubdir(kEtc));
        fileName = configFileName(*etc, kind);
        current = etc->readFile(fileName, kMaxConfigBytes);
    } catch (const HelperError& error) {
        throw namingFile(name.text() + "/etc/" + fileName, error);
    }
    const std::string currentDigest = current ? sha256Hex(*current) : std::string();
    requireUnchanged(name.text() + "/etc/" + fileName, currentDigest, expectedDigest);
    std::string newDigest;
    try {
        if (removal) {
            if (current) {
                etc->removeFile(fileName);
            }
        } else {
            etc->writeFileAtomically(fileName, content, kConfigMode);
            newDigest = sha256Hex(content);
        }
    } catch (const HelperError& error) {
        throw namingFile(name.text() + "/etc/" + fileName, error);
    }
    m_journal.append(JournalEntry::change(
        caller, QStringLiteral("config.write"), QString::fromStdString(name.text()), kindText(kind),
        QString::fromStdString(currentDigest), QString::fromStdString(newDigest)));
    return newDigest;
}

std::string NodeStore::applicationPath(const NodeName& name, const std::string& id) {
    const std::string shown = applicationsDirShown(name) + "/" + applicationFileName(id);
    try {
        requireValidApplicationId(id, shown);
    } catch (const InputError& error) {
        throw HelperError(ErrorKind::InvalidArgument, error.diagnostic().format());
    }
    return shown;
}

SafeDir NodeStore::openTrustedNodeDir(const NodeName& name) const {
    checkFamilyTrusted(name);
    SafeDir base = openNodeDir(name);
    if (!isTrustedDirectory(base.statSelf())) {
        throw HelperError(ErrorKind::UnsafeNode,
                          name.text() + " is not owned by root or is writable by others");
    }
    return base;
}

std::optional<SafeDir> NodeStore::openApplicationsDir(const NodeName& name,
                                                      const SafeDir& base) const {
    const std::string dirName(kApplicationsDirName);
    const std::string shown = applicationsDirShown(name);
    if (!base.statEntry(dirName)) {
        return std::nullopt;
    }
    try {
        SafeDir apps = base.openSubdir(dirName);
        if (!isTrustedDirectory(apps.statSelf())) {
            throw HelperError(ErrorKind::UnsafeNode,
                              "not owned by root or writable by group or others");
        }
        return apps;
    } catch (const HelperError& error) {
        throw namingFile(shown, error);
    }
}

std::vector<ApplicationFile> NodeStore::listApplications(const NodeName& name) const {
    const SafeDir base = openTrustedNodeDir(name);
    const std::optional<SafeDir> apps = openApplicationsDir(name, base);
    std::vector<ApplicationFile> out;
    if (!apps) {
        return out;
    }
    std::vector<std::string> files;
    try {
        files = applicationFileNames(apps->entries(), applicationsDirShown(name));
    } catch (const InputError& error) {
        throw HelperError(ErrorKind::Failed, error.diagnostic().format());
    }
    for (const std::string& file : files) {
        std::string id;
        try {
            id = applicationIdOfFile(file, applicationsDirShown(name) + "/" + file);
        } catch (const InputError& error) {
            throw HelperError(ErrorKind::InvalidConfig, error.diagnostic().format());
        }
        const std::string shown = applicationPath(name, id);
        std::optional<std::string> content = readApplicationFile(*apps, file, shown);
        if (content) {
            validateApplication(shown, *content);
            out.push_back({id, *content, sha256Hex(*content)});
        }
    }
    return out;
}

std::string NodeStore::writeApplication(const NodeName& name, const std::string& id,
                                        std::string_view content, std::string_view expectedDigest,
                                        uid_t caller) {
    const std::string shown = applicationPath(name, id);
    validateApplication(shown, content);
    const SafeDir base = openTrustedNodeDir(name);
    std::optional<SafeDir> apps = openApplicationsDir(name, base);
    const std::string file = applicationFileName(id);
    const std::optional<std::string> current =
        apps ? readApplicationFile(*apps, file, shown) : std::nullopt;
    const std::string currentDigest = current ? sha256Hex(*current) : std::string();
    requireUnchanged(shown, currentDigest, expectedDigest);
    const std::string dirName(kApplicationsDirName);
    const bool created = !apps;
    try {
        if (created) {
            base.makeDirectory(dirName, kDirMode);
            apps.emplace(base.openSubdir(dirName));
        }
        apps->writeFileAtomically(file, content, kConfigMode);
    } catch (const HelperError& error) {
        if (created) {
            removeCreatedDirectory(base, dirName);
        }
        throw namingFile(shown, error);
    }
    const std::string newDigest = sha256Hex(content);
    m_journal.append(JournalEntry::change(
        caller, QStringLiteral("application.write"), QString::fromStdString(name.text()),
        QString::fromStdString(dirName + "/" + file), QString::fromStdString(currentDigest),
        QString::fromStdString(newDigest)));
    return newDigest;
}

void NodeStore::removeApplication(const NodeName& name, const std::string& id,
                                  std::string_view expectedDigest, uid_t caller) {
    const std::string shown = applicationPath(name, id);
    const SafeDir base = openTrustedNodeDir(name);
    const std::optional<SafeDir> apps = openApplicationsDir(name, base);
    const std::string file = applicationFileName(id);
    const std::optional<std::string> current =
        apps ? readApplicationFile(*apps, file, shown) : std::nullopt;
    if (!current) {
        throw HelperError(ErrorKind::NotFound, shown + " does not exist");
    }
    const std::string currentDigest = sha256Hex(*current);
    requireUnchanged(shown, currentDigest, expectedDigest);
    try {
        apps->removeFile(file);
    } catch (const HelperError& error) {
        throw namingFile(shown, error);
    }
    m_journal.append(JournalEntry::change(
        caller, QStringLiteral("application.remove"), QString::fromStdString(name.text()),
        QString::fromStdString(std::string(kApplicationsDirName) + "/" + file),
        QString::fromStdString(currentDigest), {}));
}

std::string NodeStore::withNodeHeaders(const NodeName& name, FileKind kind, std::string_view text,
                                       const std::string& uuid, uid_t caller) const {
    const std::string fileName = name.text() + "/etc/" + currentName(kind);
    const ValidationResult given = validateConfigText(text, fileName);
    if (!given.ok()) {
        throw HelperError(ErrorKind::InvalidConfig,
                          given.error ? given.error->format() : fileName + ": invalid");
    }
    // Same headers as `redconf create`: the alias is the node's name, a fresh UUID, the
    // given info or who created it.
    Headers headers;
    headers.alias.value = name.leaf();
    headers.name = Setting<std::string>{uuid, {}};
    headers.info =
        given.config->headers.info
            ? *given.config->headers.info
            : Setting<std::string>{
                  "created by uid " + std::to_string(caller) + " through redpak-helper", {}};
    std::string result;
    try {
        result = replaceHeaders(text, fileName, headers);
    } catch (const InputError& error) {
        throw HelperError(ErrorKind::InvalidConfig, error.diagnostic().format());
    }
    validate(name, kind, result);
    return result;
}

void NodeStore::createNodeFromTemplate(const NodeName& name, const std::string& templateName,
                                       uid_t caller) {
    const std::optional<Template> found = findTemplate(templateName);
    if (!found) {
        throw HelperError(ErrorKind::NotFound, "no template named \"" + templateName + "\"");
    }
    createNode(name, found->normal, found->admin, caller);
}

void NodeStore::createNode(const NodeName& name, std::string_view givenNormal,
                           std::string_view givenAdmin, uid_t caller) {
    if (name.isRoot()) {
        throw HelperError(ErrorKind::InvalidName, "a node root cannot be created");
    }
    const std::string uuid = newUuid();
    const std::string normal = withNodeHeaders(name, FileKind::Normal, givenNormal, uuid, caller);
    const std::string admin =
        givenAdmin.empty() ? std::string()
                           : withNodeHeaders(name, FileKind::Admin, givenAdmin, uuid, caller);
    const SafeDir parent =
        SafeDir::openTrusted(rootOf(name).path).openSubdir(name.parent().components);
    const std::string leaf = name.leaf();
    if (parent.statEntry(leaf)) {
        throw HelperError(ErrorKind::AlreadyExists, name.text() + " already exists");
    }
    parent.makeDirectory(leaf, kDirMode);
    try {
        const SafeDir base = parent.openSubdir(leaf);
        base.makeDirectory(kEtc, kDirMode);
        const SafeDir etc = base.openSubdir(kEtc);
        etc.writeFileAtomically(currentName(FileKind::Normal), normal, kConfigMode);
        if (!admin.empty()) {
            etc.writeFileAtomically(currentName(FileKind::Admin), admin, kConfigMode);
        }
        NodeStatus status;
        status.realpath = pathOf(name).string();
        status.timestamp = nowMs();
        status.info = "created by uid " + std::to_string(caller) + " through redpak-helper";
        base.writeFileAtomically(kStatusFile, writeStatus(status), kConfigMode);
    } catch (...) {
        parent.removeTree(leaf);
        throw;
    }
    const QString node = QString::fromStdString(name.text());
    m_journal.append(JournalEntry::change(caller, QStringLiteral("node.create"), node,
                                          kindText(FileKind::Normal), {},
                                          QString::fromStdString(sha256Hex(normal))));
    if (!admin.empty()) {
        m_journal.append(JournalEntry::change(caller, QStringLiteral("node.create"), node,
                                              kindText(FileKind::Admin), {},
                                              QString::fromStdString(sha256Hex(admin))));
    }
}

void NodeStore::deleteNode(const NodeName& name, uid_t caller) {
    if (name.isRoot()) {
        throw HelperError(ErrorKind::InvalidName, "a node root cannot be deleted");
    }
    const SafeDir base = openNodeDir(name);
    if (containsNode(base, 0)) {
        throw HelperError(ErrorKind::InvalidArgument,
                          name.text() + " contains other rednodes; delete them first");
    }
    const ConfigFileContent normal = readConfig(name, FileKind::Normal);
    const SafeDir parent =
        SafeDir::openTrusted(rootOf(name).path).openSubdir(name.parent().components);
    parent.removeTree(name.leaf());
    m_journal.append(JournalEntry::change(
        caller, QStringLiteral("node.delete"), QString::fromStdString(name.text()),
        kindText(FileKind::Normal), QString::fromStdString(normal.digest), {}));
}

std::string NodeStore::nameOfPath(const NodeName& name, const std::filesystem::path& path) const {
    const NodeRoot& root = rootOf(name);
    const std::filesystem::path relative = path.lexically_relative(root.path);
    if (relative.empty() || *relative.begin() == "..") {
        throw HelperError(ErrorKind::UnsafeNode, path.string() + " (family of " + name.text() +
                                                     ") is outside the node root " +
                                                     root.path.string());
    }
    return relative == "." ? root.label : root.label + "/" + relative.string();
}

void NodeStore::checkFamilyTrusted(const NodeName& name) const {
    openNodeDir(name); // NotFound for a name that is not a rednode, before core looks
    std::vector<NodeLocation> family;
    try {
        family = locateFamily(pathOf(name));
    } catch (const InputError& error) {
        throw HelperError(ErrorKind::InvalidConfig, error.diagnostic().format());
    }
    for (const NodeLocation& member : family) {
        const std::string memberName = nameOfPath(name, member.base);
        const SafeDir base = SafeDir::openTrusted(member.base);
        const SafeDir etc = base.openSubdir(kEtc);
        if (!isTrustedDirectory(etc.statSelf())) {
            throw HelperError(ErrorKind::UnsafeNode,
                              memberName + "/etc is not owned by root or is writable by others");
        }
        const auto checkFile = [&](const SafeDir& dir, const std::filesystem::path& file,
                                   const std::string& shown) {
            const auto info = dir.statEntry(file.filename().string());
            if (!info || !isTrustedFile(*info)) {
                throw HelperError(ErrorKind::UnsafeNode,
                                  shown + " is not a regular file owned by root and unwritable "
                                          "by group and others");
            }
        };
        checkFile(base, member.statusFile, memberName + "/" + kStatusFile);
        checkFile(etc, member.normalConfig,
                  memberName + "/etc/" + member.normalConfig.filename().string());
        if (member.adminConfig) {
            checkFile(etc, *member.adminConfig,
                      memberName + "/etc/" + member.adminConfig->filename().string());
        }
    }
}

std::string NodeStore::recordApproval(const NodeName& name,
                                      const std::vector<ReviewedFile>& reviewed,
                                      const std::string& comment, uid_t caller) {
    checkFamilyTrusted(name);
    AuditRecord record;
    try {
        record = makeAuditRecord(pathOf(name), approverFor(caller), comment);
    } catch (const InputError& error) {
        throw HelperError(ErrorKind::InvalidConfig, error.diagnostic().format());
    }
    std::vector<ReviewedFile> current;
    for (const AuditedFile& file : record.files) {
        current.push_back({nameOfPath(name, file.path), file.digest});
    }
    if (current != reviewed) {
        throw HelperError(ErrorKind::StaleDigest, "the files of the family of " + name.text() +
                                                      " differ from the reviewed ones");
    }
    const std::string json = formatAuditRecord(record);
    openNodeDir(name).writeFileAtomically(std::string(kAuditRecordName), json, kConfigMode);
    const std::string digest = sha256Hex(json);
    m_journal.append(JournalEntry::change(caller, QStringLiteral("audit.approve"),
                                          QString::fromStdString(name.text()), QString(), QString(),
                                          QString::fromStdString(digest)));
    return digest;
}

} // namespace redpak::helper
