// SPDX-License-Identifier: Apache-2.0
// The applications of the selected node (core tree/applications.h), one row each, with what
// the Applications page does to them: launch and stop (through LaunchModel, so output and exit
// status stay in the Launch tab), the user's desktop menu entry (tree/application_menu.h),
// remove, and sandbox a command or a host application into the node. Nothing here parses or
// validates an entry: core does, and refuses what it refuses with the file and line. The list
// is read and changed through the node's store (NodeStore: the user's files, or the helper for
// a system node), asynchronously; each change carries the digest of the entry as listed.
#pragma once

#include "launchmodel.h"
#include "workspace.h"

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <optional>
#include <vector>

namespace redpak::gui {

// The command the node's application `applicationId` runs (its Exec, field codes expanded
// for no file), read from the node's snapshot; nullopt with `error` set when it cannot be.
std::optional<QStringList> applicationCommand(const QString& nodeDir, const QString& applicationId,
                                              QString* error);

// What both lists show of an application, under the same first roles.
struct ApplicationText {
    QString id;
    QString name;
    QString icon;
    QString command; // as a shell command line
};

class ApplicationsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QString nodePath READ nodePath NOTIFY nodePathChanged)
    // Why the node's applications could not be read or changed, empty when all is well.
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    // Whether applications can be added and removed here (the node is under an opened root:
    // the user's, or a system root through the helper).
    Q_PROPERTY(bool editable READ isEditable NOTIFY nodePathChanged)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        NameRole,
        IconRole,
        CommandRole, // the command line, for display
        TerminalRole,
        InMenuRole,
        RunningRole,
    };
    Q_ENUM(Roles)

    ApplicationsModel(Workspace* workspace, LaunchModel* launches, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString nodePath() const { return m_nodePath; }
    QString error() const { return m_error; }
    bool isEditable() const;

    void setNodePath(const QString& nodeDir);
    // Asks the store for the list again; the rows change when it answers.
    Q_INVOKABLE void reload();
    // Launches the application of `row`; returns the row of the launch in LaunchModel.
    Q_INVOKABLE int launch(int row, bool admin);
    Q_INVOKABLE void stop(int row);
    Q_INVOKABLE bool setInMenu(int row, bool inMenu);
    // The changes below return false when refused before the store is asked (`error` says
    // why), else true: the store's answer follows, the list read again or its refusal (not
    // authorized, changed since listed, ...) in `error`.
    Q_INVOKABLE bool remove(int row);
    // Adds an application running `commandLine` (POSIX shell quoting) called `name`.
    Q_INVOKABLE bool addCommand(const QString& name, const QString& commandLine, bool terminal);
    // Copies the host's desktop entry `file` into the node as it is.
    Q_INVOKABLE bool importHostApplication(const QString& file);

    // Where menu entries are written (tests use a temporary directory).
    void setMenuDirectory(const QString& dir) { m_menuDir = dir; }

Q_SIGNALS:
    void nodePathChanged();
    void errorChanged();
    // The store answered a change that was asked (a write or a removal of `applicationId` in
    // `nodePath`): `error` is empty when it was made, the list then already read again, else
    // it says why nothing was changed (as `error` does while that node is shown).
    void changeFinished(const QString& nodePath, const QString& applicationId,
                        const QString& error);

private:
    struct Row {
        ApplicationText text;
        bool terminal = false;
        bool inMenu = false;
        QByteArray digest; // of the entry as listed
    };
    void setError(const QString& error);
    bool validRow(int row) const { return row >= 0 && row < rowCount(); }
    QString menuDirectory() const;
    QString nodeName() const;
    void show(const ApplicationList& list);
    bool attempt(const std::function<void()>& step);
    bool writeEntry(const std::string& id, const std::string& content);
    // Asks the store for the list; `then` runs once it answered (shown if still the last).
    void list(const std::function<void()>& then);
    void finishChange(const QString& nodeDir, const QString& id, const StoreResult& result);

    Workspace* m_workspace;
    LaunchModel* m_launches;
    QString m_nodePath;
    QString m_error;
    QString m_menuDir;
    std::vector<Row> m_rows;
    quint64 m_listing = 0; // the last list asked: older answers are dropped
};

// The applications installed on the host (core hostApplications), filtered by a search text
// on their name, ID and command: the list "Sandbox an application..." chooses from.
class HostApplicationsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)

public:
    // The first four as ApplicationsModel's. TerminalRole: the entry says Terminal=true (a
    // graphical application says false).
    enum Roles {
        IdRole = Qt::UserRole + 1,
        NameRole,
        IconRole,
        CommandRole,
        FileRole,
        TerminalRole
    };
    Q_ENUM(Roles)

    explicit HostApplicationsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString filter() const { return m_filter; }
    void setFilter(const QString& filter);
    // Reads the host's applications again (the default directories, or `dirs`).
    Q_INVOKABLE void reload();
    void setDirectories(const QStringList& dirs) { m_dirs = dirs; }

Q_SIGNALS:
    void filterChanged();

private:
    struct Row {
        ApplicationText text;
        QString file;
        bool terminal = false;
    };
    void applyFilter();

    QStringList m_dirs;
    QString m_filter;
    std::vector<Row> m_all;
    std::vector<Row> m_shown;
};

} // namespace redpak::gui
