// SPDX-License-Identifier: Apache-2.0
#include "configdocument.h"

#include "redpak/config/parser.h"
#include "redpak/config/writer.h"
#include "workspace.h"

#include <QDateTime>
#include <QFileInfo>
#include <QUndoCommand>

namespace redpak::gui {

namespace {
// Keystrokes closer than this are one undo step.
constexpr qint64 kTypingMergeMs = 1500;
constexpr int kTypingCommandId = 1;
} // namespace

QString storeErrorMessage(const StoreResult& result) {
    QString message;
    switch (result.error) {
    case StoreError::None:
        return {};
    case StoreError::NotFound:
        message = ConfigDocument::tr("The file or node does not exist.");
        break;
    case StoreError::AlreadyExists:
        message = ConfigDocument::tr("A node with this name already exists.");
        break;
    case StoreError::StaleDigest:
        message = ConfigDocument::tr("The file changed on disk since it was opened.");
        break;
    case StoreError::InvalidConfig:
        message = ConfigDocument::tr("The configuration was refused as invalid.");
        break;
    case StoreError::NotAuthorized:
        message = ConfigDocument::tr("You are not authorized to do this.");
        break;
    case StoreError::Failed:
        message = ConfigDocument::tr("The operation failed.");
        break;
    }
    return result.detail.isEmpty() ? message : message + QLatin1Char(' ') + result.detail;
}

// Replaces the whole document state; undo restores the state before.
class ConfigDocument::SnapshotCommand final : public QUndoCommand {
public:
    SnapshotCommand(ConfigDocument* document, const QString& description, Snapshot before,
                    Snapshot after, bool typing)
        : QUndoCommand(description), m_document(document), m_before(std::move(before)),
          m_after(std::move(after)), m_typing(typing), m_time(QDateTime::currentMSecsSinceEpoch()) {
    }

    void redo() override { m_document->apply(m_after); }
    void undo() override { m_document->apply(m_before); }
    int id() const override { return m_typing ? kTypingCommandId : -1; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* next = static_cast<const SnapshotCommand*>(other);
        if (next->m_time - m_time > kTypingMergeMs) {
            return false;
        }
        m_after = next->m_after;
        m_time = next->m_time;
        return true;
    }

private:
    ConfigDocument* m_document;
    Snapshot m_before;
    Snapshot m_after;
    bool m_typing;
    qint64 m_time;
};

ConfigDocument::ConfigDocument(Workspace* workspace, ConfigKind kind, QObject* parent)
    : QObject(parent), m_workspace(workspace), m_kind(kind), m_familyCheck(new FamilyCheck(this)) {
    connect(&m_undo, &QUndoStack::indexChanged, this, &ConfigDocument::undoStateChanged);
    connect(&m_undo, &QUndoStack::canUndoChanged, this, &ConfigDocument::undoStateChanged);
    connect(&m_undo, &QUndoStack::canRedoChanged, this, &ConfigDocument::undoStateChanged);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &ConfigDocument::onFileChanged);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this,
            &ConfigDocument::onFileChanged);
}

bool ConfigDocument::usesHelper() const {
    const NodeStore* store = m_workspace ? m_workspace->storeFor(m_nodePath) : nullptr;
    return store && store->usesHelper();
}

QString ConfigDocument::errorMessage() const {
    return m_error ? QString::fromStdString(m_error->message) : QString();
}

bool ConfigDocument::isModified() const {
    return m_status != Status::Empty && (m_text != m_savedText || !m_refused.isEmpty());
}

void ConfigDocument::setRefusedInput(const QString& field, const QString& text,
                                     const QString& error) {
    m_refused.insert(field, RefusedInput{text, error});
    Q_EMIT refusedInputsChanged();
    Q_EMIT modifiedChanged();
}

void ConfigDocument::clearRefusedInput(const QString& field) {
    if (m_refused.remove(field) > 0) {
        Q_EMIT refusedInputsChanged();
        Q_EMIT modifiedChanged();
    }
}

void ConfigDocument::clearRefusedInputs() {
    if (!m_refused.isEmpty()) {
        m_refused.clear();
        Q_EMIT refusedInputsChanged();
    }
}

