// SPDX-License-Identifier: Apache-2.0
// File access to the rednodes of one opened root. The GUI never opens config files itself:
// a user-owned root is served by LocalNodeStore, a system root by HelperNodeStore (D-Bus).
// Calls are asynchronous (the helper may ask polkit); `done` runs later on the GUI thread,
// and not at all once `context` is destroyed.
#pragma once

#include "redpak/merge/merge.h"
#include "redpak/review/audit_status.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <vector>

namespace redpak::gui {

// Normal (etc/redpak.yaml) or admin (etc/redpak-admin.yaml) file; same numbering as the
// helper's KIND argument.
using redpak::ConfigKind;

// Why a store call failed; the GUI translates these, stores never return translated text.
enum class StoreError {
    None,
    NotFound,
    AlreadyExists,
    StaleDigest,
    InvalidConfig,
    NotAuthorized,
    Failed
};

struct StoreResult {
    StoreError error = StoreError::None;
    QString detail; // English detail from the system or the helper

    bool ok() const { return error == StoreError::None; }
};

struct ConfigFileContent {
    StoreResult result;
    bool exists = false; // false for an absent admin config
    QString text;
    QByteArray digest; // lower-case hex SHA-256 of the bytes; empty when the file is absent
};

struct WriteReply {
    StoreResult result;
    QByteArray newDigest;
};

// One application of a node (BASE/applications/ID.desktop, core tree/applications.h) as the
// store read it.
struct ApplicationFile {
    QString id;        // desktop file ID without ".desktop"
    QString text;      // the desktop entry
    QByteArray digest; // lower-case hex SHA-256 of its bytes: what a change is based on
};

struct ApplicationList {
    StoreResult result;
    QList<ApplicationFile> applications; // sorted by ID
};

// A file of a node's family as the user reviewed it before approving (core launch/audit_record.h's
// currentFamilyFiles order: root first; status, normal and admin file of each node).
struct ReviewedFile {
    QString path;      // absolute
    QByteArray digest; // lower-case hex SHA-256 of the bytes reviewed

    bool operator==(const ReviewedFile&) const = default;
};

class NodeStore {
public:
    virtual ~NodeStore() = default;

    // Absolute path of the root this store serves.
    virtual QString rootPath() const = 0;
    // True when writes go through the privileged helper (the reviewed digest matters).
    virtual bool usesHelper() const = 0;

    virtual void readConfig(const QString& nodeDir, ConfigKind kind, QObject* context,
                            std::function<void(const ConfigFileContent&)> done) = 0;
    // Replaces the file only if its current digest is `expectedDigest` ("" = file absent).
    virtual void writeConfig(const QString& nodeDir, ConfigKind kind, const QString& text,
                             const QByteArray& expectedDigest, QObject* context,
                             std::function<void(const WriteReply&)> done) = 0;
    // Creates node `parentDir/dirName` (alias = dirName) from a template.
    virtual void createNode(const QString& parentDir, const QString& dirName,
                            const QString& templateName, QObject* context,
                            std::function<void(const StoreResult&)> done) = 0;
    // Deletes a node that has no child node.
    virtual void deleteNode(const QString& nodeDir, QObject* context,
                            std::function<void(const StoreResult&)> done) = 0;
    // Records the family of the node at `nodeDir` as approved with `comment` (core audit record,
    // written by the user for a local root, root-owned by the helper for a system one), provided
    // its files are exactly `reviewed`: else StaleDigest, and nothing is written.
    virtual void recordApproval(const QString& nodeDir, const QList<ReviewedFile>& reviewed,
                                const QString& comment, QObject* context,
                                std::function<void(const StoreResult&)> done) = 0;

    // The applications of the node at `nodeDir`, each checked by core (ID, desktop-entry
    // parser): an invalid one fails the list with InvalidConfig naming its file and line.
    virtual void listApplications(const QString& nodeDir, QObject* context,
                                  std::function<void(const ApplicationList&)> done) = 0;
    // Writes application `id` with the desktop entry `text` (validated by core first) only if
    // its current digest is `expectedDigest` ("" = it does not exist): else StaleDigest, and
    // nothing is written.
    virtual void writeApplication(const QString& nodeDir, const QString& id, const QString& text,
                                  const QByteArray& expectedDigest, QObject* context,
                                  std::function<void(const WriteReply&)> done) = 0;
    // Removes application `id` only if its current digest is `expectedDigest`.
    virtual void removeApplication(const QString& nodeDir, const QString& id,
                                   const QByteArray& expectedDigest, QObject* context,
                                   std::function<void(const StoreResult&)> done) = 0;
};

// Core's audited files (path and digest) as ReviewedFile, in the same order.
QList<ReviewedFile> reviewedFiles(const std::vector<AuditedFile>& files);

// The files of the family of the node at `nodeDir` as they are now, in the order
// recordApproval expects. Throws InputError (not a rednode, unreadable file).
QList<ReviewedFile> currentReviewedFiles(const QString& nodeDir);

// Lower-case hex SHA-256, the digest format shared with the helper.
QByteArray contentDigest(const QByteArray& bytes);

// Path of config file `kind` of the node at `nodeDir` (current names; legacy names when only
// they exist).
QString configFilePath(const QString& nodeDir, ConfigKind kind);

} // namespace redpak::gui
