// SPDX-License-Identifier: Apache-2.0
#include "localnodestore.h"

#include "redpak/base/diagnostic.h"
#include "redpak/base/safe_file.h"
#include "redpak/config/parser.h"
#include "redpak/review/audit_status.h"
#include "redpak/tree/applications.h"
#include "redpak/tree/create.h"
#include "redpak/tree/family_snapshot.h"
#include "redpak/tree/node.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <optional>
#include <string_view>
#include <sys/stat.h>
#include <utility>

namespace redpak::gui {

namespace {

// A new config gets the mode `redconf create` gives; a replaced one keeps its permission bits,
// minus group/other write (a config others can rewrite is refused by the rules).
mode_t configMode(const QString& path) {
    struct stat info {};
    if (::lstat(QFile::encodeName(path).constData(), &info) == 0 && S_ISREG(info.st_mode)) {
        return info.st_mode & 0755;
    }
    return 0644;
}

// Runs `done(value)` on the next event-loop turn, like a reply from the helper would, so
// callers see the same ordering with both stores.
template <typename T>
void deliverLater(QObject* context, std::function<void(const T&)> done, T value) {
    QMetaObject::invokeMethod(
        context, [done = std::move(done), value = std::move(value)] { done(value); },
        Qt::QueuedConnection);
}

StoreResult failure(StoreError error, const QString& detail) {
    return StoreResult{error, detail};
}

StoreResult failure(StoreError error, const InputError& cause) {
    return failure(error, QString::fromStdString(cause.diagnostic().format()));
}

// The current bytes of application `id` of the node at `base` (nullopt when it has none), the
// ID checked by core first. Throws InputError.
std::optional<QByteArray> currentApplication(const std::filesystem::path& base,
                                             const std::string& id) {
    const std::filesystem::path file = applicationsDirectory(base) / applicationFileName(id);
    requireValidApplicationId(id, file);
    struct stat info {};
    if (::lstat(file.c_str(), &info) != 0) {
        return std::nullopt;
    }
    return QByteArray::fromStdString(readLimitedFile(file, kMaxDesktopEntryBytes));
}

StoreResult staleApplication(const QString& nodeDir, const QString& id) {
    return failure(StoreError::StaleDigest,
                   nodeDir + QStringLiteral("/applications/") + id +
                       QStringLiteral(".desktop: changed since it was read"));
}

} // namespace

LocalNodeStore::LocalNodeStore(QString rootPath) : m_rootPath(std::move(rootPath)) {}

ConfigFileContent LocalNodeStore::read(const QString& nodeDir, ConfigKind kind) {
    ConfigFileContent content;
    const QString path = configFilePath(nodeDir, kind);
    if (!QFileInfo::exists(path)) {
        if (kind == ConfigKind::Admin) {
            return content; // an absent admin config is normal: nothing to read
        }
        content.result = failure(StoreError::NotFound, path + QStringLiteral(": no such file"));
        return content;
    }
    try {
        const std::string bytes = readLimitedFile(path.toStdString());
        const QByteArray raw = QByteArray::fromStdString(bytes);
        content.exists = true;
        content.text = QString::fromUtf8(raw);
        content.digest = contentDigest(raw);
    } catch (const InputError& error) {
        content.result =
            failure(StoreError::Failed, QString::fromStdString(error.diagnostic().format()));
    }
    return content;
}

WriteReply LocalNodeStore::write(const QString& nodeDir, ConfigKind kind, const QString& text,
                                 const QByteArray& expectedDigest) {
    WriteReply reply;
    const QString path = configFilePath(nodeDir, kind);
    const ConfigFileContent current = read(nodeDir, kind);
    if (!current.result.ok() && current.result.error != StoreError::NotFound) {
        reply.result = current.result;
        return reply;
    }
    if (current.digest != expectedDigest) {
        reply.result =
            failure(StoreError::StaleDigest, path + QStringLiteral(": changed since it was read"));
        return reply;
    }
    const QByteArray bytes = text.toUtf8();
    // The same parser as the helper's boundary: a file the launcher would refuse is never saved.
    const ValidationResult validation = validateConfigText(bytes.toStdString(), path.toStdString());
    if (!validation.ok()) {
        reply.result =
            failure(StoreError::InvalidConfig, QString::fromStdString(validation.error->format()));
        return reply;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    try {
        // Core's atomic write: never follows a symlinked config and fsyncs the file and the
        // directory.
        writeFileAtomically(
            path.toStdString(),
            std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
            configMode(path));
    } catch (const InputError& error) {
        reply.result =
            failure(StoreError::Failed, QString::fromStdString(error.diagnostic().format()));
        return reply;
    }
    reply.newDigest = contentDigest(bytes);
    return reply;
}

void LocalNodeStore::readConfig(const QString& nodeDir, ConfigKind kind, QObject* context,
                                std::function<void(const ConfigFileContent&)> done) {
    deliverLater(context, std::move(done), read(nodeDir, kind));
}

void LocalNodeStore::writeConfig(const QString& nodeDir, ConfigKind kind, const QString& text,
                                 const QByteArray& expectedDigest, QObject* context,
                                 std::function<void(const WriteReply&)> done) {
    deliverLater(context, std::move(done), write(nodeDir, kind, text, expectedDigest));
}

void LocalNodeStore::createNode(const QString& parentDir, const QString& dirName,
                                const QString& templateName, QObject* context,
                                std::function<void(const StoreResult&)> done) {
    StoreResult result;
    const QString dir = QDir(parentDir).filePath(dirName);
    if (QFileInfo::exists(dir)) {
        result = failure(StoreError::AlreadyExists, dir);
    } else {
        try {
            CreateOptions options;
            options.dir = dir.toStdString();
            options.alias = dirName.toStdString();
            options.templateName = templateName.toStdString();
            redpak::createNode(options);
        } catch (const InputError& error) {
            result = failure(StoreError::InvalidConfig,
                             QString::fromStdString(error.diagnostic().format()));
        }
    }
    deliverLater(context, std::move(done), result);
}

void LocalNodeStore::deleteNode(const QString& nodeDir, QObject* context,
                                std::function<void(const StoreResult&)> done) {
    StoreResult result;
    const auto tree = enumerateTree(nodeDir.toStdString());
    if (QDir::cleanPath(nodeDir) == QDir::cleanPath(m_rootPath)) {
        // Same rule as the helper: a root is not deleted from the GUI.
        result = failure(StoreError::Failed, nodeDir + QStringLiteral(": is an opened root"));
    } else if (tree.empty()) {
        result = failure(StoreError::NotFound, nodeDir + QStringLiteral(": not a rednode"));
    } else if (tree.size() > 1) {
        // Same rule as the helper: children are deleted first, explicitly.
        result = failure(StoreError::Failed, nodeDir + QStringLiteral(": holds other rednodes"));
    } else if (!QDir(nodeDir).removeRecursively()) {
        result = failure(StoreError::Failed, nodeDir + QStringLiteral(": could not be removed"));
    }
    deliverLater(context, std::move(done), result);
}

void LocalNodeStore::recordApproval(const QString& nodeDir, const QList<ReviewedFile>& reviewed,
                                    const QString& comment, QObject* context,
                                    std::function<void(const StoreResult&)> done) {
    StoreResult result;
    std::optional<AuditRecord> record;
    try {
        record = makeAuditRecord(nodeDir.toStdString(), currentApprover(), comment.toStdString());
    } catch (const InputError& error) {
        // Not a rednode, or a family that does not merge: nothing meaningful to approve.
        result =
            failure(StoreError::InvalidConfig, QString::fromStdString(error.diagnostic().format()));
    }
    if (record) {
        // Same rule as the helper: only what the user saw is approved.
        if (reviewedFiles(record->files) != reviewed) {
            result = failure(StoreError::StaleDigest,
                             nodeDir + QStringLiteral(": the files of its family differ from the "
                                                      "reviewed ones"));
        } else {
            try {
                writeAuditRecord(record->node, *record);
            } catch (const InputError& error) {
                result = failure(StoreError::Failed,
                                 QString::fromStdString(error.diagnostic().format()));
            }
        }
    }
    deliverLater(context, std::move(done), result);
}

ApplicationList LocalNodeStore::applications(const QString& nodeDir) {
    ApplicationList list;
    try {
        const FamilySnapshot family = FamilySnapshot::open(nodeDir.toStdString());
        // leafApplications checks every ID and entry; its order is the snapshot's.
        const std::vector<NodeApplication> checked = leafApplications(family);
        const std::vector<SnapshotFile>& files = family.leaf().applications;
        for (std::size_t i = 0; i < checked.size(); ++i) {
            const QByteArray bytes = QByteArray::fromStdString(files[i].content);
            list.applications.append({QString::fromStdString(checked[i].id),
                                      QString::fromUtf8(bytes), contentDigest(bytes)});
        }
    } catch (const InputError& error) {
        list.result = failure(StoreError::InvalidConfig, error);
    }
    return list;
}

WriteReply LocalNodeStore::putApplication(const QString& nodeDir, const QString& id,
                                          const QString& text, const QByteArray& expectedDigest) {
    WriteReply reply;
    const std::filesystem::path base = nodeDir.toStdString();
    const QByteArray bytes = text.toUtf8();
    try {
        const std::optional<QByteArray> current = currentApplication(base, id.toStdString());
        if ((current ? contentDigest(*current) : QByteArray()) != expectedDigest) {
            reply.result = staleApplication(nodeDir, id);
            return reply;
        }
        // Core validates the entry and writes it atomically.
        redpak::writeApplication(base, id.toStdString(), bytes.toStdString());
    } catch (const InputError& error) {
        reply.result = failure(StoreError::InvalidConfig, error);
        return reply;
    }
    reply.newDigest = contentDigest(bytes);
    return reply;
}

StoreResult LocalNodeStore::deleteApplication(const QString& nodeDir, const QString& id,
                                              const QByteArray& expectedDigest) {
    const std::filesystem::path base = nodeDir.toStdString();
    try {
        const std::optional<QByteArray> current = currentApplication(base, id.toStdString());
        if (!current) {
            return failure(StoreError::NotFound,
                           nodeDir + QStringLiteral(": no application ") + id);
        }
        if (contentDigest(*current) != expectedDigest) {
            return staleApplication(nodeDir, id);
        }
        redpak::removeApplication(base, id.toStdString());
    } catch (const InputError& error) {
        return failure(StoreError::Failed, error);
    }
    return {};
}

void LocalNodeStore::listApplications(const QString& nodeDir, QObject* context,
                                      std::function<void(const ApplicationList&)> done) {
    deliverLater(context, std::move(done), applications(nodeDir));
}

void LocalNodeStore::writeApplication(const QString& nodeDir, const QString& id,
                                      const QString& text, const QByteArray& expectedDigest,
                                      QObject* context,
                                      std::function<void(const WriteReply&)> done) {
    deliverLater(context, std::move(done), putApplication(nodeDir, id, text, expectedDigest));
}

void LocalNodeStore::removeApplication(const QString& nodeDir, const QString& id,
                                       const QByteArray& expectedDigest, QObject* context,
                                       std::function<void(const StoreResult&)> done) {
    deliverLater(context, std::move(done), deleteApplication(nodeDir, id, expectedDigest));
}

} // namespace redpak::gui