std::optional<ConfigDocument::RefusedInput>
ConfigDocument::refusedInput(const QString& field) const {
    const auto found = m_refused.constFind(field);
    return found == m_refused.constEnd() ? std::nullopt : std::optional(*found);
}

QStringList ConfigDocument::refusedInputs() const {
    QStringList lines;
    for (auto it = m_refused.constBegin(); it != m_refused.constEnd(); ++it) {
        lines.append(tr("%1: “%2”: %3").arg(it.key(), it->text, it->error));
    }
    return lines;
}

void ConfigDocument::setStatus(Status status, const QString& error) {
    m_status = status;
    m_errorString = error;
    Q_EMIT statusChanged();
    Q_EMIT modifiedChanged();
}

void ConfigDocument::load(const QString& nodeDir) {
    m_nodePath = nodeDir;
    m_filePath = configFilePath(nodeDir, m_kind);
    m_theirs.reset();
    Q_EMIT conflictChanged();
    NodeStore* store = m_workspace ? m_workspace->storeFor(nodeDir) : nullptr;
    if (!store) {
        setStatus(Status::Failed, tr("This node is not in an opened root."));
        return;
    }
    setStatus(Status::Loading);
    store->readConfig(nodeDir, m_kind, this, [this, nodeDir](const ConfigFileContent& content) {
        if (nodeDir != m_nodePath) {
            return; // another node was selected meanwhile
        }
        if (!content.result.ok()) {
            setStatus(Status::Failed, storeErrorMessage(content.result));
            return;
        }
        setLoadedContent(content);
    });
}

void ConfigDocument::close() {
    m_undo.clear();
    clearRefusedInputs();
    m_nodePath.clear();
    m_filePath.clear();
    m_theirs.reset();
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    if (!watched.isEmpty()) {
        m_watcher.removePaths(watched);
    }
    setSaved(QString(), QByteArray(), false);
    m_status = Status::Empty;
    apply(Snapshot{});
    Q_EMIT conflictChanged();
    Q_EMIT loaded();
    setStatus(Status::Empty);
}

void ConfigDocument::setLoadedContent(const ConfigFileContent& content) {
    m_undo.clear();
    clearRefusedInputs();
    setSaved(content.text, content.digest, content.exists);
    m_status = Status::Ready;
    apply(Snapshot{content.text, std::nullopt});
    watch();
    Q_EMIT loaded();
    setStatus(Status::Ready);
}

void ConfigDocument::setSaved(const QString& text, const QByteArray& digest, bool exists) {
    m_savedText = text;
    m_baseDigest = digest;
    m_fileExists = exists;
}

void ConfigDocument::apply(const Snapshot& snapshot) {
    const bool textChangedNow = snapshot.text != m_text;
    m_text = snapshot.text;
    if (!m_fileExists && m_text.isEmpty()) {
        // An absent admin config is not an error: there is nothing to validate.
        m_error.reset();
        m_warnings.clear();
        m_working.reset();
        m_familyCheck->clear();
    } else {
        const QByteArray bytes = m_text.toUtf8();
        const ValidationResult result =
            validateConfigText(std::string_view(bytes.constData(), std::size_t(bytes.size())),
                               m_filePath.toStdString());
        m_error = result.error;
        m_warnings.clear();
        for (const Diagnostic& warning : result.warnings) {
            m_warnings.append(QString::fromStdString(warning.format()));
        }
        m_working = result.config ? result.config : snapshot.formConfig;
        if (result.config && m_status != Status::Empty) {
            m_familyCheck->request(m_nodePath, m_kind, result.config);
        } else {
            m_familyCheck->clear();
        }
    }
    if (textChangedNow) {
        Q_EMIT textChanged();
    }
    Q_EMIT validationChanged();
    Q_EMIT workingConfigChanged();
    Q_EMIT modifiedChanged();
}

void ConfigDocument::push(const QString& description, Snapshot after, bool typing) {
    m_undo.push(new SnapshotCommand(this, description, current(), std::move(after), typing));
}

void ConfigDocument::editText(const QString& text) {
    if (m_status == Status::Empty || text == m_text) {
        return;
    }
    push(tr("Edit YAML"), Snapshot{text, std::nullopt}, true);
}

