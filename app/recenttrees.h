// SPDX-License-Identifier: Apache-2.0
// The trees the user opened with "Open tree...", most recent first, kept across runs
// (QSettings key `recentTrees`, at most kMaxRecentTrees). Directories that no longer exist are
// dropped when the list is read, and a tree that fails to open is dropped with the error shown.
#pragma once

#include "workspace.h"

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace redpak::gui {

inline constexpr int kMaxRecentTrees = 8;

// `recent` with `opened` first, once, at most `max` entries.
QStringList withRecentTree(const QStringList& recent, const QString& opened, int max);
// The entries of `recent` that are directories now.
QStringList existingTrees(const QStringList& recent);

class RecentTrees : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the session")
    Q_PROPERTY(QStringList paths READ paths NOTIFY pathsChanged)

public:
    explicit RecentTrees(Workspace* workspace, QObject* parent = nullptr);

    QStringList paths() const { return m_paths; }
    // Opens the tree at `path` in the workspace: remembered first when it opens, forgotten when
    // it does not (the workspace's openError says why).
    Q_INVOKABLE bool open(const QString& path);
    Q_INVOKABLE bool openUrl(const QUrl& folder) { return open(folder.toLocalFile()); }
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void pathsChanged();

private:
    void store(const QStringList& paths);

    Workspace* m_workspace;
    QStringList m_paths;
};

} // namespace redpak::gui
