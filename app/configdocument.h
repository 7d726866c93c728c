// SPDX-License-Identifier: Apache-2.0
// One config file open in the editor. The YAML text is the document; the typed Config behind
// the forms is derived from it by the core parser, and form edits go back to text through the
// core writer. Every change is a snapshot on an undo stack, so nothing typed is ever lost: not
// on a parse error (the text stays as typed), not on an external change (conflict: the user
// chooses, and the discarded side stays reachable with undo), not on a failed save, not when a
// form field refuses a value (the refused text is kept here and blocks the save until fixed).
#pragma once

#include "familycheck.h"
#include "nodestore.h"
#include "redpak/config/config.h"

#include <QFileSystemWatcher>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUndoStack>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <optional>

namespace redpak::gui {

class Workspace;

// The text of a document as a review showed it. Only ReviewModel makes one, so a document is
// written only with a text that was reviewed, and only while it still holds that text.
class ReviewedText {
public:
    const QString& nodePath() const { return m_nodePath; }
    const QString& text() const { return m_text; }

private:
    friend class ReviewModel;
    ReviewedText(QString nodePath, QString text)
        : m_nodePath(std::move(nodePath)), m_text(std::move(text)) {}

    QString m_nodePath;
    QString m_text;
};

class ConfigDocument : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QString nodePath READ nodePath NOTIFY loaded)
    Q_PROPERTY(bool admin READ isAdmin CONSTANT)
    Q_PROPERTY(QString filePath READ filePath NOTIFY loaded)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY statusChanged)
    Q_PROPERTY(bool fileExists READ fileExists NOTIFY loaded)
    Q_PROPERTY(bool usesHelper READ usesHelper NOTIFY loaded)
    Q_PROPERTY(QString text READ text NOTIFY textChanged)
    Q_PROPERTY(bool valid READ isValid NOTIFY validationChanged)
    Q_PROPERTY(int errorLine READ errorLine NOTIFY validationChanged)
    Q_PROPERTY(int errorColumn READ errorColumn NOTIFY validationChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY validationChanged)
    Q_PROPERTY(QStringList warnings READ warnings NOTIFY validationChanged)
    Q_PROPERTY(bool formEditable READ isFormEditable NOTIFY validationChanged)
    Q_PROPERTY(bool modified READ isModified NOTIFY modifiedChanged)
    Q_PROPERTY(bool canSave READ canSave NOTIFY modifiedChanged)
    Q_PROPERTY(bool conflict READ hasConflict NOTIFY conflictChanged)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoStateChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY undoStateChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY undoStateChanged)
    Q_PROPERTY(QString redoText READ redoText NOTIFY undoStateChanged)
    // The edited text merged against the node's ancestors (errors and new warnings).
    Q_PROPERTY(redpak::gui::FamilyCheck* familyCheck READ familyCheck CONSTANT)
    // "field: text: why", one per form field whose typed value was refused.
    Q_PROPERTY(QStringList refusedInputs READ refusedInputs NOTIFY refusedInputsChanged)

