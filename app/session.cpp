// SPDX-License-Identifier: Apache-2.0
#include "session.h"

#include "redpak/base/diagnostic.h"
#include "redpak/tree/application_menu.h"

#include <QDir>

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
      m_recentTrees(new RecentTrees(workspace, this)) {
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
        m_tree->setRunningNodes(m_launches->runningNodes());
        m_findings->reload();
        m_audit->refresh();
    });
    connect(m_actions, &NodeActions::created, this, [this](const QString& path) {
        m_tree->reload();
        setCurrentNode(path);
    });
    // A sandboxed application shows in its node, selected, on the Applications page.
    connect(m_sandbox, &SandboxFlow::treeChanged, m_tree, &NodeTreeModel::reload);
    connect(m_sandbox, &SandboxFlow::finished, this, [this](const QString& path) {
        setCurrentNode(path);
        m_applications->reload();
    });
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
    m_findings->setNodePath(clean);
    m_audit->setNodePath(clean);
    Q_EMIT currentNodeChanged();
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
    return isModified() && (!m_normal->isModified() || m_normal->isValid()) &&
           (!m_admin->isModified() || m_admin->isValid());
}

ConfigDocument* Session::modifiedDocument() const {
    for (ConfigDocument* document : {m_normal, m_admin}) {
        if (document->isModified()) {
            return document;
        }
    }
    return nullptr;
}

void Session::nodeFilesWritten(const QString& nodeDir) {
    // A save changes no node's place in the tree: only the families containing it change.
    m_tree->reinspectFamiliesOf(nodeDir);
    m_effective->reload();
    m_findings->reload();
    m_audit->refresh();
}

} // namespace redpak::gui
