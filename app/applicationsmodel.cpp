// SPDX-License-Identifier: Apache-2.0
#include "applicationsmodel.h"

#include "configdocument.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/safe_file.h"
#include "redpak/base/shell_words.h"
#include "redpak/merge/merge.h"
#include "redpak/tree/application_menu.h"
#include "redpak/tree/applications.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace fs = std::filesystem;

namespace redpak::gui {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

QString messageOf(const InputError& error) {
    return qs(error.diagnostic().format());
}

// The redwrap menu entries run: the one next to this program (same installation), else the
// one on PATH.
QString redwrapForMenu() {
    const QString sibling = QCoreApplication::applicationDirPath() + QStringLiteral("/redwrap");
    if (QFileInfo(sibling).isExecutable()) {
        return sibling;
    }
    const QString inPath = QStandardPaths::findExecutable(QStringLiteral("redwrap"));
    return inPath.isEmpty() ? QStringLiteral("/usr/bin/redwrap") : inPath;
}

// The roles both lists share (IdRole to CommandRole, same numbers in both); an invalid
// QVariant for another role.
QVariant applicationTextData(const ApplicationText& text, int role) {
    switch (role) {
    case ApplicationsModel::IdRole:
        return text.id;
    case Qt::DisplayRole:
    case ApplicationsModel::NameRole:
        return text.name;
    case ApplicationsModel::IconRole:
        return text.icon;
    case ApplicationsModel::CommandRole:
        return text.command;
    default:
        return {};
    }
}

// An entry the store refused names its file and line: that says it all.
QString storeMessage(const StoreResult& result) {
    return result.error == StoreError::InvalidConfig ? result.detail : storeErrorMessage(result);
}

QHash<int, QByteArray> applicationTextRoles() {
    return {{ApplicationsModel::IdRole, "applicationId"},
            {ApplicationsModel::NameRole, "name"},
            {ApplicationsModel::IconRole, "iconName"},
            {ApplicationsModel::CommandRole, "command"}};
}

static_assert(int(ApplicationsModel::CommandRole) == int(HostApplicationsModel::CommandRole));

} // namespace

std::optional<QStringList> applicationCommand(const QString& nodeDir, const QString& applicationId,
                                              QString* error) {
    try {
        const FamilySnapshot family = FamilySnapshot::open(nodeDir.toStdString());
        const std::vector<NodeApplication> applications = leafApplications(family);
        const NodeApplication& application =
            findApplication(applications, applicationId.toStdString(), family.leaf().location.base);
        const std::string file = application.file.string();
        QStringList command;
        for (const std::string& argument : execArguments(application.entry, {}, file, file)) {
            command << qs(argument);
        }
        return command;
    } catch (const InputError& e) {
        *error = messageOf(e);
        return std::nullopt;
    }
}

ApplicationsModel::ApplicationsModel(Workspace* workspace, LaunchModel* launches, QObject* parent)
    : QAbstractListModel(parent), m_workspace(workspace), m_launches(launches) {
    connect(m_launches, &LaunchModel::runningChanged, this, [this] {
        if (!m_rows.empty()) {
            Q_EMIT dataChanged(index(0), index(rowCount() - 1), {RunningRole});
        }
    });
}

int ApplicationsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ApplicationsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case TerminalRole:
        return row.terminal;
    case InMenuRole:
        return row.inMenu;
    case RunningRole:
        return m_launches->runningApplicationRow(m_nodePath, row.text.id) >= 0;
    default:
        return applicationTextData(row.text, role);
    }
}

QHash<int, QByteArray> ApplicationsModel::roleNames() const {
    QHash<int, QByteArray> names = applicationTextRoles();
    names.insert({{TerminalRole, "terminal"}, {InMenuRole, "inMenu"}, {RunningRole, "running"}});
    return names;
}

bool ApplicationsModel::isEditable() const {
    return !m_nodePath.isEmpty() && m_workspace->storeFor(m_nodePath) != nullptr;
}

void ApplicationsModel::setNodePath(const QString& nodeDir) {
    if (nodeDir == m_nodePath) {
        return;
    }
    m_nodePath = nodeDir;
    Q_EMIT nodePathChanged();
    // Nothing of the previous node stays clickable while the store answers.
    beginResetModel();
    m_rows.clear();
    endResetModel();
    setError({});
    reload();
}

QString ApplicationsModel::menuDirectory() const {
    return m_menuDir.isEmpty() ? qs(userApplicationsDirectory().string()) : m_menuDir;
}

void ApplicationsModel::reload() {
    list({});
}

