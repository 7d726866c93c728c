// SPDX-License-Identifier: Apache-2.0
#include "helpertypes.h"

#include <QDBusMetaType>

QDBusArgument& operator<<(QDBusArgument& argument, const RedpakRoot& value) {
    argument.beginStructure();
    argument << value.label << value.path;
    argument.endStructure();
    return argument;
}

const QDBusArgument& operator>>(const QDBusArgument& argument, RedpakRoot& value) {
    argument.beginStructure();
    argument >> value.label >> value.path;
    argument.endStructure();
    return argument;
}

QDBusArgument& operator<<(QDBusArgument& argument, const RedpakLaunch& value) {
    argument.beginStructure();
    argument << value.launchId << value.node << value.command << value.startMs << value.uid;
    argument.endStructure();
    return argument;
}

const QDBusArgument& operator>>(const QDBusArgument& argument, RedpakLaunch& value) {
    argument.beginStructure();
    argument >> value.launchId >> value.node >> value.command >> value.startMs >> value.uid;
    argument.endStructure();
    return argument;
}

QDBusArgument& operator<<(QDBusArgument& argument, const RedpakFileDigest& value) {
    argument.beginStructure();
    argument << value.file << value.digest;
    argument.endStructure();
    return argument;
}

const QDBusArgument& operator>>(const QDBusArgument& argument, RedpakFileDigest& value) {
    argument.beginStructure();
    argument >> value.file >> value.digest;
    argument.endStructure();
    return argument;
}

QDBusArgument& operator<<(QDBusArgument& argument, const RedpakApplication& value) {
    argument.beginStructure();
    argument << value.id << value.content << value.digest;
    argument.endStructure();
    return argument;
}

const QDBusArgument& operator>>(const QDBusArgument& argument, RedpakApplication& value) {
    argument.beginStructure();
    argument >> value.id >> value.content >> value.digest;
    argument.endStructure();
    return argument;
}

void registerHelperDBusTypes() {
    qDBusRegisterMetaType<RedpakRoot>();
    qDBusRegisterMetaType<QList<RedpakRoot>>();
    qDBusRegisterMetaType<RedpakLaunch>();
    qDBusRegisterMetaType<QList<RedpakLaunch>>();
    qDBusRegisterMetaType<RedpakFileDigest>();
    qDBusRegisterMetaType<QList<RedpakFileDigest>>();
    qDBusRegisterMetaType<RedpakApplication>();
    qDBusRegisterMetaType<QList<RedpakApplication>>();
}
