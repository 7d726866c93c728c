// SPDX-License-Identifier: Apache-2.0
#include "applicationsmodel.h"

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
    const NodeStore* store = m_nodePath.isEmpty() ? nullptr : m_workspace->storeFor(m_nodePath);
    return store && !store->usesHelper();
}

void ApplicationsModel::setNodePath(const QString& nodeDir) {
    if (nodeDir == m_nodePath) {
        return;
    }
    m_nodePath = nodeDir;
    Q_EMIT nodePathChanged();
    reload();
}

QString ApplicationsModel::menuDirectory() const {
    return m_menuDir.isEmpty() ? qs(userApplicationsDirectory().string()) : m_menuDir;
}

void ApplicationsModel::reload() {
    beginResetModel();
    m_rows.clear();
    QString problem;
    if (!m_nodePath.isEmpty()) {
        try {
            const fs::path base = m_nodePath.toStdString();
            const fs::path menuDir = menuDirectory().toStdString();
            for (const NodeApplication& app : leafApplications(FamilySnapshot::open(base))) {
                const fs::path entry = menuDir / (menuEntryId(base, app.id) + ".desktop");
                // What a click runs: the command with no file given (field codes expanded).
                const std::string command =
                    joinShellWords(execArguments(app.entry, {}, {}, app.file.string()));
                m_rows.push_back(
                    {{qs(app.id), qs(app.entry.name()), qs(app.entry.icon()), qs(command)},
                     app.entry.terminal(),
                     fs::exists(entry)});
            }
        } catch (const InputError& e) {
            problem = messageOf(e);
        }
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
    return write([&] {
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
}

bool ApplicationsModel::remove(int row) {
    if (!validRow(row) || !isEditable()) {
        return false;
    }
    const std::string id = m_rows[static_cast<std::size_t>(row)].text.id.toStdString();
    return write([&] {
        const fs::path base = m_nodePath.toStdString();
        removeApplication(base, id);
        const fs::path menuDir = menuDirectory().toStdString();
        if (removeMenuEntry(menuDir, base, id)) {
            refreshDesktopDatabase(menuDir);
        }
    });
}

bool ApplicationsModel::addCommand(const QString& name, const QString& commandLine, bool terminal) {
    if (!isEditable()) {
        return false;
    }
    return write([&] {
        NewApplication application;
        application.name = name.trimmed().toStdString();
        application.command = splitShellWords(commandLine.toStdString(), "command");
        application.terminal = terminal;
        const std::string id = applicationIdFor(application.name);
        const fs::path base = m_nodePath.toStdString();
        const fs::path file = applicationsDirectory(base) / (id + ".desktop");
        writeApplication(base, id, formatDesktopEntry(application, file.string()));
    });
}

bool ApplicationsModel::importHostApplication(const QString& file) {
    if (!isEditable()) {
        return false;
    }
    return write([&] {
        const fs::path source = file.toStdString();
        const std::string content = readLimitedFile(source, kMaxDesktopEntryBytes);
        std::string id = source.filename().string();
        id.resize(id.size() - std::min(id.size(), kApplicationFileSuffix.size()));
        writeApplication(m_nodePath.toStdString(), id, content);
    });
}

// Runs one change of the node's applications or menu entries, then shows the result; a refusal
// is shown as the model's error and nothing is changed.
bool ApplicationsModel::write(const std::function<void()>& change) {
    try {
        change();
    } catch (const InputError& e) {
        setError(messageOf(e));
        return false;
    }
    reload();
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
