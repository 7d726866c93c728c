// SPDX-License-Identifier: Apache-2.0
// Files of the tests: written, read, and the configurations of tests/data/configs.
#pragma once

#include "redpak/base/diagnostic.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>

namespace redpak::test {

inline std::string str(const QByteArray& bytes) {
    return bytes.toStdString();
}

// Writes `content` to `file`, creating the directories above it; the test fails if it cannot.
inline void writeText(const std::filesystem::path& file, const std::string& content) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
    QVERIFY2(out.good(), file.c_str());
}

inline void writeFile(const std::filesystem::path& file, const QByteArray& content) {
    writeText(file, content.toStdString());
}

// The formatted diagnostic of the InputError `action` throws, empty when it throws none.
inline std::string refusal(const std::function<void()>& action) {
    try {
        action();
    } catch (const InputError& error) {
        return error.diagnostic().format();
    }
    return {};
}

// The content of `file`, empty when it cannot be read.
inline std::string readText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline QByteArray readFile(const std::filesystem::path& file) {
    return QByteArray::fromStdString(readText(file));
}

// Every *.yaml of tests/data/configs (configurations from REDPAK's own test set), sorted.
inline QStringList configDataFiles() {
    QDir dir(QStringLiteral(REDPAK_SOURCE_DIR) + QStringLiteral("/tests/data/configs"));
    QStringList files;
    for (const QString& name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name)) {
        files << dir.filePath(name);
    }
    return files;
}

} // namespace redpak::test

// The name the core tests use.
namespace testutil = redpak::test;
