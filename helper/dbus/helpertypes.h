// SPDX-License-Identifier: Apache-2.0
// The D-Bus structures of org.redpak.Helper1.xml, named by its QtTypeName annotations, and its
// flag bits. One definition for both ends of the wire: the helper's adaptor and the GUI's generated
// proxy.
#pragma once

#include <QDBusArgument>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// The bits of the `flags` argument of the helper's methods.
inline constexpr uint kHelperAllowInteraction = 1; // polkit may ask the user to authenticate
inline constexpr uint kHelperAdmin = 2;            // Launch: merge the family in admin mode

struct RedpakRoot { // (ss)
    QString label;
    QString path;
};

struct RedpakLaunch { // (tsasxu)
    quint64 launchId = 0;
    QString node;
    QStringList command;
    qint64 startMs = 0;
    uint uid = 0;
};

struct RedpakFileDigest { // (ss)
    QString file;
    QString digest;
};

struct RedpakApplication { // (sss)
    QString id;            // desktop file ID without ".desktop"
    QString content;       // the desktop entry's text
    QString digest;        // SHA-256 of its bytes
};

QDBusArgument& operator<<(QDBusArgument& argument, const RedpakRoot& value);
const QDBusArgument& operator>>(const QDBusArgument& argument, RedpakRoot& value);
QDBusArgument& operator<<(QDBusArgument& argument, const RedpakLaunch& value);
const QDBusArgument& operator>>(const QDBusArgument& argument, RedpakLaunch& value);
QDBusArgument& operator<<(QDBusArgument& argument, const RedpakFileDigest& value);
const QDBusArgument& operator>>(const QDBusArgument& argument, RedpakFileDigest& value);
QDBusArgument& operator<<(QDBusArgument& argument, const RedpakApplication& value);
const QDBusArgument& operator>>(const QDBusArgument& argument, RedpakApplication& value);

Q_DECLARE_METATYPE(RedpakRoot)
Q_DECLARE_METATYPE(RedpakLaunch)
Q_DECLARE_METATYPE(RedpakFileDigest)
Q_DECLARE_METATYPE(RedpakApplication)

// Registers the types and their lists with QtDBus (once, before the first call).
void registerHelperDBusTypes();
