// SPDX-License-Identifier: Apache-2.0
#include "familycheck.h"

#include "redpak/base/diagnostic.h"
#include "redpak/review/impact.h"

#include <QDir>

namespace redpak::gui {

namespace {
// Typing pause after which the text is checked against the family.
constexpr int kPauseMs = 300;

FamilyCheck::Message messageOf(const Diagnostic& diagnostic) {
    return FamilyCheck::Message{QDir::cleanPath(QString::fromStdString(diagnostic.file)),
                                diagnostic.line, QString::fromStdString(diagnostic.message)};
}
} // namespace

FamilyCheck::FamilyCheck(QObject* parent) : QObject(parent) {
    m_pause.setSingleShot(true);
    m_pause.setInterval(kPauseMs);
    connect(&m_pause, &QTimer::timeout, this, &FamilyCheck::run);
}

void FamilyCheck::request(const QString& nodeDir, ConfigKind kind,
                          const std::optional<Config>& config) {
    m_request = Request{nodeDir, kind, config};
    m_pause.start();
}

void FamilyCheck::recheck() {
    if (m_request) {
        m_pause.start();
    }
}

void FamilyCheck::clear() {
    m_pause.stop();
    m_request.reset();
    if (m_errors.empty() && m_warnings.empty() && m_problem.isEmpty()) {
        return;
    }
    m_errors.clear();
    m_warnings.clear();
    m_problem.clear();
    Q_EMIT resultChanged();
}

void FamilyCheck::flush() {
    if (m_pause.isActive()) {
        m_pause.stop();
        run();
    }
}

void FamilyCheck::run() {
    if (!m_request) {
        return;
    }
    m_errors.clear();
    m_warnings.clear();
    m_problem.clear();
    try {
        const EditCheck check =
            checkEdit(m_request->nodeDir.toStdString(), m_request->config, m_request->kind);
        for (const MergeError& error : check.errors) {
            m_errors.push_back(messageOf(error.diagnostic));
        }
        for (const Diagnostic& warning : check.newWarnings) {
            m_warnings.push_back(messageOf(warning));
        }
    } catch (const InputError& error) {
        m_problem = QString::fromStdString(error.diagnostic().format());
    }
    Q_EMIT resultChanged();
}

QStringList FamilyCheck::lines(const std::vector<Message>& messages) {
    QStringList out;
    for (const Message& message : messages) {
        out.append(message.line > 0 ? tr("Line %1: %2").arg(message.line).arg(message.text)
                                    : message.text);
    }
    return out;
}

QString FamilyCheck::at(const std::vector<Message>& messages, const QString& file, int line) {
    QStringList out;
    const QString clean = QDir::cleanPath(file);
    for (const Message& message : messages) {
        if (line > 0 && message.line == line && message.file == clean) {
            out.append(message.text);
        }
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace redpak::gui
