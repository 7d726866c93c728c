// SPDX-License-Identifier: Apache-2.0
// NodeStore for a system root: every read and write goes through the helper, which checks
// polkit, validates with the same parser, and refuses a write whose digest is stale.
#pragma once

#include "nodestore.h"

namespace redpak::gui {

class HelperNodeStore final : public NodeStore {
public:
    explicit HelperNodeStore(QString rootPath);

    QString rootPath() const override { return m_rootPath; }
    bool usesHelper() const override { return true; }

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

private:
    QString m_rootPath;
};

} // namespace redpak::gui
