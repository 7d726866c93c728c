// SPDX-License-Identifier: Apache-2.0
#include "reviewmodel.h"

#include "redpak/base/diagnostic.h"
#include "redpak/config/parser.h"
#include "redpak/review/findings.h"
#include "redpak/tree/node.h"

#include <QCryptographicHash>
#include <algorithm>

namespace redpak::gui {

namespace {

QString qs(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

ReviewModel::ChangeDirection directionOf(Direction direction) {
    switch (direction) {
    case Direction::Widening:
        return ReviewModel::ChangeDirection::Widening;
    case Direction::Narrowing:
        return ReviewModel::ChangeDirection::Narrowing;
    case Direction::Neutral:
        break;
    }
    return ReviewModel::ChangeDirection::Neutral;
}

ReviewModel::ChangeKind kindOf(ChangeKind kind) {
    switch (kind) {
    case ChangeKind::Added:
        return ReviewModel::ChangeKind::Added;
    case ChangeKind::Removed:
        return ReviewModel::ChangeKind::Removed;
    case ChangeKind::Modified:
        break;
    }
    return ReviewModel::ChangeKind::Modified;
}

// Digest of what a save would write where: the node, the file and the text.
QString reviewTokenOf(const QString& nodePath, bool admin, const QString& text) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray fields = nodePath.toUtf8();
    fields.append('\0').append(admin ? "admin" : "normal").append('\0').append(text.toUtf8());
    hash.addData(fields);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

ReviewModel::ReviewModel(QObject* parent) : QAbstractListModel(parent) {}

int ReviewModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ReviewModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const Change& c = row.change;
    switch (role) {
    case NodeRole:
        return row.node;
    case AliasRole:
        return row.alias;
    case DepthRole:
        return row.depth;
    case Qt::DisplayRole:
    case ItemRole:
        return qs(c.item);
    case DirectionRole:
        return qs(toString(c.direction));
    case KindRole:
        return qs(toString(c.kind));
    case BeforeRole:
        return c.before ? qs(*c.before) : QString();
    case AfterRole:
        return c.after ? qs(*c.after) : QString();
    case ReasonRole:
        return qs(c.reason);
    case ScoreChangeRole:
        return row.scoreChange;
    case ChangeDirectionRole:
        return static_cast<int>(directionOf(c.direction));
    case ChangeKindRole:
        return static_cast<int>(kindOf(c.kind));
    default:
        return {};
    }
}

QHash<int, QByteArray> ReviewModel::roleNames() const {
    return {{NodeRole, "node"},
            {AliasRole, "alias"},
            {DepthRole, "depth"},
            {ItemRole, "item"},
            {DirectionRole, "direction"},
            {KindRole, "kind"},
            {BeforeRole, "before"},
            {AfterRole, "after"},
            {ReasonRole, "reason"},
            {ScoreChangeRole, "scoreChange"},
            {ChangeDirectionRole, "changeDirection"},
            {ChangeKindRole, "changeKind"}};
}

int ReviewModel::count(Direction direction) const {
    return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), [direction](const Row& r) {
        return r.change.direction == direction;
    }));
}

void ReviewModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_status = Status::Empty;
    m_errorString.clear();
    m_changedNodes = 0;
    m_scoreBefore.clear();
    m_scoreAfter.clear();
    m_scoreRises = false;
    m_newErrors.clear();
    m_newWarnings.clear();
    m_adminMode = false;
    m_pending.reset();
    endResetModel();
    Q_EMIT resultChanged();
}

void ReviewModel::fail(const QString& message) {
    clear();
    m_status = Status::Failed;
    m_errorString = message;
    Q_EMIT resultChanged();
}

