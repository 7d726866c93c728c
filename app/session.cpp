// SPDX-License-Identifier: Apache-2.0
#include "session.h"

#include "redpak/base/diagnostic.h"
#include "redpak/tree/application_menu.h"
#include "redpak/tree/node.h"

#include <QDir>
#include <algorithm>

namespace redpak::gui {

Session::Session(Workspace* workspace, LaunchModel::LauncherFor launcherFor, QObject* parent)
    : QObject(parent), m_workspace(workspace), m_tree(new NodeTreeModel(workspace, this)),
      m_filteredTree(new NodeFilterModel(this)),
      m_normal(new ConfigDocument(workspace, ConfigKind::Normal, this)),
      m_admin(new ConfigDocument(workspace, ConfigKind::Admin, this)),
      m_effective(new EffectiveConfigModel(this)), m_launches(new LaunchModel(launcherFor, this)),
      m_applications(new ApplicationsModel(workspace, m_launches, this)),
      m_hostApplications(new HostApplicationsModel(this)),
      m_verify(new VerifyModel(std::move(launcherFor), this)),
      m_actions(new NodeActions(workspace, this)), m_review(new ReviewModel(this)),
      m_findings(new FindingsModel(this)), m_audit(new AuditController(this)),
      m_sandbox(new SandboxFlow(workspace, m_launches, this)),
      m_recentTrees(new RecentTrees(workspace, this)), m_watcher(new TreeWatcher(this)),
      m_treeFindings(new TreeFindings(this)) {
    m_filteredTree->setSourceModel(m_tree);
    m_audit->setWorkspace(workspace);
    for (ConfigDocument* document : {m_normal, m_admin}) {
        connect(document, &ConfigDocument::modifiedChanged, this, &Session::modifiedChanged);
        connect(document, &ConfigDocument::validationChanged, this, &Session::modifiedChanged);
        connect(document, &ConfigDocument::saved, this,
                [this] { nodeFilesWritten(m_currentNode); });
    }
    connect(m_launches, &LaunchModel::runningChanged, this,
            [this] { m_tree->setRunningNodes(m_launches->runningNodes()); });
    // A save, a create, a delete or a refresh reloads the tree: findings and drift follow.
    connect(m_tree, &QAbstractItemModel::modelReset, this, [this] {
        m_watcher->watch(m_tree->nodeLocations());
        analyzeTreeFindings();
        m_tree->setRunningNodes(m_launches->runningNodes());
        m_findings->reload();
        m_audit->refresh();
    });
    connect(m_watcher, &TreeWatcher::nodesChanged, this, &Session::nodeFilesChanged);
    // The badges count what the effective view's mode shows.
    connect(m_effective, &EffectiveConfigModel::adminModeChanged, this, [this] {
        m_tree->setAdminMode(m_effective->adminMode());
        analyzeTreeFindings();
    });
    connect(m_tree, &NodeTreeModel::inspectionProgressChanged, this, [this] {
        if (m_treeFindingsStale) {
            analyzeTreeFindings();
        }
    });
    connect(m_treeFindings, &TreeFindings::analyzed, m_tree, &NodeTreeModel::setFindingErrors);
    connect(m_actions, &NodeActions::created, this, [this](const QString& path) {
        m_tree->reload();
        setCurrentNode(path);
    });
    // A sandboxed application shows in its node on the Applications page; the window selects
    // that node through its unsaved-changes guard (Main.qml requestNode).
    connect(m_sandbox, &SandboxFlow::treeChanged, m_tree, &NodeTreeModel::reload);
    connect(m_sandbox, &SandboxFlow::finished, m_applications, &ApplicationsModel::reload);
    connect(m_actions, &NodeActions::removed, this, [this](const QString& path) {
        removeMenuEntriesOf(path);
        if (m_currentNode == path) {
            setCurrentNode(QString());
        }
        m_tree->reload();
    });
}

void Session::setCurrentNode(const QString& path) {
    const QString clean = path.isEmpty() ? QString() : QDir::cleanPath(path);
    if (clean == m_currentNode) {
        return;
    }
    m_currentNode = clean;
    for (ConfigDocument* document : {m_normal, m_admin}) {
        if (clean.isEmpty()) {
            document->close();
        } else {
            document->load(clean);
        }
    }
    m_effective->setNodePath(clean);
    m_applications->setNodePath(clean);
    m_review->clear();
    m_launches->clearDryRun(); // a plan is never shown for another node than its own
    m_findings->setNodePath(clean);
    m_audit->setNodePath(clean);
    Q_EMIT currentNodeChanged();
}

bool Session::reopenNode(const QString& path) {
    if (!m_currentNode.isEmpty() || path.isEmpty() || !m_workspace->storeFor(path)) {
        return false;
    }
    try {
        if (!locateNode(path.toStdString())) {
            return false;
        }
    } catch (const InputError&) {
        return false; // unreadable now: the tree shows why
    }
    setCurrentNode(path);
    return true;
}

// A deleted node's applications leave the user's menu with it (and its children's).
void Session::removeMenuEntriesOf(const QString& nodeDir) {
    try {
        const std::filesystem::path menuDir = userApplicationsDirectory();
        if (!removeMenuEntriesOfNode(menuDir, nodeDir.toStdString()).empty()) {
            refreshDesktopDatabase(menuDir);
        }
    } catch (const InputError&) {
        // No menu directory (no HOME): there is no entry to remove either.
    }
}

bool Session::canSaveAll() const {
    const auto savable = [](const ConfigDocument* document) {
        return !document->isModified() || (document->isValid() && !document->hasRefusedInput());
    };
    return isModified() && savable(m_normal) && savable(m_admin);
}

ConfigDocument* Session::modifiedDocument() const {
    for (ConfigDocument* document : {m_normal, m_admin}) {
        if (document->isModified()) {
            return document;
        }
    }
    return nullptr;
}

void Session::analyzeTreeFindings() {
    // After the inspection: the badges it brings come first, and both read the same files.
    m_treeFindingsStale = true;
    if (m_tree->isInspecting()) {
        return;
    }
    m_treeFindingsStale = false;
    m_treeFindings->analyze(m_workspace->roots(),
                            m_effective->adminMode() ? MergeMode::Admin : MergeMode::Normal);
}

void Session::nodeFilesWritten(const QString& nodeDir) {
    // A save changes no node's place in the tree: only the families containing it change.
    m_tree->reinspectFamiliesOf(nodeDir);
    analyzeTreeFindings();
    refreshViewsOf({nodeDir});
}

namespace {
bool isNode(const QString& dir) {
    try {
        return locateNode(dir.toStdString()).has_value();
    } catch (const InputError&) {
        return true; // there, but unreadable: its inspection reports why
    }
}
} // namespace

void Session::nodeFilesChanged(const QStringList& changed) {
    QStringList nodeDirs; // of the tree shown (a change may be told after the tree was read again)
    for (const QString& dir : changed) {
        if (m_tree->indexForPath(dir).isValid()) {
            nodeDirs.append(dir);
        }
    }
    if (!std::all_of(nodeDirs.begin(), nodeDirs.end(), isNode)) {
        m_tree->reload(); // a node went away: the tree is not what it was
        return;
    }
    for (const QString& nodeDir : nodeDirs) {
        // A node's re-inspection covers its descendants: each subtree once.
        const bool belowAnother =
            std::any_of(nodeDirs.begin(), nodeDirs.end(), [&nodeDir](const QString& other) {
                return other != nodeDir && isPathWithin(nodeDir, other);
            });
        if (!belowAnother) {
            m_tree->reinspectFamiliesOf(nodeDir);
        }
    }
    analyzeTreeFindings();
    refreshViewsOf(nodeDirs);
}

void Session::refreshViewsOf(const QStringList& nodeDirs) {
    if (m_currentNode.isEmpty()) {
        return;
    }
    // The node itself or one of its ancestors: what it merges to changed.
    const bool family = std::any_of(nodeDirs.begin(), nodeDirs.end(), [this](const QString& dir) {
        return isPathWithin(m_currentNode, dir);
    });
    // The findings of a whole subtree also hold those of the nodes below.
    const bool below = m_findings->recursive() &&
                       std::any_of(nodeDirs.begin(), nodeDirs.end(), [this](const QString& dir) {
                           return isPathWithin(dir, m_currentNode);
                       });
    if (family) {
        m_effective->reload();
        m_audit->refresh();
        m_launches->clearDryRun();
        m_normal->familyCheck()->recheck();
        m_admin->familyCheck()->recheck();
    }
    if (family || below) {
        m_findings->reload();
    }
}

} // namespace redpak::gui
