// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the core unit tests.
#pragma once

#include "redpak/diagnostic.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTest>
#include <filesystem>
#include <string>

namespace testutil {

inline std::string str(const QByteArray& bytes) {
    return bytes.toStdString();
}

inline void writeFile(const std::filesystem::path& file, const QByteArray& content) {
    std::filesystem::create_directories(file.parent_path());
    QFile out(QString::fromStdString(file.string()));
    QVERIFY2(out.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(out.errorString()));
    QCOMPARE(out.write(content), content.size());
}

inline QByteArray readFile(const std::filesystem::path& file) {
    QFile in(QString::fromStdString(file.string()));
    if (!in.open(QIODevice::ReadOnly)) {
        return {};
    }
    return in.readAll();
}

// Every *.yaml of a directory of the test data, sorted.
inline QStringList dataFiles(const QString& subdir) {
    QDir dir(QStringLiteral(CORE_TEST_DATA) + QLatin1Char('/') + subdir);
    QStringList files;
    for (const QString& name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name)) {
        files << dir.filePath(name);
    }
    return files;
}

} // namespace testutil
