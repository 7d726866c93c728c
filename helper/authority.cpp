// SPDX-License-Identifier: Apache-2.0
#include "authority.h"

#include <QDBusArgument>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace redpak::helper {
namespace {

// polkit's CheckAuthorizationFlags: AllowUserInteraction = 1.
constexpr uint kAllowUserInteraction = 1;
// An authentication dialog waits for a person; without one polkitd answers at once.
constexpr int kInteractiveTimeoutMs = 5 * 60 * 1000;
constexpr int kTimeoutMs = 25 * 1000;

// Reads CheckAuthorization's (bba{ss}) result; false unless it is well-formed and
// is_authorized is true.
bool isAuthorized(const QDBusMessage& reply) {
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().size() != 1 ||
        !reply.arguments().constFirst().canConvert<QDBusArgument>()) {
        return false;
    }
    const auto result = reply.arguments().constFirst().value<QDBusArgument>();
    if (result.currentSignature() != QLatin1String("(bba{ss})")) {
        return false;
    }
    bool authorized = false;
    bool challenge = false;
    QMap<QString, QString> details;
    result.beginStructure();
    result >> authorized >> challenge >> details;
    result.endStructure();
    return authorized;
}

} // namespace

PolkitAuthority::PolkitAuthority(QDBusConnection bus) : m_bus(std::move(bus)) {
    qDBusRegisterMetaType<QMap<QString, QString>>();
}

void PolkitAuthority::checkAuthorization(const AuthorizationRequest& request,
                                         const QString& busName,
                                         std::function<void(bool allowed)> done) {
    QDBusArgument subject;
    subject.beginStructure();
    subject << QStringLiteral("system-bus-name")
            << QVariantMap{{QStringLiteral("name"), QVariant(busName)}};
    subject.endStructure();

    QDBusMessage call =
        QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.PolicyKit1"),
                                       QStringLiteral("/org/freedesktop/PolicyKit1/Authority"),
                                       QStringLiteral("org.freedesktop.PolicyKit1.Authority"),
                                       QStringLiteral("CheckAuthorization"));
    call << QVariant::fromValue(subject) << request.actionId << QVariant::fromValue(request.details)
         << (request.allowUserInteraction ? kAllowUserInteraction : 0U) << QString();

    const int timeout = request.allowUserInteraction ? kInteractiveTimeoutMs : kTimeoutMs;
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, timeout));
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, watcher,
                     [done = std::move(done)](QDBusPendingCallWatcher* finished) {
                         const bool allowed = isAuthorized(finished->reply());
                         finished->deleteLater();
                         done(allowed);
                     });
}

} // namespace redpak::helper
