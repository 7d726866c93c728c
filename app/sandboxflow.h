// SPDX-License-Identifier: Apache-2.0
// "Sandbox an application...": the application chosen (a host desktop entry or a command), the
// node it goes to (the selected node, another existing node, or a new node under a parent from a
// preset template), the review of what that node grants compared with its parent (core's
// computeNodeGrant / computeCreationGrant, shown by `review`), then, once confirmed, the writes:
// the new node, the application (the store's answer awaited: the helper's comes later), the menu
// entry. Invariant: nothing is written before confirm(); when the application cannot be written
// into a node made for it, that node is deleted again.
#pragma once

#include "applicationsmodel.h"
#include "nodeactions.h"
#include "reviewmodel.h"

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace redpak::gui {

class SandboxFlow : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the session")
    Q_PROPERTY(QString applicationName READ applicationName NOTIFY applicationChanged)
    Q_PROPERTY(bool graphical READ isGraphical NOTIFY applicationChanged)
    Q_PROPERTY(Target target READ target WRITE setTarget NOTIFY formChanged)
    // The node selected in the tree when the flow started ("" when none).
    Q_PROPERTY(QString selectedNode READ selectedNode NOTIFY formChanged)
    // Every node of the opened roots, parents before children.
    Q_PROPERTY(QStringList nodes READ nodes NOTIFY nodesChanged)
    Q_PROPERTY(QString existingNode READ existingNode WRITE setExistingNode NOTIFY formChanged)
    // The form of the new node: parent, alias, template and their checks.
    Q_PROPERTY(redpak::gui::NodeActions* newNode READ newNode CONSTANT)
    // Where the application goes (the new node's path for NewNode).
    Q_PROPERTY(QString targetNode READ targetNode NOTIFY formChanged)
    // Why the chosen node cannot take the application; empty when it can.
    Q_PROPERTY(QString targetError READ targetError NOTIFY formChanged)
    Q_PROPERTY(bool canConfirm READ canConfirm NOTIFY formChanged)
    Q_PROPERTY(redpak::gui::ReviewModel* review READ review CONSTANT)
    Q_PROPERTY(bool addToMenu READ addToMenu WRITE setAddToMenu NOTIFY formChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY busyChanged)

public:
    enum class Target { SelectedNode, ExistingNode, NewNode };
    Q_ENUM(Target)

    SandboxFlow(Workspace* workspace, LaunchModel* launches, QObject* parent = nullptr);

    QString applicationName() const { return m_name; }
    bool isGraphical() const { return !m_terminal; }
    Target target() const { return m_target; }
    void setTarget(Target target);
    QString selectedNode() const { return m_selectedNode; }
    QStringList nodes() const { return m_nodes; }
    QString existingNode() const { return m_existingNode; }
    void setExistingNode(const QString& path);
    NodeActions* newNode() const { return m_newNode; }
    QString targetNode() const;
    QString targetError() const;
    bool canConfirm() const;
    ReviewModel* review() const { return m_review; }
    bool addToMenu() const { return m_addToMenu; }
    void setAddToMenu(bool add);
    bool isBusy() const { return m_busy; }
    QString errorString() const { return m_errorString; }

    // Starts over for a flow opened with `selectedNode` selected in the tree.
    Q_INVOKABLE void start(const QString& selectedNode);
    // The application is the host's desktop entry `file`; `terminal` as its Terminal key.
    Q_INVOKABLE void chooseHostApplication(const QString& file, const QString& name, bool terminal);
    // The application runs `commandLine` (POSIX shell quoting) and is called `name`.
    Q_INVOKABLE void chooseCommand(const QString& name, const QString& commandLine, bool terminal);
    // Writes what was reviewed: the node when it is new, the application, the menu entry.
    Q_INVOKABLE void confirm();

    // Where menu entries are written (tests use a temporary directory).
    void setMenuDirectory(const QString& dir) { m_writer->setMenuDirectory(dir); }

Q_SIGNALS:
    void applicationChanged();
    void formChanged();
    void nodesChanged();
    void busyChanged();
    // The application is in `nodePath` (and in the menu when asked).
    void finished(const QString& nodePath);
    // A node was created (kept, or left behind by a failed roll-back): the tree is stale.
    void treeChanged();

private:
    void chooseApplication(const QString& name, bool terminal);
    void proposeNewNode();
    void updateReview();
    // The parent proposed when no node is selected: the first root node that can be reviewed.
    QString firstValidRootNode() const;
    void writeApplication(const QString& nodePath, bool createdForIt);
    // The store's answer to the application's write (ApplicationsModel::changeFinished).
    void applicationWritten(const QString& nodePath, const QString& applicationId,
                            const QString& error);
    void failWrite(const QString& nodePath, const QString& reason);
    void rollBack(const QString& nodePath, const QString& reason);
    void setBusy(bool busy, const QString& error);
    QString writerNode() const;

    Workspace* m_workspace;
    NodeActions* m_newNode;
    ApplicationsModel* m_writer; // the applications of the target node, written through it
    ReviewModel* m_review;
    QString m_name;
    QString m_hostFile;
    QString m_commandLine;
    bool m_terminal = false;
    Target m_target = Target::NewNode;
    QString m_selectedNode;
    QStringList m_nodes;
    QStringList m_rootNodes; // the nodes of m_nodes at the top of their tree
    QString m_writing;       // the node whose store is asked to write the application
    bool m_createdForIt = false;
    QString m_existingNode;
    bool m_addToMenu = false;
    bool m_busy = false;
    QString m_errorString;
};

} // namespace redpak::gui
