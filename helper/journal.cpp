// SPDX-License-Identifier: Apache-2.0
#include "journal.h"

#include "helpererror.h"
#include "safedir.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace redpak::helper {
namespace {

SafeDir openOrCreateTrusted(const std::filesystem::path& dir) {
    try {
        return SafeDir::openTrusted(dir);
    } catch (const HelperError& error) {
        if (error.kind() != ErrorKind::NotFound) {
            throw;
        }
    }
    SafeDir::openTrusted(dir.parent_path()).makeDirectory(dir.filename().string(), 0755);
    return SafeDir::openTrusted(dir);
}

} // namespace

JournalEntry JournalEntry::change(uid_t uid, QString action, QString node, QString file,
                                  QString oldDigest, QString newDigest) {
    JournalEntry entry;
    entry.uid = uid;
    entry.action = std::move(action);
    entry.node = std::move(node);
    entry.file = std::move(file);
    entry.oldDigest = std::move(oldDigest);
    entry.newDigest = std::move(newDigest);
    return entry;
}

Journal::Journal(std::filesystem::path stateDir) : m_stateDir(std::move(stateDir)) {}

void Journal::append(const JournalEntry& entry) {
    QJsonObject line{
        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("uid"), static_cast<qint64>(entry.uid)},
        {QStringLiteral("action"), entry.action},
        {QStringLiteral("node"), entry.node},
        {QStringLiteral("file"), entry.file},
        {QStringLiteral("old"), entry.oldDigest},
        {QStringLiteral("new"), entry.newDigest}};
    if (entry.launchId) {
        line.insert(QStringLiteral("launch"), static_cast<qint64>(*entry.launchId));
    }
    if (entry.identity) {
        line.insert(QStringLiteral("user"), static_cast<qint64>(entry.identity->uid));
        line.insert(QStringLiteral("group"), static_cast<qint64>(entry.identity->gid));
    }
    if (entry.admin) {
        line.insert(QStringLiteral("admin"), *entry.admin);
    }
    if (entry.status) {
        line.insert(QStringLiteral("status"), *entry.status);
    }
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    const std::lock_guard lock(m_mutex);
    const SafeDir dir = openOrCreateTrusted(m_stateDir);
    const int fd =
        ::openat(dir.fd(), "journal", O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        throwSystemError("cannot open the journal", errno);
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    // One write() with O_APPEND: a line is never split by another appender.
    const ssize_t written = ::write(fd, bytes.constData(), static_cast<size_t>(bytes.size()));
    if (written != bytes.size()) {
        throwSystemError("cannot append to the journal", written < 0 ? errno : EIO);
    }
    if (::fsync(fd) != 0) {
        throwSystemError("cannot sync the journal", errno);
    }
}

} // namespace redpak::helper
