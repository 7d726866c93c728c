// SPDX-License-Identifier: Apache-2.0
#include "authorization.h"

#include "helpererror.h"

namespace redpak::helper {

CallFlags CallFlags::decode(Method method, uint flags) {
    const uint known = method == Method::Launch ? (kHelperAllowInteraction | kHelperAdmin)
                                                : kHelperAllowInteraction;
    if ((flags & ~known) != 0) {
        throw HelperError(ErrorKind::InvalidArgument,
                          "unknown flag bits 0x" +
                              QString::number(flags & ~known, 16).toStdString());
    }
    return CallFlags{(flags & kHelperAllowInteraction) != 0, (flags & kHelperAdmin) != 0};
}

QString actionId(Method method, const CallFlags& flags) {
    switch (method) {
    case Method::ListRoots:
    case Method::ReadConfig:
    case Method::ListApplications:
        return QStringLiteral("org.redpak.config.read");
    case Method::CreateNode:
        return QStringLiteral("org.redpak.node.create");
    case Method::DeleteNode:
        return QStringLiteral("org.redpak.node.delete");
    case Method::WriteConfig:
        return QStringLiteral("org.redpak.config.write");
    case Method::ListLaunches:
    case Method::StopLaunch:
        return {};
    case Method::Launch:
        return flags.admin ? QStringLiteral("org.redpak.node.launch-admin")
                           : QStringLiteral("org.redpak.node.launch");
    case Method::LaunchAs:
        return QStringLiteral("org.redpak.node.launch-as");
    case Method::RecordApproval:
        return QStringLiteral("org.redpak.audit.approve");
    case Method::WriteApplication:
        return QStringLiteral("org.redpak.application.write");
    case Method::RemoveApplication:
        return QStringLiteral("org.redpak.application.remove");
    }
    return {};
}

AuthorizationRequest authorizationFor(Method method, const CallFlags& flags, const QString& node,
                                      const QString& digest) {
    AuthorizationRequest request;
    request.actionId = actionId(method, flags);
    if (!node.isEmpty()) {
        request.details.insert(QStringLiteral("node"), node);
    }
    if (!digest.isEmpty()) {
        request.details.insert(QStringLiteral("digest"), digest);
    }
    request.allowUserInteraction = flags.allowInteraction;
    return request;
}

AuthorizationRequest applicationAuthorization(Method method, const CallFlags& flags,
                                              const QString& node, const QString& application,
                                              const QString& digest) {
    AuthorizationRequest request = authorizationFor(method, flags, node, digest);
    request.details.insert(QStringLiteral("application"), application);
    return request;
}

AuthorizationRequest launchAsAuthorization(const CallFlags& flags, const QString& node,
                                           const NodeIdentity& identity) {
    AuthorizationRequest request = authorizationFor(Method::LaunchAs, flags, node);
    request.details.insert(QStringLiteral("user"),
                           QString::fromStdString(userNameOf(identity.uid)));
    request.details.insert(QStringLiteral("group"),
                           QString::fromStdString(groupNameOf(identity.gid)));
    request.details.insert(QStringLiteral("uid"), QString::number(identity.uid));
    request.details.insert(QStringLiteral("gid"), QString::number(identity.gid));
    return request;
}

} // namespace redpak::helper
