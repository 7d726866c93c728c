// SPDX-License-Identifier: Apache-2.0
#include "helperservice.h"

#include "helpererror.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/digest.h"
#include "redpak/config/desktop_entry.h"
#include "redpak/config/parser.h"
#include "redpak/tree/applications.h"
#include "redpak/tree/templates.h"

#include <QCoreApplication>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QPointer>
#include <cstdio>
#include <exception>

namespace redpak::helper {
namespace {

FileKind decodeKind(uint kind) {
    if (kind > 1) {
        throw HelperError(ErrorKind::InvalidArgument,
                          "config kind must be 0 (normal) or 1 (admin)");
    }
    return kind == 0 ? FileKind::Normal : FileKind::Admin;
}

// Size caps are checked on the UTF-8 bytes, before anything else looks at the content.
std::string boundedUtf8(const QString& text, std::size_t maxBytes, const char* what) {
    const QByteArray bytes = text.toUtf8();
    if (static_cast<std::size_t>(bytes.size()) > maxBytes) {
        throw HelperError(ErrorKind::InvalidArgument, std::string(what) + " larger than " +
                                                          std::to_string(maxBytes) + " bytes");
    }
    return bytes.toStdString();
}

QDBusMessage errorReply(const QDBusMessage& call, ErrorKind kind, const std::string& detail) {
    return call.createErrorReply(QString::fromLatin1(errorName(kind).data()),
                                 QString::fromStdString(detail));
}

// The caller's uid comes from the bus daemon, never from the caller.
QDBusMessage unixUserQuery(const QString& busName) {
    QDBusMessage query = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("GetConnectionUnixUser"));
    query << busName;
    return query;
}

// The application ID checked by core's rule, after a cap that keeps refusals short.
std::string applicationIdOf(const NodeName& node, const QString& id) {
    std::string text = boundedUtf8(id, 255, "application ID");
    NodeStore::applicationPath(node, text);
    return text;
}

std::string expectedDigestOf(const QString& digest) {
    const std::string text = digest.toStdString();
    if (!text.empty() && !isSha256Hex(text)) {
        throw HelperError(ErrorKind::InvalidArgument,
                          "a digest is 64 lower-case hexadecimal characters, or empty");
    }
    return text;
}

// A journal line about one launch (who asked, the node, the launch id).
JournalEntry launchEntry(const char* action, uid_t caller, const PreparedLaunch& launch) {
    JournalEntry entry;
    entry.uid = caller;
    entry.action = QString::fromLatin1(action);
    entry.node = QString::fromStdString(launch.node.text());
    entry.launchId = launch.id;
    return entry;
}

JournalEntry launchEntry(const char* action, uid_t caller, const LaunchInfo& launch) {
    JournalEntry entry;
    entry.uid = caller;
    entry.action = QString::fromLatin1(action);
    entry.node = launch.node;
    entry.launchId = launch.id;
    entry.identity = launch.identity;
    entry.admin = launch.admin;
    return entry;
}

} // namespace

HelperService::HelperService(QDBusConnection bus, NodeStore& store, Authority& authority,
                             Launcher& launcher, QObject* parent)
    : QObject(parent), m_bus(std::move(bus)), m_store(store), m_authority(authority),
      m_launcher(launcher) {
    registerHelperDBusTypes();
    m_worker.setMaxThreadCount(1);
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(std::chrono::milliseconds(store.config().idleTimeout));
    connect(&m_idleTimer, &QTimer::timeout, this, &HelperService::quitIfIdle);
    connect(&m_launcher, &Launcher::exited, this, [this](const LaunchInfo& info, int status) {
        JournalEntry entry = launchEntry("node.exit", info.uid, info);
        entry.status = status;
        journalLater(entry);
        emit LaunchExited(info.id, status);
        m_idleTimer.start();
    });
    m_idleTimer.start();
}

HelperService::~HelperService() {
    m_worker.waitForDone();
}

void HelperService::operationStarted() {
    ++m_pending;
    m_idleTimer.start();
}

void HelperService::operationFinished() {
    --m_pending;
    m_idleTimer.start();
}

void HelperService::quitIfIdle() {
    if (m_pending == 0 && !m_launcher.isRunning()) {
        QCoreApplication::quit();
    } else {
        m_idleTimer.start();
    }
}

