// SPDX-License-Identifier: Apache-2.0
// Watches the files of every node of the tree: status file, configs and audit record, each by
// itself (a write in place) and through its directory (an atomic rename replaces the file and
// ends the watch on it). Once changes settle it tells which nodes changed, so that what another
// program writes (an editor, `redconf`, an approval made with the CLI) reaches every view
// without a refresh. It knows nothing of what depends on a node: the session decides that.
#pragma once

#include "redpak/tree/node.h"

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <vector>

namespace redpak::gui {

class TreeWatcher : public QObject {
    Q_OBJECT

public:
    explicit TreeWatcher(QObject* parent = nullptr);

    // Watches the nodes at `locations`, instead of those watched before.
    void watch(const std::vector<NodeLocation>& locations);
    // The paths watched for the node at `nodeDir` (whether they exist or not).
    QStringList pathsOf(const QString& nodeDir) const { return m_pathsOf.value(nodeDir); }

Q_SIGNALS:
    // The nodes (cleaned base directories) a file of which changed, appeared or went away.
    void nodesChanged(const QStringList& nodeDirs);

private:
    void onPathChanged(const QString& path);
    void flush();
    // Watches those of `paths` that exist and are not watched (a replaced file is a new one).
    void rewatch(const QStringList& paths);

    QFileSystemWatcher m_watcher;
    QHash<QString, QString> m_nodeOf;      // watched path -> node
    QHash<QString, QStringList> m_pathsOf; // node -> its paths
    QSet<QString> m_changed;
    QTimer m_settle;
};

// The files and directories whose changes change the node at `location`: its directory and
// etc/ (renames), its status file, configs (the admin one where it would be created) and audit
// record.
QStringList watchedPathsOf(const NodeLocation& location);

} // namespace redpak::gui
