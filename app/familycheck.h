// SPDX-License-Identifier: Apache-2.0
// The live family check of a document being edited: core's checkEdit() on the text as typed
// (the merge against the node's ancestors on disk), run once typing pauses, so that a conflict
// with a parent (`share_net: enabled` under a parent that disables it) shows at the field
// before any save. One family is a few small files, merged in milliseconds: it runs on the
// GUI thread, after the pause. The results belong to the text they were computed for.
#pragma once

#include "redpak/config/config.h"
#include "redpak/config/effective.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <optional>
#include <vector>

namespace redpak::gui {

class FamilyCheck : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by its ConfigDocument")
    // "Line L: message" of each merge error, and of each warning the edit adds.
    Q_PROPERTY(QStringList errors READ errors NOTIFY resultChanged)
    Q_PROPERTY(QStringList warnings READ warnings NOTIFY resultChanged)
    // Why the family could not be checked (a file of an ancestor is invalid), else "".
    Q_PROPERTY(QString problem READ problem NOTIFY resultChanged)

public:
    struct Message {
        QString file;
        int line = 0;
        QString text;
    };

    explicit FamilyCheck(QObject* parent = nullptr);

    // Checks `config` as the next content of file `kind` of the node at `nodeDir` once the
    // edits pause; nullopt for an absent admin file.
    void request(const QString& nodeDir, ConfigKind kind, const std::optional<Config>& config);
    // Checks the last request again (the family changed on disk).
    void recheck();
    // Forgets the results (the text does not parse, or no file is open).
    void clear();
    // Runs a pending check now (tests, and a view that needs it at once).
    Q_INVOKABLE void flush();

    QStringList errors() const { return lines(m_errors); }
    QStringList warnings() const { return lines(m_warnings); }
    QString problem() const { return m_problem; }
    // The messages about line `line` of `file`, one a line ("" when none).
    QString errorsAt(const QString& file, int line) const { return at(m_errors, file, line); }
    QString warningsAt(const QString& file, int line) const { return at(m_warnings, file, line); }

Q_SIGNALS:
    void resultChanged();

private:
    void run();
    static QStringList lines(const std::vector<Message>& messages);
    static QString at(const std::vector<Message>& messages, const QString& file, int line);

    struct Request {
        QString nodeDir;
        ConfigKind kind = ConfigKind::Normal;
        std::optional<Config> config;
    };
    std::optional<Request> m_request;
    std::vector<Message> m_errors;
    std::vector<Message> m_warnings;
    QString m_problem;
    QTimer m_pause;
};

} // namespace redpak::gui