void HelperService::authorizeThenRun(const AuthorizationRequest& request, Work work) {
    if (request.actionId.isEmpty()) {
        throw HelperError(ErrorKind::NotAuthorized, "no authorization defined for this call");
    }
    setDelayedReply(true);
    const QDBusMessage call = message();
    operationStarted();
    QPointer<HelperService> self(this);
    m_authority.checkAuthorization(
        request, call.service(), [self, call, request, work = std::move(work)](bool allowed) {
            if (!self) {
                return;
            }
            if (!allowed) {
                self->m_bus.send(
                    errorReply(call, ErrorKind::NotAuthorized,
                               "not authorized for " + request.actionId.toStdString()));
                self->operationFinished();
                return;
            }
            self->m_worker.start([self, call, work] {
                QDBusMessage reply;
                try {
                    // Blocking is fine here: this is the worker thread, not the bus thread.
                    const QDBusMessage uidReply = self->m_bus.call(unixUserQuery(call.service()));
                    if (uidReply.type() != QDBusMessage::ReplyMessage ||
                        uidReply.arguments().size() != 1) {
                        throw HelperError(ErrorKind::NotAuthorized, "caller has left the bus");
                    }
                    const auto caller = static_cast<uid_t>(uidReply.arguments().first().toUInt());
                    if (const std::optional<QVariantList> result = work(call, caller)) {
                        reply = call.createReply(*result);
                    }
                } catch (const HelperError& error) {
                    reply = errorReply(call, error.kind(), error.what());
                } catch (const InputError& error) {
                    reply = errorReply(call, ErrorKind::InvalidConfig, error.diagnostic().format());
                } catch (const std::exception& error) {
                    reply = errorReply(call, ErrorKind::Failed, error.what());
                }
                // QDBusConnection::send is thread-safe: the worker answers directly.
                if (reply.type() != QDBusMessage::InvalidMessage) {
                    self->m_bus.send(reply);
                }
                QMetaObject::invokeMethod(self, &HelperService::operationFinished,
                                          Qt::QueuedConnection);
            });
        });
}

void HelperService::runForCaller(
    std::function<QDBusMessage(const QDBusMessage& call, uid_t caller)> reply) {
    setDelayedReply(true);
    const QDBusMessage call = message();
    operationStarted();
    auto* watcher =
        new QDBusPendingCallWatcher(m_bus.asyncCall(unixUserQuery(call.service())), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, call, reply = std::move(reply)](QDBusPendingCallWatcher* finished) {
                finished->deleteLater();
                const QDBusPendingReply<uint> uid = *finished;
                m_bus.send(uid.isError() ? errorReply(call, ErrorKind::NotAuthorized,
                                                      "caller has left the bus")
                                         : reply(call, static_cast<uid_t>(uid.value())));
                operationFinished();
            });
}

void HelperService::rejectCall(const HelperError& error) {
    // sendErrorReply also tells QtDBus not to send the method's return value.
    sendErrorReply(QString::fromLatin1(errorName(error.kind()).data()),
                   QString::fromStdString(error.what()));
}

