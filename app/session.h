// SPDX-License-Identifier: Apache-2.0
// The application's composition root: it owns every model and wires them, QML only binds to
// them. Selecting a node opens its two config files, merges its family and shows its findings
// and audit status; a save, a create, a delete or a refresh reloads the tree, and the findings
// and the audit status follow; a file changed by another program (TreeWatcher) does the same
// for the nodes whose family holds it; running launches show in the tree. Saving goes through
// `review` (ReviewModel::reviewDocument, then applyReviewed). It exposes objects, not operations:
// QML calls the models themselves.
#pragma once

#include "applicationsmodel.h"
#include "auditcontroller.h"
#include "configdocument.h"
#include "effectiveconfigmodel.h"
#include "findingsmodel.h"
#include "launchmodel.h"
#include "nodeactions.h"
#include "nodefiltermodel.h"
#include "nodetreemodel.h"
#include "recenttrees.h"
#include "reviewmodel.h"
#include "sandboxflow.h"
#include "treefindings.h"
#include "treewatcher.h"
#include "verifymodel.h"
#include "workspace.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace redpak::gui {

class Session : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(redpak::gui::Workspace* workspace READ workspace CONSTANT)
    Q_PROPERTY(redpak::gui::NodeTreeModel* tree READ tree CONSTANT)
    Q_PROPERTY(redpak::gui::NodeFilterModel* filteredTree READ filteredTree CONSTANT)
    Q_PROPERTY(redpak::gui::ConfigDocument* normalDocument READ normalDocument CONSTANT)
    Q_PROPERTY(redpak::gui::ConfigDocument* adminDocument READ adminDocument CONSTANT)
    Q_PROPERTY(redpak::gui::EffectiveConfigModel* effective READ effective CONSTANT)
    Q_PROPERTY(redpak::gui::LaunchModel* launches READ launches CONSTANT)
    Q_PROPERTY(redpak::gui::ApplicationsModel* applications READ applications CONSTANT)
    Q_PROPERTY(redpak::gui::HostApplicationsModel* hostApplications READ hostApplications CONSTANT)
    Q_PROPERTY(redpak::gui::VerifyModel* verify READ verify CONSTANT)
    Q_PROPERTY(redpak::gui::NodeActions* actions READ actions CONSTANT)
    Q_PROPERTY(redpak::gui::ReviewModel* review READ review CONSTANT)
    Q_PROPERTY(redpak::gui::FindingsModel* findings READ findings CONSTANT)
    Q_PROPERTY(redpak::gui::AuditController* audit READ audit CONSTANT)
    Q_PROPERTY(redpak::gui::SandboxFlow* sandbox READ sandbox CONSTANT)
    Q_PROPERTY(redpak::gui::RecentTrees* recentTrees READ recentTrees CONSTANT)
    Q_PROPERTY(QString currentNode READ currentNode WRITE setCurrentNode NOTIFY currentNodeChanged)
    Q_PROPERTY(bool modified READ isModified NOTIFY modifiedChanged)
    Q_PROPERTY(bool canSaveAll READ canSaveAll NOTIFY modifiedChanged)
    // The first modified file of the current node (the one to review next), or null.
    Q_PROPERTY(
        redpak::gui::ConfigDocument* modifiedDocument READ modifiedDocument NOTIFY modifiedChanged)

public:
    Session(Workspace* workspace, LaunchModel::LauncherFor launcherFor, QObject* parent = nullptr);

    Workspace* workspace() const { return m_workspace; }
    NodeTreeModel* tree() const { return m_tree; }
    NodeFilterModel* filteredTree() const { return m_filteredTree; }
    ConfigDocument* normalDocument() const { return m_normal; }
    ConfigDocument* adminDocument() const { return m_admin; }
    EffectiveConfigModel* effective() const { return m_effective; }
    LaunchModel* launches() const { return m_launches; }
    ApplicationsModel* applications() const { return m_applications; }
    HostApplicationsModel* hostApplications() const { return m_hostApplications; }
    VerifyModel* verify() const { return m_verify; }
    NodeActions* actions() const { return m_actions; }
    ReviewModel* review() const { return m_review; }
    FindingsModel* findings() const { return m_findings; }
    AuditController* audit() const { return m_audit; }
    SandboxFlow* sandbox() const { return m_sandbox; }
    RecentTrees* recentTrees() const { return m_recentTrees; }

    QString currentNode() const { return m_currentNode; }
    void setCurrentNode(const QString& path);
    // Either config file of the current node has unsaved changes.
    bool isModified() const { return m_normal->isModified() || m_admin->isModified(); }
    // Every modified file of the current node is valid and holds no refused field value, so
    // reviewing them can lead to a save.
    bool canSaveAll() const;
    ConfigDocument* modifiedDocument() const;
    // Opens the node at `path` again (the last one of a previous run) when no node is open yet,
    // and `path` is still a node of an opened root. Returns whether it was opened.
    Q_INVOKABLE bool reopenNode(const QString& path);
    // After a config file of the node at `nodeDir` was written: the families that contain it
    // are inspected again, the effective config, findings and audit status follow.
    void nodeFilesWritten(const QString& nodeDir);
    // After files of the nodes at `nodeDirs` changed on disk (TreeWatcher): the same for each,
    // the tree read again when a node went away.
    void nodeFilesChanged(const QStringList& nodeDirs);

Q_SIGNALS:
    void currentNodeChanged();
    void modifiedChanged();

private:
    void removeMenuEntriesOf(const QString& nodeDir);
    // The tree's error findings computed again once the inspection in progress ends.
    void analyzeTreeFindings();
    // The current node's views that depend on the files of the nodes at `nodeDirs`, computed
    // again.
    void refreshViewsOf(const QStringList& nodeDirs);

    Workspace* m_workspace;
    NodeTreeModel* m_tree;
    NodeFilterModel* m_filteredTree;
    ConfigDocument* m_normal;
    ConfigDocument* m_admin;
    EffectiveConfigModel* m_effective;
    LaunchModel* m_launches;
    ApplicationsModel* m_applications;
    HostApplicationsModel* m_hostApplications;
    VerifyModel* m_verify;
    NodeActions* m_actions;
    ReviewModel* m_review;
    FindingsModel* m_findings;
    AuditController* m_audit;
    SandboxFlow* m_sandbox;
    RecentTrees* m_recentTrees;
    TreeWatcher* m_watcher;
    TreeFindings* m_treeFindings;
    bool m_treeFindingsStale = true;
    QString m_currentNode;
};

} // namespace redpak::gui
