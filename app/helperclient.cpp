// SPDX-License-Identifier: Apache-2.0
#include "helperclient.h"

#include "helper1_proxy.h"
#include "helpertypes.h"
#include "workspace.h"

#include <QDBusConnection>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDir>
#include <QPointer>

namespace redpak::gui {

HelperClient& HelperClient::shared() {
    static HelperClient* client = new HelperClient; // lives as long as the process
    return *client;
}

HelperClient::HelperClient() {
    registerHelperDBusTypes();
    m_proxy = std::make_unique<HelperProxy>(QStringLiteral("org.redpak.Helper"),
                                            QStringLiteral("/org/redpak/Helper"),
                                            QDBusConnection::systemBus());
    // Helper calls may wait for a polkit authentication dialog.
    m_proxy->setTimeout(5 * 60 * 1000);
    connect(m_proxy.get(), &HelperProxy::LaunchExited, this,
            [this](qulonglong id, int status) { Q_EMIT launchExited(id, status); });
}

HelperClient::~HelperClient() = default;

StoreResult HelperClient::resultFromError(const QDBusError& error) {
    if (!error.isValid()) {
        return {};
    }
    static const QString prefix = QStringLiteral("org.redpak.Helper1.Error.");
    const QString name = error.name();
    StoreError kind = StoreError::Failed;
    if (name == prefix + QLatin1String("NotFound")) {
        kind = StoreError::NotFound;
    } else if (name == prefix + QLatin1String("AlreadyExists")) {
        kind = StoreError::AlreadyExists;
    } else if (name == prefix + QLatin1String("StaleDigest")) {
        kind = StoreError::StaleDigest;
    } else if (name == prefix + QLatin1String("InvalidConfig")) {
        kind = StoreError::InvalidConfig;
    } else if (name == prefix + QLatin1String("NotAuthorized")) {
        kind = StoreError::NotAuthorized;
    }
    return StoreResult{kind, error.message()};
}

std::optional<QString> HelperClient::nameFor(const QString& path) const {
    if (!m_roots) {
        return std::nullopt;
    }
    for (const RedpakRoot& root : *m_roots) {
        if (isPathWithin(path, root.path)) {
            const QString relative = QDir(root.path).relativeFilePath(QDir::cleanPath(path));
            return relative == QLatin1String(".") ? root.label
                                                  : root.label + QLatin1Char('/') + relative;
        }
    }
    return std::nullopt;
}

std::optional<QString> HelperClient::pathForName(const QString& name) const {
    if (!m_roots) {
        return std::nullopt;
    }
    const QString label = name.section(QLatin1Char('/'), 0, 0);
    const QString rest = name.section(QLatin1Char('/'), 1);
    for (const RedpakRoot& root : *m_roots) {
        if (root.label == label) {
            return rest.isEmpty() ? root.path : QDir(root.path).filePath(rest);
        }
    }
    return std::nullopt;
}

void HelperClient::resolveName(
    const QString& nodeDir, QObject* context,
    std::function<void(const std::optional<QString>&, const StoreResult&)> done) {
    if (m_roots) {
        const auto name = nameFor(nodeDir);
        done(name, name ? StoreResult{}
                        : StoreResult{StoreError::NotFound,
                                      nodeDir + QStringLiteral(": not under a helper root")});
        return;
    }
    auto* watcher = new QDBusPendingCallWatcher(m_proxy->ListRoots(), this);
    QPointer<QObject> guard(context);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, watcher, guard, nodeDir, done] {
                watcher->deleteLater();
                QDBusPendingReply<QList<RedpakRoot>> reply = *watcher;
                if (reply.isError()) {
                    if (guard) {
                        done(std::nullopt, resultFromError(reply.error()));
                    }
                    return;
                }
                m_roots = reply.value();
                if (guard) {
                    resolveName(nodeDir, guard, done);
                }
            });
}

void HelperClient::listRoots(QObject* context, std::function<void(const QStringList& paths)> done) {
    const auto paths = [](const QList<RedpakRoot>& roots) {
        QStringList out;
        for (const RedpakRoot& root : roots) {
            out.append(root.path);
        }
        return out;
    };
    if (m_roots) {
        done(paths(*m_roots));
        return;
    }
    auto* watcher = new QDBusPendingCallWatcher(m_proxy->ListRoots(), this);
    QPointer<QObject> guard(context);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, guard, done, paths] {
        watcher->deleteLater();
        QDBusPendingReply<QList<RedpakRoot>> reply = *watcher;
        if (!reply.isError()) {
            m_roots = reply.value();
        }
        if (guard) {
            done(reply.isError() ? QStringList() : paths(*m_roots));
        }
    });
}

} // namespace redpak::gui
