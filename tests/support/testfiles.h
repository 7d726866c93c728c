// SPDX-License-Identifier: Apache-2.0
// What another program does to the files of a test tree, for QML tests: an editor that writes
// a file in place or replaces it (rename), and an approval made with the CLI (core's
// approveNode, what `redconf audit approve` runs).
#pragma once

#include "redpak/base/diagnostic.h"
#include "redpak/review/approval.h"

#include <QFile>
#include <QObject>
#include <QSaveFile>
#include <QString>

namespace redpak::gui::test {

class TestFiles : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    Q_INVOKABLE QString read(const QString& path) const {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }
    // Writes `text` over the file in place (the same inode).
    Q_INVOKABLE bool writeInPlace(const QString& path, const QString& text) const {
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
               file.write(text.toUtf8()) >= 0;
    }
    // Replaces the file with a new one holding `text` (write a temporary, rename).
    Q_INVOKABLE bool replace(const QString& path, const QString& text) const {
        QSaveFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0 && file.commit();
    }
    Q_INVOKABLE bool approve(const QString& nodeDir) const {
        try {
            approveNode(nodeDir.toStdString(), "approved from the command line");
            return true;
        } catch (const InputError&) {
            return false;
        }
    }
};

} // namespace redpak::gui::test
