// SPDX-License-Identifier: Apache-2.0
// Creating and deleting nodes from the GUI. The create form's state lives here so that QML only
// binds: the alias is checked with core's isValidAlias, the template list comes from core, and
// the store of the parent's root does the work (locally or through the helper).
#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace redpak::gui {

class Workspace;

class NodeActions : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QStringList templates READ templates CONSTANT)
    Q_PROPERTY(QString parentPath READ parentPath WRITE setParentPath NOTIFY formChanged)
    Q_PROPERTY(QString alias READ alias WRITE setAlias NOTIFY formChanged)
    Q_PROPERTY(QString templateName READ templateName WRITE setTemplateName NOTIFY formChanged)
    // Index of templateName in `templates`.
    Q_PROPERTY(int templateIndex READ templateIndex NOTIFY formChanged)
    Q_PROPERTY(QString targetPath READ targetPath NOTIFY formChanged)
    Q_PROPERTY(QString aliasError READ aliasError NOTIFY formChanged)
    Q_PROPERTY(bool canCreate READ canCreate NOTIFY formChanged)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY busyChanged)

public:
    explicit NodeActions(Workspace* workspace, QObject* parent = nullptr);

    QStringList templates() const;
    QString parentPath() const { return m_parentPath; }
    void setParentPath(const QString& path);
    QString alias() const { return m_alias; }
    void setAlias(const QString& alias);
    QString templateName() const { return m_templateName; }
    int templateIndex() const { return templates().indexOf(m_templateName); }
    void setTemplateName(const QString& name);
    QString targetPath() const;
    QString aliasError() const;
    bool canCreate() const;
    bool isBusy() const { return m_busy; }
    QString errorString() const { return m_errorString; }

    // Creates parentPath/alias from the template.
    Q_INVOKABLE void create();
    // Deletes the node at `path` (refused when it holds other nodes).
    Q_INVOKABLE void remove(const QString& path);

Q_SIGNALS:
    void formChanged();
    void busyChanged();
    void created(const QString& path);
    void removed(const QString& path);
    // A create or a delete was refused; `error` is errorString.
    void failed(const QString& error);

private:
    void finish(const QString& error);

    Workspace* m_workspace;
    QString m_parentPath;
    QString m_alias;
    QString m_templateName;
    bool m_busy = false;
    QString m_errorString;
};

} // namespace redpak::gui
