// SPDX-License-Identifier: Apache-2.0
#include "auditcontroller.h"

#include "configdocument.h"
#include "redpak/base/diagnostic.h"
#include "redpak/review/audit_status.h"
#include "redpak/review/findings.h"

namespace redpak::gui {

namespace {

QString qs(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

AuditController::State stateOf(AuditState state) {
    switch (state) {
    case AuditState::Approved:
        return AuditController::State::Approved;
    case AuditState::Drifted:
        return AuditController::State::Drifted;
    case AuditState::Invalid:
        return AuditController::State::Invalid;
    case AuditState::NotAudited:
        break;
    }
    return AuditController::State::NotAudited;
}

} // namespace

AuditController::AuditController(QObject* parent) : QObject(parent) {}

void AuditController::setWorkspace(Workspace* workspace) {
    if (workspace == m_workspace) {
        return;
    }
    m_workspace = workspace;
    Q_EMIT workspaceChanged();
}

void AuditController::setNodePath(const QString& path) {
    if (path == m_nodePath) {
        return;
    }
    m_nodePath = path;
    Q_EMIT nodePathChanged();
    refresh();
}

void AuditController::setError(const QString& message) {
    if (message != m_errorString) {
        m_errorString = message;
        Q_EMIT errorChanged();
    }
}

void AuditController::setBusy(bool busy) {
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged();
    }
}

void AuditController::refresh() {
    m_shownFiles.clear();
    m_state = State::Unknown;
    m_approvedBy.clear();
    m_approvedAt.clear();
    m_comment.clear();
    m_scoreChange.clear();
    m_driftedFiles.clear();
    m_semanticSummary.clear();
    m_mergeErrors.clear();
    m_driftText.clear();
    m_problem.clear();
    if (!m_nodePath.isEmpty()) {
        try {
            // Read before the status: a file changing in between then makes the approval
            // stale rather than approving something that was not shown.
            m_shownFiles = currentReviewedFiles(m_nodePath);
            const AuditStatus status = auditStatus(m_nodePath.toStdString());
            m_state = stateOf(status.state);
            m_problem = qs(status.problem);
            if (status.record) {
                m_approvedBy = qs(status.record->approvedBy);
                m_approvedAt = qs(status.record->time);
                m_comment = qs(status.record->comment);
                if (status.scoreNow) {
                    m_scoreChange = qs(formatScore(status.record->score)) + QStringLiteral(" → ") +
                                    qs(formatScore(*status.scoreNow));
                }
            } else if (status.scoreNow) {
                m_scoreChange = qs(formatScore(*status.scoreNow));
            }
            for (const FileDrift& drift : status.drift) {
                m_driftedFiles << qs(toString(drift.kind)) + QLatin1Char(' ') + qs(drift.path);
                m_driftText += qs(drift.textDiff);
            }
            if (!status.mergeErrors.empty()) {
                // Said first: the node does not launch, whatever the summary of its items.
                QStringList errors;
                for (const MergeError& error : status.mergeErrors) {
                    errors << qs(error.diagnostic.format());
                }
                m_mergeErrors = errors;
            }
            if (status.semantic) {
                m_semanticSummary = qs(status.semantic->summary());
                for (const Change& c : status.semantic->changes) {
                    m_semanticSummary += QLatin1Char('\n') + qs(toString(c.direction)) +
                                         QLatin1Char(' ') + qs(c.item) + QStringLiteral(": ") +
                                         (c.before ? qs(*c.before) : QStringLiteral("-")) +
                                         QStringLiteral(" → ") +
                                         (c.after ? qs(*c.after) : QStringLiteral("-"));
                }
            }
            setError({});
        } catch (const InputError& error) {
            m_shownFiles.clear(); // nothing reliable was shown: nothing to approve
            setError(qs(error.diagnostic().format()));
        }
    }
    Q_EMIT statusChanged();
}

void AuditController::approve(const QString& comment) {
    if (m_busy) {
        return;
    }
    const QString node = m_nodePath;
    NodeStore* store = m_workspace ? m_workspace->storeFor(node) : nullptr;
    if (!store) {
        setError(tr("Cannot approve %1: it is not in an opened node root.").arg(node));
        return;
    }
    if (m_shownFiles.isEmpty()) {
        setError(tr("Cannot approve %1: its files could not be read.").arg(node));
        return;
    }
    setBusy(true);
    store->recordApproval(
        node, m_shownFiles, comment, this, [this, node](const StoreResult& result) {
            setBusy(false);
            if (!result.ok()) {
                setError(tr("Cannot approve %1: %2").arg(node, storeErrorMessage(result)));
                return;
            }
            setError({});
            refresh();
            Q_EMIT approved(node);
        });
}

} // namespace redpak::gui