QList<RedpakRoot> HelperService::ListRoots() {
    try {
        authorizeThenRun(authorizationFor(Method::ListRoots, CallFlags{}, {}),
                         [this](const QDBusMessage&, uid_t) -> std::optional<QVariantList> {
                             QList<RedpakRoot> roots;
                             for (const NodeRoot& root : m_store.config().roots) {
                                 roots.append({QString::fromStdString(root.label),
                                               QString::fromStdString(root.path.string())});
                             }
                             return QVariantList{QVariant::fromValue(roots)};
                         });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
    return {};
}

void HelperService::CreateNode(const QString& name, const QString& templateName, uint flags) {
    try {
        const NodeName node = NodeName::parse(name.toStdString());
        const CallFlags decoded = CallFlags::decode(Method::CreateNode, flags);
        const std::optional<Template> found =
            findTemplate(boundedUtf8(templateName, 64, "template name"));
        if (!found) {
            throw HelperError(ErrorKind::NotFound,
                              "no template named \"" + templateName.left(64).toStdString() + "\"");
        }
        const QString digest = QString::fromStdString(sha256Hex(found->normal));
        authorizeThenRun(authorizationFor(Method::CreateNode, decoded, name, digest),
                         [this, node, templateName = found->name](
                             const QDBusMessage&, uid_t caller) -> std::optional<QVariantList> {
                             m_store.createNodeFromTemplate(node, templateName, caller);
                             return QVariantList{};
                         });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
}

void HelperService::CreateNodeWithConfig(const QString& name, const QString& normalConfig,
                                         const QString& adminConfig, uint flags) {
    try {
        const NodeName node = NodeName::parse(name.toStdString());
        const CallFlags decoded = CallFlags::decode(Method::CreateNode, flags);
        std::string normal = boundedUtf8(normalConfig, kMaxConfigBytes, "normal config");
        std::string admin = boundedUtf8(adminConfig, kMaxConfigBytes, "admin config");
        const QString digest = QString::fromStdString(sha256Hex(normal));
        authorizeThenRun(authorizationFor(Method::CreateNode, decoded, name, digest),
                         [this, node, normal = std::move(normal), admin = std::move(admin)](
                             const QDBusMessage&, uid_t caller) -> std::optional<QVariantList> {
                             m_store.createNode(node, normal, admin, caller);
                             return QVariantList{};
                         });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
}

void HelperService::DeleteNode(const QString& name, uint flags) {
    try {
        const NodeName node = NodeName::parse(name.toStdString());
        const CallFlags decoded = CallFlags::decode(Method::DeleteNode, flags);
        authorizeThenRun(
            authorizationFor(Method::DeleteNode, decoded, name),
            [this, node](const QDBusMessage&, uid_t caller) -> std::optional<QVariantList> {
                m_store.deleteNode(node, caller);
                return QVariantList{};
            });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
}

bool HelperService::ReadConfig(const QString& name, uint kind, QString& content, QString& digest) {
    try {
        const NodeName node = NodeName::parse(name.toStdString());
        const FileKind fileKind = decodeKind(kind);
        authorizeThenRun(
            authorizationFor(Method::ReadConfig, CallFlags{}, name),
            [this, node, fileKind](const QDBusMessage&, uid_t) -> std::optional<QVariantList> {
                const ConfigFileContent file = m_store.readConfig(node, fileKind);
                return QVariantList{file.exists, QString::fromStdString(file.content),
                                    QString::fromStdString(file.digest)};
            });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
    content.clear();
    digest.clear();
    return false;
}

QString HelperService::WriteConfig(const QString& name, uint kind, const QString& content,
                                   const QString& expectedDigest, uint flags) {
    try {
        const NodeName node = NodeName::parse(name.toStdString());
        const FileKind fileKind = decodeKind(kind);
        const CallFlags decoded = CallFlags::decode(Method::WriteConfig, flags);
        const std::string what = NodeStore::configPath(node, fileKind) + ": config";
        std::string text = boundedUtf8(content, kMaxConfigBytes, what.c_str());
        std::string expected = expectedDigestOf(expectedDigest);
        const QString newDigest =
            text.empty() ? QString() : QString::fromStdString(sha256Hex(text));
        authorizeThenRun(
            authorizationFor(Method::WriteConfig, decoded, name, newDigest),
            [this, node, fileKind, text = std::move(text), expected = std::move(expected)](
                const QDBusMessage&, uid_t caller) -> std::optional<QVariantList> {
                return QVariantList{QString::fromStdString(
                    m_store.writeConfig(node, fileKind, text, expected, caller))};
            });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
    return {};
}

qulonglong HelperService::startLaunch(const QString& name, const QStringList& command, uint flags,
                                      std::optional<QDBusUnixFileDescriptor> output) {
    try {
        const NodeName node = NodeName::parse(name.toStdString());
        const CallFlags decoded = CallFlags::decode(Method::Launch, flags);
        Launcher::checkCommand(command);
        if (output && !output->isValid()) {
            throw HelperError(ErrorKind::InvalidArgument, "invalid output file descriptor");
        }
        QPointer<HelperService> self(this);
        // The worker prepares (and refuses), which tells who the node runs as; the main
        // thread asks about that identity when it is not the caller's, the worker journals,
        // and the launch starts on the main thread, where its QProcess lives.
        authorizeThenRun(
            authorizationFor(Method::Launch, decoded, name),
            [self, node, command, decoded, name,
             output](const QDBusMessage& call, uid_t caller) -> std::optional<QVariantList> {
                LaunchRequest request{call, self->m_launcher.prepare(node, command, decoded.admin),
                                      caller, std::nullopt, output};
                if (self->m_launcher.identities().isOtherThanCaller(request.prepared.identity,
                                                                    caller)) {
                    request.launchAs =
                        launchAsAuthorization(decoded, name, request.prepared.identity);
                }
                QMetaObject::invokeMethod(self, [self, request] {
                    self->operationStarted(); // until the launch has started or failed
                    self->authorizeLaunchIdentity(request);
                });
                return std::nullopt;
            });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
    return 0;
}

void HelperService::authorizeLaunchIdentity(const LaunchRequest& request) {
    if (!request.launchAs) {
        journalThenStart(request);
        return;
    }
    QPointer<HelperService> self(this);
    m_authority.checkAuthorization(
        *request.launchAs, request.call.service(), [self, request](bool allowed) {
            if (!self) {
                return;
            }
            if (allowed) {
                self->journalThenStart(request);
                return;
            }
            self->m_bus.send(
                errorReply(request.call, ErrorKind::NotAuthorized,
                           "not authorized for " + request.launchAs->actionId.toStdString()));
            self->operationFinished();
        });
}

void HelperService::journalThenStart(const LaunchRequest& request) {
    QPointer<HelperService> self(this);
    m_worker.start([self, request] {
        const PreparedLaunch& prepared = request.prepared;
        try {
            // No launch without its journal line.
            JournalEntry entry = launchEntry("node.launch", request.caller, prepared);
            entry.identity = prepared.identity;
            entry.admin = prepared.admin;
            self->m_store.journal().append(entry);
        } catch (const HelperError& error) {
            self->m_bus.send(errorReply(request.call, error.kind(), error.what()));
            QMetaObject::invokeMethod(self, &HelperService::operationFinished,
                                      Qt::QueuedConnection);
            return;
        } catch (const std::exception& error) {
            self->m_bus.send(errorReply(request.call, ErrorKind::Failed, error.what()));
            QMetaObject::invokeMethod(self, &HelperService::operationFinished,
                                      Qt::QueuedConnection);
            return;
        }
        QMetaObject::invokeMethod(self, [self, request] { self->startJournaled(request); });
    });
}

void HelperService::startJournaled(const LaunchRequest& request) {
    QDBusMessage reply;
    try {
        const qulonglong id =
            m_launcher.start(request.prepared, request.caller,
                             request.output ? request.output->fileDescriptor() : -1);
        reply = request.call.createReply(QVariant::fromValue(id));
    } catch (const HelperError& error) {
        reply = errorReply(request.call, error.kind(), error.what());
        JournalEntry entry = launchEntry("node.exit", request.caller, request.prepared);
        entry.status = -1;
        journalLater(entry);
    }
    m_bus.send(reply);
    operationFinished();
}

void HelperService::journalLater(const JournalEntry& entry) {
    QPointer<HelperService> self(this);
    m_worker.start([self, entry] {
        try {
            self->m_store.journal().append(entry);
        } catch (const std::exception& error) {
            // What already happened (a stop, an exit) cannot be refused any more: say so.
            std::fprintf(stderr, "redpak-helper: journal: %s\n", error.what());
        }
    });
}

qulonglong HelperService::Launch(const QString& name, const QStringList& command, uint flags) {
    return startLaunch(name, command, flags, std::nullopt);
}

qulonglong HelperService::LaunchWithOutput(const QString& name, const QStringList& command,
                                           uint flags, const QDBusUnixFileDescriptor& output) {
    return startLaunch(name, command, flags, output);
}

QList<RedpakLaunch> HelperService::ListLaunches() {
    runForCaller([this](const QDBusMessage& call, uid_t caller) {
        QList<RedpakLaunch> launches;
        for (const LaunchInfo& info : m_launcher.launchesOf(caller)) {
            launches.append(
                {info.id, info.node, info.command, info.startedMs, static_cast<uint>(info.uid)});
        }
        return call.createReply(QVariant::fromValue(launches));
    });
    return {};
}

void HelperService::StopLaunch(qulonglong launchId, uint flags) {
    try {
        CallFlags::decode(Method::StopLaunch, flags);
        runForCaller([this, launchId](const QDBusMessage& call, uid_t caller) {
            const std::optional<LaunchInfo> stopped = m_launcher.stop(launchId, caller);
            if (!stopped) {
                return errorReply(call, ErrorKind::NotFound,
                                  "no launch " + std::to_string(launchId) +
                                      " started by this user");
            }
            journalLater(launchEntry("node.stop", caller, *stopped));
            return call.createReply();
        });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
}

QString HelperService::RecordApproval(const QString& name,
                                      const QList<RedpakFileDigest>& reviewedFiles,
                                      const QString& comment, uint flags) {
    try {
        const NodeName node = NodeName::parse(name.toStdString());
        const CallFlags decoded = CallFlags::decode(Method::RecordApproval, flags);
        if (reviewedFiles.size() >
            static_cast<qsizetype>(3 * (kMaxNameComponents + 1) + kMaxNodeApplications)) {
            throw HelperError(ErrorKind::InvalidArgument,
                              "more reviewed files than a family can have (status, normal and "
                              "admin file per node, the leaf's applications)");
        }
        std::vector<ReviewedFile> reviewed;
        for (const RedpakFileDigest& file : reviewedFiles) {
            reviewed.push_back({boundedUtf8(file.file, kMaxNameBytes + 64, "file name"),
                                expectedDigestOf(file.digest)});
        }
        std::string text = boundedUtf8(comment, kMaxCommentBytes, "comment");
        // The digest shown to polkit rules identifies exactly what is being approved.
        std::string summary;
        for (const ReviewedFile& file : reviewed) {
            summary += file.file + '\n' + file.digest + '\n';
        }
        authorizeThenRun(authorizationFor(Method::RecordApproval, decoded, name,
                                          QString::fromStdString(sha256Hex(summary))),
                         [this, node, reviewed = std::move(reviewed), text = std::move(text)](
                             const QDBusMessage&, uid_t caller) -> std::optional<QVariantList> {
                             return QVariantList{QString::fromStdString(
                                 m_store.recordApproval(node, reviewed, text, caller))};
                         });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
    return {};
}

QList<RedpakApplication> HelperService::ListApplications(const QString& name) {
    try {
        const NodeName node = NodeName::parse(name.toStdString());
        authorizeThenRun(authorizationFor(Method::ListApplications, CallFlags{}, name),
                         [this, node](const QDBusMessage&, uid_t) -> std::optional<QVariantList> {
                             QList<RedpakApplication> applications;
                             for (const ApplicationFile& file : m_store.listApplications(node)) {
                                 applications.append({QString::fromStdString(file.id),
                                                      QString::fromStdString(file.content),
                                                      QString::fromStdString(file.digest)});
                             }
                             return QVariantList{QVariant::fromValue(applications)};
                         });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
    return {};
}

QString HelperService::WriteApplication(const QString& name, const QString& id,
                                        const QString& content, const QString& expectedDigest,
                                        uint flags) {
    try {
        const NodeName node = NodeName::parse(name.toStdString());
        const CallFlags decoded = CallFlags::decode(Method::WriteApplication, flags);
        std::string application = applicationIdOf(node, id);
        const std::string what = NodeStore::applicationPath(node, application) + ": desktop entry";
        std::string text = boundedUtf8(content, kMaxDesktopEntryBytes, what.c_str());
        std::string expected = expectedDigestOf(expectedDigest);
        // Built before the work below takes the strings.
        const AuthorizationRequest request = applicationAuthorization(
            Method::WriteApplication, decoded, name, QString::fromStdString(application),
            QString::fromStdString(sha256Hex(text)));
        authorizeThenRun(request,
                         [this, node, application = std::move(application), text = std::move(text),
                          expected = std::move(expected)](
                             const QDBusMessage&, uid_t caller) -> std::optional<QVariantList> {
                             return QVariantList{QString::fromStdString(m_store.writeApplication(
                                 node, application, text, expected, caller))};
                         });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
    return {};
}

void HelperService::RemoveApplication(const QString& name, const QString& id,
                                      const QString& expectedDigest, uint flags) {
    try {
        const NodeName node = NodeName::parse(name.toStdString());
        const CallFlags decoded = CallFlags::decode(Method::RemoveApplication, flags);
        std::string application = applicationIdOf(node, id);
        std::string expected = expectedDigestOf(expectedDigest);
        if (expected.empty()) {
            throw HelperError(ErrorKind::InvalidArgument,
                              "the digest of the application to remove is required");
        }
        // Built before the work below takes the strings.
        const AuthorizationRequest request = applicationAuthorization(
            Method::RemoveApplication, decoded, name, QString::fromStdString(application),
            QString::fromStdString(expected));
        authorizeThenRun(
            request,
            [this, node, application = std::move(application), expected = std::move(expected)](
                const QDBusMessage&, uid_t caller) -> std::optional<QVariantList> {
                m_store.removeApplication(node, application, expected, caller);
                return QVariantList{};
            });
    } catch (const HelperError& error) {
        rejectCall(error);
    }
}

} // namespace redpak::helper
