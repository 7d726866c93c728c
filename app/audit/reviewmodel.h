// SPDX-License-Identifier: Apache-2.0
// The review shown before a save: what the edited file changes, for the node and every node
// below it (core impact.h: in memory, nothing is written), one row per change with the widening
// ones first, plus the score change and the merge errors the change would create. An admin file
// is reviewed the same way, in admin mode (the only mode admin files take part in).
// It is also the only way to save a document: reviewDocument() reviews the text a save would
// write and names it with reviewToken; applyReviewed() with that token writes exactly that text,
// and is refused when there was no review or the document changed since.
#pragma once

#include "configdocument.h"
#include "redpak/review/impact.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <optional>
#include <vector>

namespace redpak::gui {

class ReviewModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the session")
    Q_PROPERTY(Status status READ status NOTIFY resultChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY resultChanged)
    Q_PROPERTY(int wideningCount READ wideningCount NOTIFY resultChanged)
    Q_PROPERTY(int narrowingCount READ narrowingCount NOTIFY resultChanged)
    Q_PROPERTY(int neutralCount READ neutralCount NOTIFY resultChanged)
    Q_PROPERTY(int changedNodes READ changedNodes NOTIFY resultChanged)
    Q_PROPERTY(QString scoreBefore READ scoreBefore NOTIFY resultChanged)
    Q_PROPERTY(QString scoreAfter READ scoreAfter NOTIFY resultChanged)
    Q_PROPERTY(bool scoreRises READ scoreRises NOTIFY resultChanged)
    Q_PROPERTY(QStringList newErrors READ newErrors NOTIFY resultChanged)
    Q_PROPERTY(QStringList newWarnings READ newWarnings NOTIFY resultChanged)
    // The last review was of an admin file: effective configurations are those of admin mode.
    Q_PROPERTY(bool adminMode READ adminMode NOTIFY resultChanged)
    // Names the document text under review; empty when the review allows no save.
    Q_PROPERTY(QString reviewToken READ reviewToken NOTIFY resultChanged)

public:
    enum class Status { Empty, Ready, Failed };
    Q_ENUM(Status)

    // What a change does to the sandbox, and to the item, as QML compares them.
    enum class ChangeDirection { Widening, Narrowing, Neutral };
    Q_ENUM(ChangeDirection)
    enum class ChangeKind { Added, Removed, Modified };
    Q_ENUM(ChangeKind)

    enum Roles {
        NodeRole = Qt::UserRole + 1,
        AliasRole,
        DepthRole,
        ItemRole,
        DirectionRole, // "widening", "narrowing", "neutral"
        KindRole,      // "added", "removed", "modified"
        BeforeRole,
        AfterRole,
        ReasonRole,
        ScoreChangeRole,     // "3.1 → 5.4" for the row's node, "" when its score stays
        ChangeDirectionRole, // ChangeDirection
        ChangeKindRole,      // ChangeKind
    };
    Q_ENUM(Roles)

    explicit ReviewModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Status status() const { return m_status; }
    QString errorString() const { return m_errorString; }
    int wideningCount() const { return count(Direction::Widening); }
    int narrowingCount() const { return count(Direction::Narrowing); }
    int neutralCount() const { return count(Direction::Neutral); }
    int changedNodes() const { return m_changedNodes; }
    QString scoreBefore() const { return m_scoreBefore; }
    QString scoreAfter() const { return m_scoreAfter; }
    bool scoreRises() const { return m_scoreRises; }
    QStringList newErrors() const { return m_newErrors; }
    QStringList newWarnings() const { return m_newWarnings; }
    bool adminMode() const { return m_adminMode; }
    QString reviewToken() const { return m_pending ? m_pending->token : QString(); }

    // Reviews `newText` as the next content of a config file of the node at `nodePath`, with
    // its tree-wide impact: the normal file in normal mode, the admin file (`admin`; an empty
    // text removes it) in admin mode. A preview: it allows no save.
    Q_INVOKABLE void review(const QString& nodePath, const QString& newText, bool admin);
    // Reviews the text `document` holds, as the next content of its file; a successful review
    // sets reviewToken.
    Q_INVOKABLE void reviewDocument(redpak::gui::ConfigDocument* document);
    // Saves the reviewed document if `token` is the current reviewToken and the document still
    // holds the reviewed text; otherwise writes nothing. Returns whether the save was started.
    // One review allows one save.
    Q_INVOKABLE bool applyReviewed(const QString& token);
    Q_INVOKABLE void clear();

    // The rows of a computed report (also used by tests).
    void setReport(const ImpactReport& report);
    // No rows, Failed with `message` (a report that could not be computed).
    void fail(const QString& message);

Q_SIGNALS:
    void resultChanged();

private:
    struct Row {
        QString node;
        QString alias;
        int depth = 0;
        QString scoreChange;
        Change change;
    };
    struct PendingSave {
        QPointer<ConfigDocument> document;
        ReviewedText reviewed;
        QString token;
    };
    int count(Direction direction) const;
    void computeReview(const QString& nodePath, const QString& newText, bool admin);

    std::vector<Row> m_rows;
    Status m_status = Status::Empty;
    QString m_errorString;
    int m_changedNodes = 0;
    QString m_scoreBefore;
    QString m_scoreAfter;
    bool m_scoreRises = false;
    QStringList m_newErrors;
    QStringList m_newWarnings;
    bool m_adminMode = false;
    std::optional<PendingSave> m_pending;
};

} // namespace redpak::gui
