// SPDX-License-Identifier: Apache-2.0
#include "authorization.h"

#include "helpererror.h"

#include <grp.h>
#include <pwd.h>
#include <vector>

namespace redpak::helper {

CallFlags CallFlags::decode(Method method, uint flags) {
    const uint known =
        method == Method::Launch ? (kFlagAllowInteraction | kFlagAdmin) : kFlagAllowInteraction;
    if ((flags & ~known) != 0) {
        throw HelperError(ErrorKind::InvalidArgument,
                          "unknown flag bits 0x" +
                              QString::number(flags & ~known, 16).toStdString());
    }
    return CallFlags{(flags & kFlagAllowInteraction) != 0, (flags & kFlagAdmin) != 0};
}

QString actionId(Method method, const CallFlags& flags) {
    switch (method) {
    case Method::ListRoots:
    case Method::ReadConfig:
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

namespace {

QString userName(uid_t uid) {
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) != 0 || !found) {
        return QString::number(uid);
    }
    return QString::fromLocal8Bit(entry.pw_name);
}

QString groupName(gid_t gid) {
    std::vector<char> buffer(16384);
    group entry{};
    group* found = nullptr;
    if (::getgrgid_r(gid, &entry, buffer.data(), buffer.size(), &found) != 0 || !found) {
        return QString::number(gid);
    }
    return QString::fromLocal8Bit(entry.gr_name);
}

} // namespace

AuthorizationRequest launchAsAuthorization(const CallFlags& flags, const QString& node,
                                           const NodeIdentity& identity) {
    AuthorizationRequest request = authorizationFor(Method::LaunchAs, flags, node);
    request.details.insert(QStringLiteral("user"), userName(identity.uid));
    request.details.insert(QStringLiteral("group"), groupName(identity.gid));
    request.details.insert(QStringLiteral("uid"), QString::number(identity.uid));
    request.details.insert(QStringLiteral("gid"), QString::number(identity.gid));
    return request;
}

} // namespace redpak::helper
