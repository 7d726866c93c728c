// SPDX-License-Identifier: Apache-2.0
// Who decides whether a caller may do something: an Authority answers one authorization
// request asynchronously. PolkitAuthority asks polkitd; unit tests pass a fake.
#pragma once

#include <QDBusConnection>
#include <QMap>
#include <QString>
#include <functional>

namespace redpak::helper {

struct AuthorizationRequest {
    QString actionId;               // e.g. "org.redpak.config.write"
    QMap<QString, QString> details; // shown in prompts, available to rules ("node", "digest")
    bool allowUserInteraction = false;

    friend bool operator==(const AuthorizationRequest&, const AuthorizationRequest&) = default;
};

class Authority {
public:
    virtual ~Authority() = default;
    // Calls `done` exactly once, from the event loop of the calling thread, with true only
    // when `busName` (the caller's unique bus name) is authorized.
    virtual void checkAuthorization(const AuthorizationRequest& request, const QString& busName,
                                    std::function<void(bool allowed)> done) = 0;
};

// org.freedesktop.PolicyKit1.Authority.CheckAuthorization with a "system-bus-name" subject:
// polkit itself asks the bus who the caller is, so a caller cannot lie about its PID or uid.
// Any error (polkitd absent, timeout, malformed reply, challenge) means "no".
class PolkitAuthority final : public Authority {
public:
    explicit PolkitAuthority(QDBusConnection bus);
    void checkAuthorization(const AuthorizationRequest& request, const QString& busName,
                            std::function<void(bool allowed)> done) override;

private:
    QDBusConnection m_bus;
};

} // namespace redpak::helper
