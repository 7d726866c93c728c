// SPDX-License-Identifier: Apache-2.0
#include "recenttrees.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace redpak::gui {

namespace {

const QString kSettingsKey = QStringLiteral("recentTrees");

} // namespace

QStringList withRecentTree(const QStringList& recent, const QString& opened, int max) {
    QStringList out{opened};
    for (const QString& path : recent) {
        if (out.size() >= max) {
            break;
        }
        if (path != opened) {
            out << path;
        }
    }
    return out;
}

QStringList existingTrees(const QStringList& recent) {
    QStringList out;
    for (const QString& path : recent) {
        if (QFileInfo(path).isDir()) {
            out << path;
        }
    }
    return out;
}

RecentTrees::RecentTrees(Workspace* workspace, QObject* parent)
    : QObject(parent), m_workspace(workspace) {
    const QStringList saved = QSettings().value(kSettingsKey).toStringList();
    m_paths = existingTrees(saved);
    if (m_paths != saved) {
        store(m_paths);
    }
}

bool RecentTrees::open(const QString& path) {
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    const bool opened = m_workspace->openRoot(clean);
    QStringList paths = m_paths;
    if (opened) {
        paths = withRecentTree(paths, clean, kMaxRecentTrees);
    } else {
        paths.removeAll(clean);
    }
    if (paths != m_paths) {
        m_paths = paths;
        store(m_paths);
        Q_EMIT pathsChanged();
    }
    return opened;
}

void RecentTrees::clear() {
    if (!m_paths.isEmpty()) {
        m_paths.clear();
        store(m_paths);
        Q_EMIT pathsChanged();
    }
}

void RecentTrees::store(const QStringList& paths) {
    QSettings().setValue(kSettingsKey, paths);
}

} // namespace redpak::gui
