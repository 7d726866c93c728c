// SPDX-License-Identifier: Apache-2.0
// NodeStore for a root the user can write: plain file access, atomic replacement with core's
// writeFileAtomically (temp file, fsync, rename, fsync of the directory; a symlinked config is
// refused) guarded by the digest the user edited.
#pragma once

#include "nodestore.h"

namespace redpak::gui {

class LocalNodeStore final : public NodeStore {
public:
    explicit LocalNodeStore(QString rootPath);

    QString rootPath() const override { return m_rootPath; }
    bool usesHelper() const override { return false; }

    void readConfig(const QString& nodeDir, ConfigKind kind, QObject* context,
                    std::function<void(const ConfigFileContent&)> done) override;
    void writeConfig(const QString& nodeDir, ConfigKind kind, const QString& text,
                     const QByteArray& expectedDigest, QObject* context,
                     std::function<void(const WriteReply&)> done) override;
    void createNode(const QString& parentDir, const QString& dirName, const QString& templateName,
                    QObject* context, std::function<void(const StoreResult&)> done) override;
    void deleteNode(const QString& nodeDir, QObject* context,
                    std::function<void(const StoreResult&)> done) override;
    void recordApproval(const QString& nodeDir, const QList<ReviewedFile>& reviewed,
                        const QString& comment, QObject* context,
                        std::function<void(const StoreResult&)> done) override;

    void listApplications(const QString& nodeDir, QObject* context,
                          std::function<void(const ApplicationList&)> done) override;
    void writeApplication(const QString& nodeDir, const QString& id, const QString& text,
                          const QByteArray& expectedDigest, QObject* context,
                          std::function<void(const WriteReply&)> done) override;
    void removeApplication(const QString& nodeDir, const QString& id,
                           const QByteArray& expectedDigest, QObject* context,
                           std::function<void(const StoreResult&)> done) override;

    // Synchronous forms, used by the asynchronous ones and by tests.
    static ConfigFileContent read(const QString& nodeDir, ConfigKind kind);
    static WriteReply write(const QString& nodeDir, ConfigKind kind, const QString& text,
                            const QByteArray& expectedDigest);
    static ApplicationList applications(const QString& nodeDir);
    static WriteReply putApplication(const QString& nodeDir, const QString& id, const QString& text,
                                     const QByteArray& expectedDigest);
    static StoreResult deleteApplication(const QString& nodeDir, const QString& id,
                                         const QByteArray& expectedDigest);

private:
    QString m_rootPath;
};

} // namespace redpak::gui
