// SPDX-License-Identifier: Apache-2.0
#include "helpernodestore.h"

#include "helper1_proxy.h"
#include "helperclient.h"
#include "helpertypes.h"

#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QPointer>

namespace redpak::gui {

namespace {

// Resolves `nodeDir` to a helper NAME, then runs `call(name)`; `fail` gets resolution errors.
void withName(const QString& nodeDir, QObject* context, std::function<void(const QString&)> call,
              std::function<void(const StoreResult&)> fail) {
    HelperClient::shared().resolveName(
        nodeDir, context,
        [call = std::move(call), fail = std::move(fail)](const std::optional<QString>& name,
                                                         const StoreResult& result) {
            if (name) {
                call(*name);
            } else {
                fail(result);
            }
        });
}

// Calls `done(reply)` when the pending call ends, unless `context` is gone.
template <typename Reply>
void onReply(const QDBusPendingCall& call, QObject* context, std::function<void(Reply)> done) {
    auto* watcher = new QDBusPendingCallWatcher(call, &HelperClient::shared());
    QPointer<QObject> guard(context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, &HelperClient::shared(),
                     [watcher, guard, done = std::move(done)] {
                         watcher->deleteLater();
                         if (guard) {
                             done(Reply(*watcher));
                         }
                     });
}

constexpr uint kFlags = kHelperAllowInteraction;

} // namespace

HelperNodeStore::HelperNodeStore(QString rootPath) : m_rootPath(std::move(rootPath)) {}

void HelperNodeStore::readConfig(const QString& nodeDir, ConfigKind kind, QObject* context,
                                 std::function<void(const ConfigFileContent&)> done) {
    withName(
        nodeDir, context,
        [context, kind, done](const QString& name) {
            using Reply = QDBusPendingReply<bool, QString, QString>;
            onReply<Reply>(HelperClient::shared().proxy().ReadConfig(name, uint(kind)), context,
                           [done](Reply reply) {
                               ConfigFileContent content;
                               content.result = HelperClient::resultFromError(reply.error());
                               if (!reply.isError()) {
                                   content.exists = reply.argumentAt<0>();
                                   content.text = reply.argumentAt<1>();
                                   content.digest = reply.argumentAt<2>().toLatin1();
                               }
                               done(content);
                           });
        },
        [done](const StoreResult& result) {
            done(ConfigFileContent{result, false, {}, {}});
        });
}

void HelperNodeStore::writeConfig(const QString& nodeDir, ConfigKind kind, const QString& text,
                                  const QByteArray& expectedDigest, QObject* context,
                                  std::function<void(const WriteReply&)> done) {
    withName(
        nodeDir, context,
        [context, kind, text, expectedDigest, done](const QString& name) {
            using Reply = QDBusPendingReply<QString>;
            onReply<Reply>(HelperClient::shared().proxy().WriteConfig(
                               name, uint(kind), text, QString::fromLatin1(expectedDigest), kFlags),
                           context, [done](Reply reply) {
                               WriteReply write;
                               write.result = HelperClient::resultFromError(reply.error());
                               if (!reply.isError()) {
                                   write.newDigest = reply.value().toLatin1();
                               }
                               done(write);
                           });
        },
        [done](const StoreResult& result) {
            done(WriteReply{result, {}});
        });
}

void HelperNodeStore::createNode(const QString& parentDir, const QString& dirName,
                                 const QString& templateName, QObject* context,
                                 std::function<void(const StoreResult&)> done) {
    withName(
        parentDir, context,
        [context, dirName, templateName, done](const QString& parentName) {
            using Reply = QDBusPendingReply<>;
            onReply<Reply>(HelperClient::shared().proxy().CreateNode(
                               parentName + QLatin1Char('/') + dirName, templateName, kFlags),
                           context, [done](Reply reply) {
                               done(HelperClient::resultFromError(reply.error()));
                           });
        },
        done);
}

void HelperNodeStore::deleteNode(const QString& nodeDir, QObject* context,
                                 std::function<void(const StoreResult&)> done) {
    withName(
        nodeDir, context,
        [context, done](const QString& name) {
            using Reply = QDBusPendingReply<>;
            onReply<Reply>(
                HelperClient::shared().proxy().DeleteNode(name, kFlags), context,
                [done](Reply reply) { done(HelperClient::resultFromError(reply.error())); });
        },
        done);
}

void HelperNodeStore::recordApproval(const QString& nodeDir, const QList<ReviewedFile>& reviewed,
                                     const QString& comment, QObject* context,
                                     std::function<void(const StoreResult&)> done) {
    withName(
        nodeDir, context,
        [context, reviewed, comment, done](const QString& name) {
            // The helper names files like nodes: "ROOT/REL/etc/redpak.yaml".
            QList<RedpakFileDigest> files;
            for (const ReviewedFile& file : reviewed) {
                const std::optional<QString> fileName = HelperClient::shared().nameFor(file.path);
                if (!fileName) {
                    done(StoreResult{StoreError::NotFound,
                                     file.path + QStringLiteral(": not under a helper root")});
                    return;
                }
                files.append(RedpakFileDigest{*fileName, QString::fromLatin1(file.digest)});
            }
            using Reply = QDBusPendingReply<QString>;
            onReply<Reply>(
                HelperClient::shared().proxy().RecordApproval(name, files, comment, kFlags),
                context,
                [done](Reply reply) { done(HelperClient::resultFromError(reply.error())); });
        },
        done);
}

void HelperNodeStore::listApplications(const QString& nodeDir, QObject* context,
                                       std::function<void(const ApplicationList&)> done) {
    withName(
        nodeDir, context,
        [context, done](const QString& name) {
            using Reply = QDBusPendingReply<QList<RedpakApplication>>;
            onReply<Reply>(HelperClient::shared().proxy().ListApplications(name), context,
                           [done](Reply reply) {
                               ApplicationList list;
                               list.result = HelperClient::resultFromError(reply.error());
                               if (!reply.isError()) {
                                   for (const RedpakApplication& file : reply.value()) {
                                       list.applications.append(
                                           {file.id, file.content, file.digest.toLatin1()});
                                   }
                               }
                               done(list);
                           });
        },
        [done](const StoreResult& result) {
            done(ApplicationList{result, {}});
        });
}

void HelperNodeStore::writeApplication(const QString& nodeDir, const QString& id,
                                       const QString& text, const QByteArray& expectedDigest,
                                       QObject* context,
                                       std::function<void(const WriteReply&)> done) {
    withName(
        nodeDir, context,
        [context, id, text, expectedDigest, done](const QString& name) {
            using Reply = QDBusPendingReply<QString>;
            onReply<Reply>(HelperClient::shared().proxy().WriteApplication(
                               name, id, text, QString::fromLatin1(expectedDigest), kFlags),
                           context, [done](Reply reply) {
                               WriteReply write;
                               write.result = HelperClient::resultFromError(reply.error());
                               if (!reply.isError()) {
                                   write.newDigest = reply.value().toLatin1();
                               }
                               done(write);
                           });
        },
        [done](const StoreResult& result) {
            done(WriteReply{result, {}});
        });
}

void HelperNodeStore::removeApplication(const QString& nodeDir, const QString& id,
                                        const QByteArray& expectedDigest, QObject* context,
                                        std::function<void(const StoreResult&)> done) {
    withName(
        nodeDir, context,
        [context, id, expectedDigest, done](const QString& name) {
            using Reply = QDBusPendingReply<>;
            onReply<Reply>(HelperClient::shared().proxy().RemoveApplication(
                               name, id, QString::fromLatin1(expectedDigest), kFlags),
                           context, [done](Reply reply) {
                               done(HelperClient::resultFromError(reply.error()));
                           });
        },
        done);
}

} // namespace redpak::gui
