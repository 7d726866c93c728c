// SPDX-License-Identifier: Apache-2.0
// A system-root store for tests: file access is the real LocalNodeStore's, and the privileged
// helper behind recordApproval is played by the test. Each approval request is recorded and
// answered with `approvalResult`; when that is a success the record is written the way the
// helper writes it (core's audit record), so the GUI sees what it would see after a real one.
// Application writes and removals are recorded too; `applicationResult` other than a success
// refuses them (as polkit or the helper would) and nothing is written.
#pragma once

#include "localnodestore.h"
#include "redpak/review/audit_status.h"

#include <QList>
#include <QMetaObject>

namespace redpak::gui::test {

class FakeSystemStore final : public NodeStore {
public:
    struct ApprovalRequest {
        QString nodeDir;
        QList<ReviewedFile> reviewed;
        QString comment;
    };

    explicit FakeSystemStore(const QString& rootPath) : m_files(rootPath) {}

    QString rootPath() const override { return m_files.rootPath(); }
    bool usesHelper() const override { return true; }

    void readConfig(const QString& nodeDir, ConfigKind kind, QObject* context,
                    std::function<void(const ConfigFileContent&)> done) override {
        m_files.readConfig(nodeDir, kind, context, std::move(done));
    }
    void writeConfig(const QString& nodeDir, ConfigKind kind, const QString& text,
                     const QByteArray& expectedDigest, QObject* context,
                     std::function<void(const WriteReply&)> done) override {
        m_files.writeConfig(nodeDir, kind, text, expectedDigest, context, std::move(done));
    }
    void createNode(const QString& parentDir, const QString& dirName, const QString& templateName,
                    QObject* context, std::function<void(const StoreResult&)> done) override {
        m_files.createNode(parentDir, dirName, templateName, context, std::move(done));
    }
    void deleteNode(const QString& nodeDir, QObject* context,
                    std::function<void(const StoreResult&)> done) override {
        m_files.deleteNode(nodeDir, context, std::move(done));
    }

    void recordApproval(const QString& nodeDir, const QList<ReviewedFile>& reviewed,
                        const QString& comment, QObject* context,
                        std::function<void(const StoreResult&)> done) override {
        approvals.append({nodeDir, reviewed, comment});
        const StoreResult result = approvalResult;
        if (result.ok()) {
            approveNode(nodeDir.toStdString(), comment.toStdString());
        }
        // Answered later, like a D-Bus reply.
        QMetaObject::invokeMethod(
            context, [done = std::move(done), result] { done(result); }, Qt::QueuedConnection);
    }

    void listApplications(const QString& nodeDir, QObject* context,
                          std::function<void(const ApplicationList&)> done) override {
        m_files.listApplications(nodeDir, context, std::move(done));
    }
    void writeApplication(const QString& nodeDir, const QString& id, const QString& text,
                          const QByteArray& expectedDigest, QObject* context,
                          std::function<void(const WriteReply&)> done) override {
        applicationChanges.append({nodeDir, id, text, expectedDigest});
        if (!applicationResult.ok()) {
            answerLater(context, std::move(done), WriteReply{applicationResult, {}});
            return;
        }
        m_files.writeApplication(nodeDir, id, text, expectedDigest, context, std::move(done));
    }
    void removeApplication(const QString& nodeDir, const QString& id,
                           const QByteArray& expectedDigest, QObject* context,
                           std::function<void(const StoreResult&)> done) override {
        applicationChanges.append({nodeDir, id, QString(), expectedDigest});
        if (!applicationResult.ok()) {
            answerLater(context, std::move(done), applicationResult);
            return;
        }
        m_files.removeApplication(nodeDir, id, expectedDigest, context, std::move(done));
    }

    // One write (text) or removal (no text) of an application.
    struct ApplicationChange {
        QString nodeDir;
        QString id;
        QString text;
        QByteArray expectedDigest;
    };

    StoreResult approvalResult;
    QList<ApprovalRequest> approvals;
    StoreResult applicationResult;
    QList<ApplicationChange> applicationChanges;

private:
    // Answered later, like a D-Bus reply.
    template <typename T>
    static void answerLater(QObject* context, std::function<void(const T&)> done, T value) {
        QMetaObject::invokeMethod(
            context, [done = std::move(done), value = std::move(value)] { done(value); },
            Qt::QueuedConnection);
    }

    LocalNodeStore m_files;
};

} // namespace redpak::gui::test
