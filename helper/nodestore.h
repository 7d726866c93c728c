// SPDX-License-Identifier: Apache-2.0
// The nodes the helper serves, addressed by NodeName under the roots of helper.conf. All file
// work goes through SafeDir (directory descriptors, no symlink followed); every change is
// validated by the core parser and the node identity rules first, and journaled. Not thread-safe:
// the service runs the operations of one NodeStore one at a time.
#pragma once

#include "helperconfig.h"
#include "journal.h"
#include "nodeidentity.h"
#include "nodename.h"
#include "safedir.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace redpak::helper {

enum class FileKind { Normal, Admin };

// Caps on what callers send.
inline constexpr std::size_t kMaxCommentBytes = 4096;

// A file of a family as a caller names it: NodeName-style path ("system/app/etc/redpak.yaml",
// "system/app/.rednode.yaml") and SHA-256.
struct ReviewedFile {
    std::string file;
    std::string digest;
    friend bool operator==(const ReviewedFile&, const ReviewedFile&) = default;
};

// One desktop entry of a node (NODE/applications/ID.desktop) as read.
struct ApplicationFile {
    std::string id;
    std::string content;
    std::string digest;
};

struct ConfigFileContent {
    bool exists = false;
    std::string content;
    std::string digest; // empty when !exists
};

class NodeStore {
public:
    NodeStore(HelperConfig config, Journal& journal);
    // m_identities refers to m_config.
    NodeStore(const NodeStore&) = delete;
    NodeStore& operator=(const NodeStore&) = delete;

    const HelperConfig& config() const { return m_config; }
    Journal& journal() const { return m_journal; }
    // The identities `set-user` / `set-group` may name (checked at every write and launch).
    const NodeIdentityPolicy& identities() const { return m_identities; }

    // Absolute path of the node directory (for core functions that take paths).
    std::filesystem::path pathOf(const NodeName& name) const;

    ConfigFileContent readConfig(const NodeName& name, FileKind kind) const;

    // "NODE/etc/redpak.yaml" (or redpak-admin.yaml): how refusals name a config file.
    static std::string configPath(const NodeName& name, FileKind kind);

    // Replaces the file when its digest is still `expectedDigest` ("" = absent). An empty
    // `content` removes an admin config. Returns the new digest ("" when removed).
    std::string writeConfig(const NodeName& name, FileKind kind, std::string_view content,
                            std::string_view expectedDigest, uid_t caller);

    // "NODE/applications/ID.desktop": how refusals name an application. Throws
    // HelperError(InvalidArgument) when `id` is not a valid application ID (core's rule).
    static std::string applicationPath(const NodeName& name, const std::string& id);

    // The applications of `name`, sorted by ID, each checked by core's desktop-entry parser.
    // Every write, removal and listing of applications first requires the family, the node's
    // directory and its applications/ to be root-owned and unwritable by others
    // (HelperError(UnsafeNode)); symbolic and hard links are refused (InvalidConfig from core's
    // reading of the family, Failed when met by the directory descriptors).
    std::vector<ApplicationFile> listApplications(const NodeName& name) const;
    // Replaces (or adds) application `id` when its digest is still `expectedDigest` ("" =
    // absent), `content` validated first; creates applications/ (root, 0755) when missing.
    // Returns the new digest. Journaled as "application.write".
    std::string writeApplication(const NodeName& name, const std::string& id,
                                 std::string_view content, std::string_view expectedDigest,
                                 uid_t caller);
    // Removes application `id` when its digest is still `expectedDigest`. Journaled as
    // "application.remove".
    void removeApplication(const NodeName& name, const std::string& id,
                           std::string_view expectedDigest, uid_t caller);

    // Creates the node with the given configs (admin: none when empty), their headers set
    // like `redconf create` does (alias = last name component, fresh UUID). The status file
    // is written last: a node half created is not a node, and is removed.
    void createNode(const NodeName& name, std::string_view normal, std::string_view admin,
                    uid_t caller);
    void createNodeFromTemplate(const NodeName& name, const std::string& templateName,
                                uid_t caller);

    void deleteNode(const NodeName& name, uid_t caller);

    // Refuses (HelperError(UnsafeNode)) a family with a directory, status or config file
    // that is not root-owned or is writable by group or others, or that lies outside the node
    // root: core reads these files again by path, which is only safe when nobody but root can
    // change what the paths lead to.
    void checkFamilyTrusted(const NodeName& name) const;

    // Writes the core audit record (launch/audit_record.h) of `name`, root-owned, when `reviewed`
    // names exactly the files of the family as they are (core currentFamilyFiles order), else
    // HelperError(StaleDigest). Returns the SHA-256 of the record written.
    std::string recordApproval(const NodeName& name, const std::vector<ReviewedFile>& reviewed,
                               const std::string& comment, uid_t caller);

private:
    const NodeRoot& rootOf(const NodeName& name) const;
    // "LABEL/REL/PATH" of an absolute path below the root of `name`; UnsafeNode otherwise.
    std::string nameOfPath(const NodeName& name, const std::filesystem::path& path) const;
    SafeDir openNodeDir(const NodeName& name) const; // must hold a status file
    // openNodeDir of a node whose family checkFamilyTrusted accepts, the directory itself
    // checked on its descriptor.
    SafeDir openTrustedNodeDir(const NodeName& name) const;
    // NODE/applications below `base`, nullopt when absent; refused unless a trusted directory.
    std::optional<SafeDir> openApplicationsDir(const NodeName& name, const SafeDir& base) const;
    void validate(const NodeName& name, FileKind kind, std::string_view content) const;
    std::string withNodeHeaders(const NodeName& name, FileKind kind, std::string_view text,
                                const std::string& uuid, uid_t caller) const;

    HelperConfig m_config;
    NodeIdentityPolicy m_identities{m_config};
    Journal& m_journal;
};

} // namespace redpak::helper