void ApplicationsModel::list(const std::function<void()>& then) {
    const quint64 listing = ++m_listing;
    NodeStore* store = m_nodePath.isEmpty() ? nullptr : m_workspace->storeFor(m_nodePath);
    if (!store) {
        show({});
        if (then) {
            then();
        }
        return;
    }
    store->listApplications(m_nodePath, this, [this, listing, then](const ApplicationList& list) {
        if (listing == m_listing) {
            show(list);
        }
        if (then) {
            then();
        }
    });
}

void ApplicationsModel::show(const ApplicationList& list) {
    beginResetModel();
    m_rows.clear();
    QString problem = storeMessage(list.result);
    try {
        const fs::path base = m_nodePath.toStdString();
        const fs::path menuDir = menuDirectory().toStdString();
        for (const ApplicationFile& file : list.applications) {
            const std::string id = file.id.toStdString();
            const std::string shown =
                (applicationsDirectory(base) / applicationFileName(id)).string();
            const DesktopEntry entry = DesktopEntry::parse(file.text.toStdString(), shown);
            const fs::path menuEntry = menuDir / (menuEntryId(base, id) + ".desktop");
            // What a click runs: the command with no file given (field codes expanded).
            const std::string command = joinShellWords(execArguments(entry, {}, {}, shown));
            m_rows.push_back({{file.id, qs(entry.name()), qs(entry.icon()), qs(command)},
                              entry.terminal(),
                              fs::exists(menuEntry),
                              file.digest});
        }
    } catch (const InputError& e) {
        m_rows.clear();
        problem = messageOf(e);
    }
    endResetModel();
    setError(problem);
}

void ApplicationsModel::setError(const QString& error) {
    if (error != m_error) {
        m_error = error;
        Q_EMIT errorChanged();
    }
}

int ApplicationsModel::launch(int row, bool admin) {
    if (!validRow(row)) {
        return -1;
    }
    const ApplicationText& app = m_rows[static_cast<std::size_t>(row)].text;
    return m_launches->launchApplication(m_nodePath, app.id, app.name, admin);
}

void ApplicationsModel::stop(int row) {
    if (validRow(row)) {
        m_launches->stop(m_launches->runningApplicationRow(
            m_nodePath, m_rows[static_cast<std::size_t>(row)].text.id));
    }
}

// The node's alias, else its directory name: how the menu tells the node apart.
QString ApplicationsModel::nodeName() const {
    try {
        const FamilySnapshot family = FamilySnapshot::open(m_nodePath.toStdString());
        const std::string alias =
            loadMember(family.leaf(), MergeMode::Normal).normal.headers.alias.value;
        return alias.empty() ? QFileInfo(m_nodePath).fileName() : qs(alias);
    } catch (const InputError&) {
        return QFileInfo(m_nodePath).fileName();
    }
}

bool ApplicationsModel::setInMenu(int row, bool inMenu) {
    if (!validRow(row)) {
        return false;
    }
    const std::string id = m_rows[static_cast<std::size_t>(row)].text.id.toStdString();
    const bool changed = attempt([&] {
        const fs::path base = m_nodePath.toStdString();
        const fs::path menuDir = menuDirectory().toStdString();
        if (inMenu) {
            const FamilySnapshot family = FamilySnapshot::open(base);
            const std::vector<NodeApplication> applications = leafApplications(family);
            installMenuEntry(menuDir, {base, nodeName().toStdString(),
                                       &findApplication(applications, id, base),
                                       redwrapForMenu().toStdString()});
        } else {
            removeMenuEntry(menuDir, base, id);
        }
        refreshDesktopDatabase(menuDir);
    });
    if (changed) {
        m_rows[static_cast<std::size_t>(row)].inMenu = inMenu;
        Q_EMIT dataChanged(index(row), index(row), {InMenuRole});
    }
    return changed;
}

bool ApplicationsModel::remove(int row) {
    if (!validRow(row) || !isEditable()) {
        return false;
    }
    const Row& removed = m_rows[static_cast<std::size_t>(row)];
    const QString nodeDir = m_nodePath;
    const QString id = removed.text.id;
    m_workspace->storeFor(nodeDir)->removeApplication(
        nodeDir, id, removed.digest, this, [this, nodeDir, id](const StoreResult& result) {
            if (result.ok()) {
                // The menu entry runs the application: it goes with it.
                attempt([&] {
                    const fs::path menuDir = menuDirectory().toStdString();
                    if (removeMenuEntry(menuDir, nodeDir.toStdString(), id.toStdString())) {
                        refreshDesktopDatabase(menuDir);
                    }
                });
            }
            finishChange(nodeDir, id, result);
        });
    return true;
}

