// SPDX-License-Identifier: Apache-2.0
// Discovery of rednodes on descriptors and the read-once family snapshot.
#include "redpak/tree/family_snapshot.h"

#include "redpak/base/diagnostic.h"
#include "redpak/base/privileges.h"
#include "redpak/base/trust.h"
#include "redpak/config/parser.h"
#include "redpak/tree/applications.h"
#include "tree/node_discovery.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace redpak {

namespace detail {

namespace {

[[noreturn]] void failErrno(const fs::path& path, const std::string& what, int error) {
    throw InputError(Diagnostic{path.string(), 0, 0, what + ": " + std::strerror(error)});
}

// Whether `name` exists in `dirFd` (a final symlink counts as existing, it is refused when
// opened). Only "does not exist" answers no: taking another failure (EACCES, EIO...) for "no
// such file" would silently cut a node from the parents whose restrictions apply to it.
bool entryExists(int dirFd, std::string_view name, const fs::path& shown) {
    struct stat info {};
    if (::fstatat(dirFd, std::string(name).c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0) {
        return true;
    }
    if (errno == ENOENT || errno == ENOTDIR) {
        return false;
    }
    failErrno(shown, "cannot check for this file", errno);
}

// The node's etc/ must be its own directory: through a link to another directory, the node
// would read (and its owner would control) files that are not the node's.
UniqueFd openEtc(int dirFd, const fs::path& etcPath) {
    UniqueFd etc(::openat(dirFd, "etc", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (etc.valid()) {
        return etc;
    }
    const int error = errno;
    struct stat info {};
    if (::fstatat(dirFd, "etc", &info, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) {
            return etc; // reported as a missing configuration
        }
        failErrno(etcPath, "cannot check this directory", errno);
    }
    if (S_ISLNK(info.st_mode)) {
        throw InputError(Diagnostic{etcPath.string(), 0, 0,
                                    "is a symbolic link; a rednode's etc/ must be a real "
                                    "directory of the node"});
    }
    if (!S_ISDIR(info.st_mode)) {
        throw InputError(Diagnostic{etcPath.string(), 0, 0, "is not a directory"});
    }
    failErrno(etcPath, "cannot open this directory", error);
}

// The current name when it exists in etc/, else the legacy one when it exists.
std::optional<fs::path> findConfig(const UniqueFd& etc, const fs::path& base,
                                   std::string_view current, std::string_view legacy) {
    if (!etc.valid()) {
        return std::nullopt;
    }
    for (const std::string_view name : {current, legacy}) {
        const fs::path file = base / name;
        if (entryExists(etc.get(), file.filename().string(), file)) {
            return file;
        }
    }
    return std::nullopt;
}

} // namespace

UniqueFd openGivenDirectory(const fs::path& dir, int access) {
    UniqueFd fd(::open(dir.c_str(), access | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid() && errno != ENOENT && errno != ENOTDIR) {
        failErrno(dir, "cannot open", errno);
    }
    return fd;
}

fs::path pathOfDirectory(int fd, const fs::path& given) {
    const std::string link = "/proc/self/fd/" + std::to_string(fd);
    char buffer[PATH_MAX];
    const ssize_t length = ::readlink(link.c_str(), buffer, sizeof buffer);
    if (length <= 0 || static_cast<std::size_t>(length) >= sizeof buffer || buffer[0] != '/') {
        throw InputError(
            Diagnostic{given.string(), 0, 0, "cannot resolve the directory (is /proc mounted?)"});
    }
    return fs::path(std::string(buffer, static_cast<std::size_t>(length)));
}

std::optional<ProbedNode> probeNode(int dirFd, const fs::path& base) {
    if (!entryExists(dirFd, kStatusFileName, base / kStatusFileName)) {
        return std::nullopt;
    }
    ProbedNode node;
    node.etc = openEtc(dirFd, base / "etc");
    node.location.base = base;
    node.location.statusFile = base / kStatusFileName;
    node.location.normalConfig =
        findConfig(node.etc, base, kNormalConfigName, kLegacyNormalConfigName)
            .value_or(base / kNormalConfigName);
    node.location.adminConfig =
        findConfig(node.etc, base, kAdminConfigName, kLegacyAdminConfigName);
    return node;
}

} // namespace detail

namespace {

using detail::UniqueFd;

// Opens and reads the files of one node, applying the family's rules on each descriptor.
class NodeReader {
public:
    explicit NodeReader(FamilyTrust trust) : m_trust(trust) {}

    // A directory of the family (node directory, etc/).
    FileIdentity directory(int fd, const fs::path& path) const {
        const FileIdentity identity = detail::statOpened(fd, path.string());
        trust(identity, path);
        return identity;
    }

    // The file `path` (its file name, in `dirFd`); nullopt when it does not exist and
    // `optional`. `withContent`: false reads nothing (identity only).
    std::optional<SnapshotFile> file(int dirFd, const fs::path& path, bool optional,
                                     std::size_t maxBytes, bool withContent = true) const {
        const std::string name = path.filename().string();
        const UniqueFd fd(
            ::openat(dirFd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
        if (!fd.valid()) {
            if (errno == ENOENT && optional) {
                return std::nullopt;
            }
            if (errno == ELOOP) {
                throw InputError(Diagnostic{path.string(), 0, 0,
                                            "is a symbolic link; rednode files must be regular "
                                            "files"});
            }
            throw InputError(Diagnostic{path.string(), 0, 0,
                                        std::string("cannot open: ") + std::strerror(errno)});
        }
        SnapshotFile file{path, detail::statOpened(fd.get(), path.string()), {}};
        if (!S_ISREG(file.identity.mode)) {
            throw InputError(Diagnostic{path.string(), 0, 0, "is not a regular file"});
        }
        trust(file.identity, path);
        if (file.identity.links > 1) {
            throw InputError(Diagnostic{
                path.string(), 0, 0,
                "has " + std::to_string(file.identity.links) +
                    " hard links: a rednode file must have one name only (another name could "
                    "be inside a directory the node exports; risk analysis recommendation 4)"});
        }
        if (withContent) {
            file.content = detail::readOpenedFile(fd.get(), path.string(), maxBytes);
        }
        return file;
    }

    NodeSnapshot node(int dirFd, detail::ProbedNode probed, bool isLeaf) const {
        NodeSnapshot node;
        node.location = std::move(probed.location);
        const fs::path& base = node.location.base;
        node.directory = directory(dirFd, base);
        if (!probed.etc.valid()) {
            throw missingNormal(node.location);
        }
        node.etc = directory(probed.etc.get(), base / "etc");
        node.status = *file(dirFd, node.location.statusFile, false, kMaxConfigBytes);
        std::optional<SnapshotFile> normal =
            file(probed.etc.get(), node.location.normalConfig, true, kMaxConfigBytes);
        if (!normal) {
            throw missingNormal(node.location);
        }
        node.normal = std::move(*normal);
        if (node.location.adminConfig) {
            node.admin = file(probed.etc.get(), *node.location.adminConfig, false, kMaxConfigBytes);
        }
        node.auditRecord = file(dirFd, auditRecordPath(base), true, kMaxAuditRecordBytes, isLeaf);
        readApplications(dirFd, node, isLeaf);
        return node;
    }

private:
    // BASE/applications, a real directory of the node like etc/; its files for the leaf.
    void readApplications(int dirFd, NodeSnapshot& node, bool isLeaf) const {
        const fs::path path = applicationsDirectory(node.location.base);
        const UniqueFd apps(::openat(dirFd, std::string(kApplicationsDirName).c_str(),
                                     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!apps.valid()) {
            if (errno == ENOENT) {
                return;
            }
            if (errno == ELOOP || errno == ENOTDIR) {
                throw InputError(Diagnostic{path.string(), 0, 0,
                                            "is a symbolic link or not a directory; a rednode's "
                                            "applications/ must be a real directory of the node"});
            }
            detail::failErrno(path, "cannot open this directory", errno);
        }
        node.applicationsDir = directory(apps.get(), path);
        if (!isLeaf) {
            return;
        }
        for (const std::string& name : desktopFileNames(apps.get(), path)) {
            node.applications.push_back(
                *file(apps.get(), path / name, false, kMaxDesktopEntryBytes));
        }
    }

    // The names of the desktop entries in the directory open on `fd`, sorted.
    static std::vector<std::string> desktopFileNames(int fd, const fs::path& path) {
        DIR* listing = ::fdopendir(::dup(fd));
        if (!listing) {
            detail::failErrno(path, "cannot list this directory", errno);
        }
        std::vector<std::string> names;
        while (const dirent* entry = ::readdir(listing)) {
            names.emplace_back(entry->d_name);
        }
        ::closedir(listing);
        return applicationFileNames(std::move(names), path);
    }

    void trust(const FileIdentity& identity, const fs::path& path) const {
        if (m_trust == FamilyTrust::RootOnly) {
            requireTrustedRootObject(identity, path.string());
        }
    }

    static InputError missingNormal(const NodeLocation& node) {
        return InputError(
            Diagnostic{node.normalConfig.string(), 0, 0,
                       "missing normal configuration of rednode " + node.base.string()});
    }

    FamilyTrust m_trust;
};

// A family with more parents than review walks (`leaf`: the node launched).
InputError tooDeep(const NodeSnapshot& leaf) {
    return InputError(Diagnostic{
        leaf.location.base.string(), 0, 0,
        "the node has more than " + std::to_string(kMaxNodeDepth) +
            " levels of parent nodes, the depth limit of review (redconf tree, lint "
            "--recursive, audit status --recursive): what review cannot see is not launched"});
}

bool sameObject(const FileIdentity& a, const FileIdentity& b) {
    return a.device == b.device && a.inode == b.inode;
}

} // namespace

std::vector<FamilyObject> NodeSnapshot::objects() const {
    const fs::path& base = location.base;
    std::vector<FamilyObject> out{{base.string(), directory},
                                  {(base / "etc").string(), etc},
                                  {status.path.string(), status.identity},
                                  {normal.path.string(), normal.identity}};
    for (const std::optional<SnapshotFile>* file : {&admin, &auditRecord}) {
        if (*file) {
            out.push_back(FamilyObject{(*file)->path.string(), (*file)->identity});
        }
    }
    if (applicationsDir) {
        out.push_back(FamilyObject{applicationsDirectory(base).string(), *applicationsDir});
    }
    for (const SnapshotFile& application : applications) {
        out.push_back(FamilyObject{application.path.string(), application.identity});
    }
    return out;
}

FamilySnapshot FamilySnapshot::open(const fs::path& leafDir, FamilyTrust trust) {
    return open(leafDir, trust, KnownFamily());
}

FamilySnapshot FamilySnapshot::open(const fs::path& leafDir, FamilyTrust trust,
                                    const KnownFamily& known) {
    UniqueFd dir = detail::openGivenDirectory(leafDir, O_PATH);
    if (!dir.valid()) {
        throw InputError(
            Diagnostic{leafDir.string(), 0, 0, "not a directory (expected a rednode)"});
    }
    fs::path base = detail::pathOfDirectory(dir.get(), leafDir);
    std::optional<detail::ProbedNode> probed = detail::probeNode(dir.get(), base);
    if (!probed) {
        throw InputError(Diagnostic{leafDir.string(), 0, 0,
                                    "not a rednode: no " + std::string(kStatusFileName)});
    }
    const NodeReader reader(trust);
    FamilySnapshot snapshot;
    while (probed) {
        if (snapshot.m_members.size() > static_cast<std::size_t>(kMaxNodeDepth)) {
            throw tooDeep(snapshot.m_members.front());
        }
        snapshot.m_members.push_back(
            reader.node(dir.get(), std::move(*probed), snapshot.m_members.empty()));
        UniqueFd parent(::openat(dir.get(), "..", O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (!parent.valid()) {
            detail::failErrno(base.parent_path(), "cannot open the parent directory", errno);
        }
        const FileIdentity parentIdentity = detail::statOpened(parent.get(), base.string());
        if (sameObject(parentIdentity, snapshot.m_members.back().directory)) {
            break; // the file system root
        }
        if (const FamilySnapshot* above = known ? known(parentIdentity) : nullptr) {
            snapshot.adoptAncestors(*above);
            break;
        }
        base = base.parent_path();
        dir = std::move(parent);
        probed = detail::probeNode(dir.get(), base);
    }
    std::reverse(snapshot.m_members.begin(), snapshot.m_members.end());
    return snapshot;
}

void FamilySnapshot::adoptAncestors(const FamilySnapshot& above) {
    for (auto member = above.m_members.rbegin(); member != above.m_members.rend(); ++member) {
        m_members.push_back(*member);
        if (m_members.back().auditRecord) {
            m_members.back().auditRecord->content.clear(); // read for the leaf only
        }
    }
    if (m_members.size() > static_cast<std::size_t>(kMaxNodeDepth) + 1) {
        throw tooDeep(m_members.front());
    }
}

std::vector<NodeLocation> FamilySnapshot::locations() const {
    std::vector<NodeLocation> out;
    out.reserve(m_members.size());
    for (const NodeSnapshot& member : m_members) {
        out.push_back(member.location);
    }
    return out;
}

FamilyTrust launchTrust() {
    return hasPrivilege() ? FamilyTrust::RootOnly : FamilyTrust::AnyOwner;
}

NodeStatus snapshotStatus(const NodeSnapshot& node) {
    NodeStatus status = parseStatus(node.status.content, node.status.path.string());
    checkStatusRealpath(status, node.location);
    return status;
}

} // namespace redpak