void ConfigDocument::applyEdit(const QString& description,
                               const std::function<void(Config&)>& edit) {
    if (!m_working) {
        return;
    }
    Config config = *m_working;
    edit(config);
    const QString text =
        QString::fromStdString(writeConfigKeepingComments(config, m_text.toStdString()));
    push(description, Snapshot{text, config}, false);
}

void ConfigDocument::revert() {
    clearRefusedInputs();
    push(tr("Revert to the file on disk"), Snapshot{m_savedText, std::nullopt}, false);
}

void ConfigDocument::createFile() {
    Config config;
    try {
        config.headers.alias =
            loadConfigFile(configFilePath(m_nodePath, ConfigKind::Normal).toStdString())
                .headers.alias;
    } catch (const InputError&) {
        // An unreadable normal config: the directory name is the alias nodes get by default.
        config.headers.alias.value = QFileInfo(m_nodePath).fileName().toStdString();
    }
    push(tr("Create the admin configuration"),
         Snapshot{QString::fromStdString(writeConfig(config)), config}, false);
}

bool ConfigDocument::save(const ReviewedText& reviewed) {
    NodeStore* store = m_workspace ? m_workspace->storeFor(m_nodePath) : nullptr;
    if (!store || m_status != Status::Ready || !isValid() || hasRefusedInput() ||
        reviewed.nodePath() != m_nodePath || reviewed.text() != m_text) {
        return false;
    }
    const QString text = m_text;
    const QString nodeDir = m_nodePath;
    setStatus(Status::Saving);
    store->writeConfig(nodeDir, m_kind, text, m_baseDigest, this,
                       [this, text, nodeDir](const WriteReply& reply) {
                           if (nodeDir != m_nodePath) {
                               return;
                           }
                           if (reply.result.error == StoreError::StaleDigest) {
                               // Someone else saved first: show both sides, lose nothing.
                               setStatus(Status::Ready, storeErrorMessage(reply.result));
                               onFileChanged();
                               return;
                           }
                           if (!reply.result.ok()) {
                               setStatus(Status::Ready, storeErrorMessage(reply.result));
                               return;
                           }
                           setSaved(text, reply.newDigest, true);
                           m_filePath = configFilePath(nodeDir, m_kind);
                           watch();
                           Q_EMIT loaded();
                           setStatus(Status::Ready);
                           Q_EMIT saved();
                       });
    return true;
}

void ConfigDocument::watch() {
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    if (!watched.isEmpty()) {
        m_watcher.removePaths(watched);
    }
    // The directory too: an atomic rename replaces the file, and the watch on it ends.
    m_watcher.addPath(QFileInfo(m_filePath).absolutePath());
    if (QFileInfo::exists(m_filePath)) {
        m_watcher.addPath(m_filePath);
    }
}

void ConfigDocument::onFileChanged() {
    NodeStore* store = m_workspace ? m_workspace->storeFor(m_nodePath) : nullptr;
    if (!store || m_status == Status::Empty) {
        return;
    }
    const QString nodeDir = m_nodePath;
    store->readConfig(nodeDir, m_kind, this, [this, nodeDir](const ConfigFileContent& content) {
        if (nodeDir != m_nodePath || !content.result.ok()) {
            return;
        }
        watch();
        if (content.digest == m_baseDigest) {
            return; // our own save, or a touch without change
        }
        if (!isModified()) {
            // Nothing typed here: follow the file, undoably.
            setSaved(content.text, content.digest, content.exists);
            push(tr("Reload the file changed on disk"), Snapshot{content.text, std::nullopt},
                 false);
            return;
        }
        m_theirs = content;
        Q_EMIT conflictChanged();
    });
}

void ConfigDocument::keepMine() {
    if (!m_theirs) {
        return;
    }
    m_baseDigest = m_theirs->digest;
    m_savedText = m_theirs->text;
    m_fileExists = m_theirs->exists;
    m_theirs.reset();
    Q_EMIT conflictChanged();
    Q_EMIT modifiedChanged();
}

void ConfigDocument::takeTheirs() {
    if (!m_theirs) {
        return;
    }
    const ConfigFileContent theirs = *m_theirs;
    m_theirs.reset();
    setSaved(theirs.text, theirs.digest, theirs.exists);
    push(tr("Load the file changed on disk"), Snapshot{theirs.text, std::nullopt}, false);
    Q_EMIT conflictChanged();
}

} // namespace redpak::gui
