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
#include <QSet>

namespace redpak::gui {

namespace {

QSet<QString> applicationIds(const ApplicationsModel& model) {
    QSet<QString> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        ids.insert(model.data(model.index(row), ApplicationsModel::IdRole).toString());
    }
    return ids;
}

// The row of the application `model` has and `before` had not, or -1.
int addedRow(const ApplicationsModel& model, const QSet<QString>& before) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (!before.contains(model.data(model.index(row), ApplicationsModel::IdRole).toString())) {
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
    connect(m_newNode, &NodeActions::failed, this, [this](const QString& error) {
        setBusy(false, tr("The node could not be created: %1").arg(error));
    });
}

void SandboxFlow::start(const QString& selectedNode) {
    m_selectedNode = selectedNode;
    m_nodes.clear();
    for (const QString& root : m_workspace->roots()) {
        try {
            for (const TreeEntry& entry : enumerateTree(root.toStdString())) {
                m_nodes << QString::fromStdString(entry.location.base.string());
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

// A node of its own for the application: below the selected node, else below the first node
// of the opened roots; the alias from the application's name, the preset from its kind.
void SandboxFlow::proposeNewNode() {
    QString parent = m_selectedNode;
    if (parent.isEmpty()) {
        parent = !m_nodes.isEmpty()                ? m_nodes.first()
                 : !m_workspace->roots().isEmpty() ? m_workspace->roots().first()
                                                   : QString();
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
        return tr("%1 is in a system tree: add applications there as root with 'redconf app'.")
            .arg(writerNode());
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
    m_writer->reload(); // a node just created: its (empty) list is read now
    const QSet<QString> before = applicationIds(*m_writer);
    const bool added = m_hostFile.isEmpty()
                           ? m_writer->addCommand(m_name, m_commandLine, m_terminal)
                           : m_writer->importHostApplication(m_hostFile);
    if (!added) {
        if (createdForIt) {
            rollBack(nodePath, m_writer->error());
        } else {
            setBusy(false, tr("The application could not be added: %1").arg(m_writer->error()));
        }
        return;
    }
    QString problem;
    if (m_addToMenu && !m_writer->setInMenu(addedRow(*m_writer, before), true)) {
        problem = tr("%1 was added to %2, but not to the desktop menu: %3")
                      .arg(m_name, nodePath, m_writer->error());
    }
    setBusy(false, problem);
    Q_EMIT finished(nodePath);
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