void ReviewModel::setReport(const ImpactReport& report) {
    beginResetModel();
    m_pending.reset();
    m_rows.clear();
    for (const NodeImpact& node : report.nodes) {
        const QString before = qs(formatScore(node.scoreBefore));
        const QString after = qs(formatScore(node.scoreAfter));
        const QString scoreChange =
            before == after ? QString() : before + QStringLiteral(" → ") + after;
        for (const Change& change : node.diff.changes) {
            m_rows.push_back(Row{qs(node.node), qs(node.alias), node.depth, scoreChange, change});
        }
    }
    // Widening first across the whole tree, parents before children within a direction.
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) {
        return static_cast<int>(a.change.direction) < static_cast<int>(b.change.direction);
    });
    m_changedNodes = static_cast<int>(report.nodes.size());
    m_newErrors.clear();
    m_newWarnings.clear();
    for (const NodeImpact& node : report.nodes) {
        for (const MergeError& error : node.newErrors) {
            m_newErrors << qs(error.diagnostic.format());
        }
        for (const Diagnostic& warning : node.newWarnings) {
            m_newWarnings << qs(warning.format());
        }
    }
    m_scoreBefore.clear();
    m_scoreAfter.clear();
    m_scoreRises = false;
    const auto edited = std::find_if(report.nodes.begin(), report.nodes.end(),
                                     [](const NodeImpact& n) { return n.depth == 0; });
    if (edited != report.nodes.end()) {
        m_scoreBefore = qs(formatScore(edited->scoreBefore));
        m_scoreAfter = qs(formatScore(edited->scoreAfter));
        m_scoreRises = edited->scoreAfter > edited->scoreBefore;
    }
    m_status = Status::Ready;
    m_errorString.clear();
    endResetModel();
    Q_EMIT resultChanged();
}

void ReviewModel::review(const QString& nodePath, const QString& newText, bool admin) {
    m_pending.reset();
    computeReview(nodePath, newText, admin);
}

void ReviewModel::reviewDocument(ConfigDocument* document) {
    m_pending.reset();
    if (!document || document->nodePath().isEmpty()) {
        fail(tr("No configuration file is open."));
        return;
    }
    if (document->hasRefusedInput()) {
        // The text under review would not hold what the fields show: nothing to save yet.
        fail(tr("These fields hold refused values, which would not be saved:") + QLatin1Char('\n') +
             document->refusedInputs().join(QLatin1Char('\n')));
        return;
    }
    const QString nodePath = document->nodePath();
    const QString text = document->text();
    computeReview(nodePath, text, document->isAdmin());
    if (m_status == Status::Ready) {
        m_pending = PendingSave{document, ReviewedText(nodePath, text),
                                reviewTokenOf(nodePath, document->isAdmin(), text)};
        Q_EMIT resultChanged();
    }
}

bool ReviewModel::applyReviewed(const QString& token) {
    if (!m_pending || token.isEmpty() || token != m_pending->token || !m_pending->document) {
        return false;
    }
    const PendingSave pending = *m_pending;
    m_pending.reset();
    Q_EMIT resultChanged();
    return pending.document->save(pending.reviewed);
}

void ReviewModel::computeReview(const QString& nodePath, const QString& newText, bool admin) {
    const std::string text = newText.toStdString();
    try {
        const std::optional<NodeLocation> node = locateNode(nodePath.toStdString());
        if (!node) {
            fail(tr("%1 is not a rednode").arg(nodePath));
            return;
        }
        ImpactReport report;
        if (!admin) {
            report = computeImpact(node->base, parseConfig(text, node->normalConfig.string()));
        } else {
            // An empty admin text removes the file (the helper's WriteConfig contract).
            const std::string file = adminConfigPath(*node).string();
            std::optional<Config> replacement;
            if (!newText.trimmed().isEmpty()) {
                replacement = parseConfig(text, file);
            }
            report = computeAdminImpact(node->base, replacement);
        }
        m_adminMode = admin;
        setReport(report);
    } catch (const InputError& error) {
        fail(qs(error.diagnostic().format()));
    }
}

} // namespace redpak::gui
