// SPDX-License-Identifier: Apache-2.0
#include "sandboxflow.h"

#include "configdocument.h"
#include "redpak/base/diagnostic.h"
#include "redpak/review/impact.h"
#include "redpak/tree/applications.h"
#include "redpak/tree/node.h"
#include "redpak/tree/templates.h"
#include "workspace.h"

#include <QDir>
#include <QFileInfo>

namespace redpak::gui {

namespace {

// The row of application `id` in `model`, or -1.
int rowOf(const ApplicationsModel& model, const QString& id) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.data(model.index(row), ApplicationsModel::IdRole).toString() == id) {
            return row;
        }
    }
    return -1;
}

} // namespace

SandboxFlow::SandboxFlow(Workspace* workspace, LaunchModel* launches, QObject* parent)
    : QObject(parent), m_workspace(workspace), m_newNode(new NodeActions(workspace, this)),
      m_writer(new ApplicationsModel(workspace, launches, this)), m_review(new ReviewModel(this)) {
    connect(m_newNode, &NodeActions::formChanged, this, [this] {
        if (m_target == Target::NewNode && !m_busy) {
            updateReview();
        }
    });
    connect(m_newNode, &NodeActions::created, this, [this](const QString& path) {
        Q_EMIT treeChanged();
        writeApplication(path, true);
    });
    connect(m_writer, &ApplicationsModel::changeFinished, this, &SandboxFlow::applicationWritten);
    connect(m_newNode, &NodeActions::failed, this, [this](const QString& error) {
        setBusy(false, tr("The node could not be created: %1").arg(error));
    });
}

void SandboxFlow::start(const QString& selectedNode) {
    m_selectedNode = selectedNode;
    m_nodes.clear();
    m_rootNodes.clear();
    for (const QString& root : m_workspace->roots()) {
        try {
            for (const TreeEntry& entry : enumerateTree(root.toStdString())) {
                m_nodes << QString::fromStdString(entry.location.base.string());
                if (entry.parentIndex < 0) {
                    m_rootNodes << m_nodes.last();
                }
            }
        } catch (const InputError&) {
            // A root that cannot be listed offers no node; the tree says why.
        }
    }
    Q_EMIT nodesChanged();
    m_existingNode =
        m_nodes.contains(selectedNode) || m_nodes.isEmpty() ? selectedNode : m_nodes.first();
    m_target = Target::NewNode;
    m_addToMenu = false;
    m_name.clear();
    m_hostFile.clear();
    m_commandLine.clear();
    m_terminal = false;
    Q_EMIT applicationChanged();
    setBusy(false, QString());
    updateReview();
}

void SandboxFlow::chooseHostApplication(const QString& file, const QString& name, bool terminal) {
    m_hostFile = file;
    m_commandLine.clear();
    chooseApplication(name, terminal);
}

void SandboxFlow::chooseCommand(const QString& name, const QString& commandLine, bool terminal) {
    m_hostFile.clear();
    m_commandLine = commandLine;
    chooseApplication(name.trimmed(), terminal);
}

void SandboxFlow::chooseApplication(const QString& name, bool terminal) {
    m_name = name;
    m_terminal = terminal;
    Q_EMIT applicationChanged();
    proposeNewNode();
    updateReview();
}

// A node of its own for the application: below the selected node, else below the first root
// node that can be reviewed; the alias from the application's name, the preset from its kind.
void SandboxFlow::proposeNewNode() {
    QString parent = m_selectedNode;
    if (parent.isEmpty()) {
        parent = firstValidRootNode();
    }
    const QString base = QString::fromStdString(applicationIdFor(m_name.toStdString()));
    QString alias = base;
    for (int n = 2; !parent.isEmpty() && QFileInfo::exists(QDir(parent).filePath(alias)); ++n) {
        alias = base + QLatin1Char('-') + QString::number(n);
    }
    m_newNode->setParentPath(parent);
    m_newNode->setAlias(alias);
    m_newNode->setTemplateName(QString::fromStdString(templateForApplication(isGraphical())));
}

QString SandboxFlow::firstValidRootNode() const {
    for (const QString& node : m_rootNodes) {
        try {
            computeNodeGrant(node.toStdString()); // what a child's review merges first
            return node;
        } catch (const InputError&) {
            // Broken (its config does not parse): a node below it could not be reviewed.
        }
    }
    if (!m_nodes.isEmpty()) {
        return m_nodes.first(); // none valid: the review says why
    }
    return m_workspace->roots().isEmpty() ? QString() : m_workspace->roots().first();
}

void SandboxFlow::setTarget(Target target) {
    if (target != m_target) {
        m_target = target;
        updateReview();
    }
}

void SandboxFlow::setExistingNode(const QString& path) {
    if (path != m_existingNode) {
        m_existingNode = path;
        updateReview();
    }
}