bool ApplicationsModel::addCommand(const QString& name, const QString& commandLine, bool terminal) {
    if (!isEditable()) {
        return false;
    }
    std::string id;
    std::string content;
    return attempt([&] {
               NewApplication application;
               application.name = name.trimmed().toStdString();
               application.command = splitShellWords(commandLine.toStdString(), "command");
               application.terminal = terminal;
               id = applicationIdFor(application.name);
               const fs::path file =
                   applicationsDirectory(m_nodePath.toStdString()) / applicationFileName(id);
               content = formatDesktopEntry(application, file.string());
           }) &&
           writeEntry(id, content);
}

bool ApplicationsModel::importHostApplication(const QString& file) {
    if (!isEditable()) {
        return false;
    }
    std::string id;
    std::string content;
    return attempt([&] {
               const fs::path source = file.toStdString();
               content = readLimitedFile(source, kMaxDesktopEntryBytes);
               id = source.filename().string();
               id.resize(id.size() - std::min(id.size(), kApplicationFileSuffix.size()));
               // Core's checks before the store's: a refusal names the host's file.
               requireValidApplicationId(id, source);
               DesktopEntry::parse(content, source.string());
           }) &&
           writeEntry(id, content);
}

// Asks the store to write application `id`, based on the entry listed under that ID (none: a
// new one).
bool ApplicationsModel::writeEntry(const std::string& id, const std::string& content) {
    const QString qid = qs(id);
    QByteArray expected;
    for (const Row& row : m_rows) {
        if (row.text.id == qid) {
            expected = row.digest;
        }
    }
    const QString nodeDir = m_nodePath;
    m_workspace->storeFor(nodeDir)->writeApplication(nodeDir, qid, qs(content), expected, this,
                                                     [this, nodeDir, qid](const WriteReply& reply) {
                                                         finishChange(nodeDir, qid, reply.result);
                                                     });
    return true;
}

// The store's answer to a change of `nodeDir`'s applications: the list read again, or the
// refusal shown (nothing was changed); then told with changeFinished.
void ApplicationsModel::finishChange(const QString& nodeDir, const QString& id,
                                     const StoreResult& result) {
    const QString problem = result.ok() ? QString() : storeMessage(result);
    if (nodeDir != m_nodePath) {
        Q_EMIT changeFinished(nodeDir, id, problem);
        return;
    }
    if (!result.ok()) {
        setError(problem);
        Q_EMIT changeFinished(nodeDir, id, problem);
        return;
    }
    list([this, nodeDir, id] { Q_EMIT changeFinished(nodeDir, id, QString()); });
}

// Runs one step that core may refuse; a refusal is shown as the model's error.
bool ApplicationsModel::attempt(const std::function<void()>& step) {
    try {
        step();
    } catch (const InputError& e) {
        setError(messageOf(e));
        return false;
    }
    return true;
}

HostApplicationsModel::HostApplicationsModel(QObject* parent) : QAbstractListModel(parent) {}

int HostApplicationsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
}

QVariant HostApplicationsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Row& row = m_shown[static_cast<std::size_t>(index.row())];
    switch (role) {
    case FileRole:
        return row.file;
    case TerminalRole:
        return row.terminal;
    default:
        return applicationTextData(row.text, role);
    }
}

QHash<int, QByteArray> HostApplicationsModel::roleNames() const {
    QHash<int, QByteArray> names = applicationTextRoles();
    names.insert({{FileRole, "file"}, {TerminalRole, "terminal"}});
    return names;
}

void HostApplicationsModel::reload() {
    std::vector<fs::path> dirs;
    for (const QString& dir : m_dirs) {
        dirs.emplace_back(dir.toStdString());
    }
    if (dirs.empty()) {
        dirs = hostApplicationDirectories();
    }
    m_all.clear();
    for (const HostApplication& app : hostApplications(dirs)) {
        m_all.push_back({{qs(app.id), qs(app.entry.name()), qs(app.entry.icon()),
                          qs(joinShellWords(app.entry.execTokens()))},
                         qs(app.file.string()),
                         app.entry.terminal()});
    }
    applyFilter();
}

void HostApplicationsModel::setFilter(const QString& filter) {
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    Q_EMIT filterChanged();
    applyFilter();
}

void HostApplicationsModel::applyFilter() {
    beginResetModel();
    m_shown.clear();
    const QString needle = m_filter.trimmed();
    for (const Row& row : m_all) {
        const ApplicationText& text = row.text;
        if (needle.isEmpty() || text.name.contains(needle, Qt::CaseInsensitive) ||
            text.id.contains(needle, Qt::CaseInsensitive) ||
            text.command.contains(needle, Qt::CaseInsensitive)) {
            m_shown.push_back(row);
        }
    }
    endResetModel();
}

} // namespace redpak::gui
