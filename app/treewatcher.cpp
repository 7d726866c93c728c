// SPDX-License-Identifier: Apache-2.0
#include "treewatcher.h"

#include <QDir>
#include <QFileInfo>

namespace redpak::gui {

namespace {
// A save writes a temporary file, renames it and may touch its directory: one change, told
// once after this quiet time.
constexpr int kSettleMs = 150;

QString pathText(const std::filesystem::path& path) {
    return QDir::cleanPath(QString::fromStdString(path.string()));
}
} // namespace

QStringList watchedPathsOf(const NodeLocation& location) {
    return {pathText(location.base),
            pathText(location.normalConfig.parent_path()),
            pathText(location.statusFile),
            pathText(location.normalConfig),
            pathText(adminConfigPath(location)),
            pathText(auditRecordPath(location.base))};
}

TreeWatcher::TreeWatcher(QObject* parent) : QObject(parent) {
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &TreeWatcher::flush);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &TreeWatcher::onPathChanged);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &TreeWatcher::onPathChanged);
}

void TreeWatcher::watch(const std::vector<NodeLocation>& locations) {
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    if (!watched.isEmpty()) {
        m_watcher.removePaths(watched);
    }
    m_nodeOf.clear();
    m_pathsOf.clear();
    m_changed.clear();
    m_settle.stop();
    QStringList all;
    for (const NodeLocation& location : locations) {
        const QString node = pathText(location.base);
        const QStringList paths = watchedPathsOf(location);
        for (const QString& path : paths) {
            m_nodeOf.insert(path, node);
        }
        m_pathsOf.insert(node, paths);
        all += paths;
    }
    rewatch(all);
}

void TreeWatcher::rewatch(const QStringList& paths) {
    const QStringList files = m_watcher.files() + m_watcher.directories();
    const QSet<QString> watched(files.cbegin(), files.cend());
    QStringList missing;
    for (const QString& path : paths) {
        if (!watched.contains(path) && QFileInfo::exists(path)) {
            missing.append(path);
        }
    }
    if (!missing.isEmpty()) {
        m_watcher.addPaths(missing);
    }
}

void TreeWatcher::onPathChanged(const QString& path) {
    const auto node = m_nodeOf.constFind(QDir::cleanPath(path));
    if (node == m_nodeOf.constEnd()) {
        return;
    }
    m_changed.insert(*node);
    if (!m_settle.isActive()) {
        m_settle.start();
    }
}

void TreeWatcher::flush() {
    QStringList nodes(m_changed.cbegin(), m_changed.cend());
    m_changed.clear();
    nodes.sort();
    QStringList paths;
    for (const QString& node : nodes) {
        paths += m_pathsOf.value(node);
    }
    rewatch(paths);
    Q_EMIT nodesChanged(nodes);
}

} // namespace redpak::gui