void SandboxFlow::setAddToMenu(bool add) {
    if (add != m_addToMenu) {
        m_addToMenu = add;
        Q_EMIT formChanged();
    }
}

QString SandboxFlow::targetNode() const {
    switch (m_target) {
    case Target::SelectedNode:
        return m_selectedNode;
    case Target::ExistingNode:
        return m_existingNode;
    case Target::NewNode:
        break;
    }
    return m_newNode->targetPath();
}

// The node whose store and applications decide whether the application can be written: the
// target, or the parent of a node still to create (same root, same store).
QString SandboxFlow::writerNode() const {
    return m_target == Target::NewNode ? m_newNode->parentPath() : targetNode();
}

QString SandboxFlow::targetError() const {
    if (m_name.isEmpty()) {
        return tr("Choose an application first.");
    }
    if (m_target == Target::NewNode && !m_newNode->aliasError().isEmpty()) {
        return m_newNode->aliasError();
    }
    if (writerNode().isEmpty()) {
        return tr("Choose a node.");
    }
    if (!m_writer->isEditable()) {
        return tr("%1 is not in an opened tree.").arg(writerNode());
    }
    return {};
}

bool SandboxFlow::canConfirm() const {
    return !m_busy && targetError().isEmpty() && m_review->status() == ReviewModel::Status::Ready &&
           (m_target != Target::NewNode || m_newNode->canCreate());
}

// What the chosen node grants compared with its parent, computed again at every change of the
// form (an in-memory merge of one family).
void SandboxFlow::updateReview() {
    m_writer->setNodePath(writerNode());
    if (!targetError().isEmpty()) {
        m_review->clear();
        Q_EMIT formChanged();
        return;
    }
    try {
        const std::string target = targetNode().toStdString();
        m_review->setReport(m_target == Target::NewNode
                                ? computeCreationGrant(target, m_newNode->alias().toStdString(),
                                                       m_newNode->templateName().toStdString())
                                : computeNodeGrant(target));
    } catch (const InputError& error) {
        m_review->fail(QString::fromStdString(error.diagnostic().format()));
    }
    Q_EMIT formChanged();
}

void SandboxFlow::confirm() {
    if (!canConfirm()) {
        return;
    }
    setBusy(true, QString());
    if (m_target == Target::NewNode) {
        m_newNode->create(); // then `created` or `failed`
    } else {
        writeApplication(targetNode(), false);
    }
}

void SandboxFlow::writeApplication(const QString& nodePath, bool createdForIt) {
    m_writer->setNodePath(nodePath);
    m_writing = nodePath;
    m_createdForIt = createdForIt;
    const bool asked = m_hostFile.isEmpty()
                           ? m_writer->addCommand(m_name, m_commandLine, m_terminal)
                           : m_writer->importHostApplication(m_hostFile);
    if (!asked) {
        failWrite(nodePath, m_writer->error());
    }
    // Else the store answers later: applicationWritten.
}

void SandboxFlow::applicationWritten(const QString& nodePath, const QString& applicationId,
                                     const QString& error) {
    if (!m_busy || nodePath != m_writing) {
        return; // not the write this flow asked for
    }
    if (!error.isEmpty()) {
        failWrite(nodePath, error);
        return;
    }
    m_writing.clear();
    QString problem;
    if (m_addToMenu && !m_writer->setInMenu(rowOf(*m_writer, applicationId), true)) {
        problem = tr("%1 was added to %2, but not to the desktop menu: %3")
                      .arg(m_name, nodePath, m_writer->error());
    }
    setBusy(false, problem);
    Q_EMIT finished(nodePath);
}

void SandboxFlow::failWrite(const QString& nodePath, const QString& reason) {
    m_writing.clear();
    if (m_createdForIt) {
        rollBack(nodePath, reason);
    } else {
        setBusy(false, tr("The application could not be added: %1").arg(reason));
    }
}

// The node made for an application that could not be written into it is deleted again, so
// that nothing stays half-made; if even that fails, the message says what is left.
void SandboxFlow::rollBack(const QString& nodePath, const QString& reason) {
    NodeStore* store = m_workspace->storeFor(nodePath);
    if (!store) {
        setBusy(false, tr("The application could not be added: %1").arg(reason));
        return;
    }
    store->deleteNode(nodePath, this, [this, nodePath, reason](const StoreResult& result) {
        Q_EMIT treeChanged();
        setBusy(false,
                result.ok()
                    ? tr("The application could not be added: %1. The node %2 made for "
                         "it was deleted again.")
                          .arg(reason, nodePath)
                    : tr("The application could not be added: %1. The node %2 made for "
                         "it is left and could not be deleted (%3): delete it from the tree.")
                          .arg(reason, nodePath, storeErrorMessage(result)));
    });
}

void SandboxFlow::setBusy(bool busy, const QString& error) {
    m_busy = busy;
    m_errorString = error;
    Q_EMIT busyChanged();
    Q_EMIT formChanged();
}

} // namespace redpak::gui
