// SPDX-License-Identifier: Apache-2.0
#include "auditcontroller.h"

#include "redpak/audit.h"
#include "redpak/diagnostic.h"
#include "redpak/findings.h"

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

void AuditController::refresh() {
    m_state = State::Unknown;
    m_approvedBy.clear();
    m_approvedAt.clear();
    m_comment.clear();
    m_scoreChange.clear();
    m_driftedFiles.clear();
    m_semanticSummary.clear();
    m_driftText.clear();
    m_problem.clear();
    if (!m_nodePath.isEmpty()) {
        try {
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
            setError(qs(error.diagnostic().format()));
        }
    }
    Q_EMIT statusChanged();
}

bool AuditController::approve(const QString& comment) {
    try {
        approveNode(m_nodePath.toStdString(), comment.toStdString());
    } catch (const InputError& error) {
        setError(tr("Cannot approve %1: %2").arg(m_nodePath, qs(error.diagnostic().format())));
        return false;
    }
    setError({});
    refresh();
    Q_EMIT approved(m_nodePath);
    return true;
}

} // namespace redpak::gui
