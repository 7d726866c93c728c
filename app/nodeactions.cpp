// SPDX-License-Identifier: Apache-2.0
#include "nodeactions.h"

#include "configdocument.h"
#include "redpak/config/config.h"
#include "redpak/tree/templates.h"
#include "workspace.h"

#include <QDir>
#include <QFileInfo>

namespace redpak::gui {

NodeActions::NodeActions(Workspace* workspace, QObject* parent)
    : QObject(parent), m_workspace(workspace),
      m_templateName(QString::fromUtf8(kDefaultTemplate.data(),
                                       static_cast<qsizetype>(kDefaultTemplate.size()))) {}

QStringList NodeActions::templates() const {
    QStringList names;
    for (const std::string& name : templateNames()) {
        names.append(QString::fromStdString(name));
    }
    return names;
}

void NodeActions::setParentPath(const QString& path) {
    if (path != m_parentPath) {
        m_parentPath = path;
        Q_EMIT formChanged();
    }
}

void NodeActions::setAlias(const QString& alias) {
    if (alias != m_alias) {
        m_alias = alias;
        Q_EMIT formChanged();
    }
}

void NodeActions::setTemplateName(const QString& name) {
    if (name != m_templateName) {
        m_templateName = name;
        Q_EMIT formChanged();
    }
}

QString NodeActions::targetPath() const {
    return m_parentPath.isEmpty() ? QString() : QDir(m_parentPath).filePath(m_alias);
}

QString NodeActions::aliasError() const {
    if (m_alias.isEmpty()) {
        return tr("Enter an alias: it names the node and its directory.");
    }
    if (!isValidAlias(m_alias.toStdString())) {
        return tr("Use 1 to 255 letters, digits or the characters + - _ @ :");
    }
    if (QFileInfo::exists(targetPath())) {
        return tr("%1 already exists.").arg(targetPath());
    }
    return {};
}

bool NodeActions::canCreate() const {
    return !m_busy && !m_parentPath.isEmpty() && aliasError().isEmpty() &&
           templates().contains(m_templateName) && m_workspace->storeFor(m_parentPath);
}

void NodeActions::finish(const QString& error) {
    m_busy = false;
    m_errorString = error;
    Q_EMIT busyChanged();
    Q_EMIT formChanged();
    if (!error.isEmpty()) {
        Q_EMIT failed(error);
    }
}

void NodeActions::create() {
    if (!canCreate()) {
        return;
    }
    NodeStore* store = m_workspace->storeFor(m_parentPath);
    const QString target = targetPath();
    m_busy = true;
    m_errorString.clear();
    Q_EMIT busyChanged();
    store->createNode(m_parentPath, m_alias, m_templateName, this,
                      [this, target](const StoreResult& result) {
                          finish(storeErrorMessage(result));
                          if (result.ok()) {
                              Q_EMIT created(target);
                          }
                      });
}

void NodeActions::remove(const QString& path) {
    NodeStore* store = m_workspace->storeFor(path);
    if (!store || m_busy) {
        return;
    }
    m_busy = true;
    m_errorString.clear();
    Q_EMIT busyChanged();
    store->deleteNode(path, this, [this, path](const StoreResult& result) {
        finish(storeErrorMessage(result));
        if (result.ok()) {
            Q_EMIT removed(path);
        }
    });
}

} // namespace redpak::gui