public:
    enum class Status { Empty, Loading, Ready, Saving, Failed };
    Q_ENUM(Status)

    ConfigDocument(Workspace* workspace, ConfigKind kind, QObject* parent = nullptr);

    QString nodePath() const { return m_nodePath; }
    bool isAdmin() const { return m_kind == ConfigKind::Admin; }
    QString filePath() const { return m_filePath; }
    Status status() const { return m_status; }
    QString errorString() const { return m_errorString; }
    bool fileExists() const { return m_fileExists; }
    bool usesHelper() const;
    QString text() const { return m_text; }
    bool isValid() const { return !m_error.has_value() && m_status != Status::Empty; }
    int errorLine() const { return m_error ? m_error->line : 0; }
    int errorColumn() const { return m_error ? m_error->column : 0; }
    QString errorMessage() const;
    QStringList warnings() const { return m_warnings; }
    bool isFormEditable() const { return m_working.has_value(); }
    // The text differs from the file, or a form field holds a refused value.
    bool isModified() const;
    // Modified, valid, without refused field values and not already being saved.
    bool canSave() const {
        return m_status == Status::Ready && isModified() && isValid() && m_refused.isEmpty();
    }
    bool hasConflict() const { return m_theirs.has_value(); }
    FamilyCheck* familyCheck() const { return m_familyCheck; }
    bool canUndo() const { return m_undo.canUndo(); }
    bool canRedo() const { return m_undo.canRedo(); }
    QString undoText() const { return m_undo.undoText(); }
    QString redoText() const { return m_undo.redoText(); }

    // Opens config `kind` of the node at `nodeDir` (discards the undo history).
    Q_INVOKABLE void load(const QString& nodeDir);
    // Closes the file (no node selected).
    Q_INVOKABLE void close();
    // Text typed in the YAML tab.
    Q_INVOKABLE void editText(const QString& text);
    Q_INVOKABLE void undo() { m_undo.undo(); }
    Q_INVOKABLE void redo() { m_undo.redo(); }
    // Back to the text on disk (undoable).
    Q_INVOKABLE void revert();
    // Conflict resolution: keep the editor's text (saving will replace the file on disk), or
    // load the file from disk (the editor's text stays reachable with undo).
    Q_INVOKABLE void keepMine();
    Q_INVOKABLE void takeTheirs();
    // Starts an absent config file with the alias of the node's normal config.
    Q_INVOKABLE void createFile();

    // A value typed in form field `field` that the parser refused, kept for the user to fix:
    // the document is not saved while one stands. Cleared when the file is (re)loaded or
    // reverted, or by clearRefusedInput() once the field holds a valid value again.
    struct RefusedInput {
        QString text;
        QString error;
    };
    void setRefusedInput(const QString& field, const QString& text, const QString& error);
    void clearRefusedInput(const QString& field);
    std::optional<RefusedInput> refusedInput(const QString& field) const;
    bool hasRefusedInput() const { return !m_refused.isEmpty(); }
    QStringList refusedInputs() const;

    // Writes the text (atomically; through the helper for system nodes) if it is valid and is
    // still the `reviewed` one. Not invokable from QML: saving goes through ReviewModel.
    // Returns whether the write was started.
    bool save(const ReviewedText& reviewed);

    // The config behind the forms (nullopt while the YAML text cannot be parsed).
    const std::optional<Config>& workingConfig() const { return m_working; }
    // Applies a form edit to the working config and regenerates the text with the writer.
    void applyEdit(const QString& description, const std::function<void(Config&)>& edit);

    // Loads content without a store (tests, and the path shared by both store replies).
    void setLoadedContent(const ConfigFileContent& content);

Q_SIGNALS:
    void loaded();
    void statusChanged();
    void textChanged();
    void validationChanged();
    void workingConfigChanged();
    void modifiedChanged();
    void conflictChanged();
    void undoStateChanged();
    void refusedInputsChanged();
    void saved();

private:
    struct Snapshot {
        QString text;
        // Set for form edits: the forms keep their state even if the text does not parse.
        std::optional<Config> formConfig;
    };
    class SnapshotCommand;

    Snapshot current() const { return Snapshot{m_text, m_working}; }
    void push(const QString& description, Snapshot after, bool typing);
    void apply(const Snapshot& snapshot);
    void setStatus(Status status, const QString& error = {});
    void watch();
    void onFileChanged();
    void setSaved(const QString& text, const QByteArray& digest, bool exists);
    void clearRefusedInputs();

    Workspace* m_workspace;
    ConfigKind m_kind;
    QString m_nodePath;
    QString m_filePath;
    Status m_status = Status::Empty;
    QString m_errorString;
    bool m_fileExists = false;

    QString m_text;
    std::optional<Config> m_working;
    std::optional<Diagnostic> m_error;
    QStringList m_warnings;

    QString m_savedText;                       // text of the file as last read or written
    QByteArray m_baseDigest;                   // digest of the file the edits are based on
    std::optional<ConfigFileContent> m_theirs; // the file on disk, when it conflicts
    QMap<QString, RefusedInput> m_refused;     // by field

    QUndoStack m_undo;
    QFileSystemWatcher m_watcher;
    FamilyCheck* m_familyCheck;
};

// The translated message for a store failure.
QString storeErrorMessage(const StoreResult& result);

// Points `current`, the document a form or list model shows, at `next`: `owner` is disconnected
// from the old document and the new one's working-config changes call `refresh`. False when
// `next` is already the document.
template <typename Owner>
bool bindDocument(QPointer<ConfigDocument>& current, ConfigDocument* next, Owner* owner,
                  void (Owner::*refresh)()) {
    if (next == current) {
        return false;
    }
    if (current) {
        current->disconnect(owner);
    }
    current = next;
    if (current) {
        QObject::connect(current, &ConfigDocument::workingConfigChanged, owner, refresh);
    }
    return true;
}

} // namespace redpak::gui
