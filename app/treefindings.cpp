// SPDX-License-Identifier: Apache-2.0
#include "treefindings.h"

#include "redpak/base/diagnostic.h"
#include "redpak/review/findings.h"

#include <QDir>
#include <QThread>

namespace redpak::gui {

QHash<QString, QStringList> errorFindingsOf(const QStringList& roots, MergeMode mode) {
    QHash<QString, QStringList> byNode;
    for (const QString& root : roots) {
        try {
            for (const NodeFindings& node : analyzeTreeAt(root.toStdString(), mode).nodes) {
                for (const Finding& finding : node.findings) {
                    // Invalid files and merge errors are already errors of the inspection.
                    if (finding.severity != Severity::Error || finding.id == "config.invalid" ||
                        finding.id == "merge.error") {
                        continue;
                    }
                    byNode[QDir::cleanPath(QString::fromStdString(node.node))].append(
                        QString::fromStdString(finding.item + ": " + finding.explanation));
                }
            }
        } catch (const InputError&) {
            // a root that cannot be read has no node to badge
        }
    }
    return byNode;
}

TreeFindings::TreeFindings(QObject* parent) : QObject(parent) {}

TreeFindings::~TreeFindings() {
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void TreeFindings::analyze(const QStringList& roots, MergeMode mode) {
    m_next = Request{roots, mode};
    if (!m_thread) {
        startNext();
    }
}

void TreeFindings::startNext() {
    if (!m_next) {
        return;
    }
    const Request request = *std::exchange(m_next, std::nullopt);
    m_thread = QThread::create([this, request] {
        QHash<QString, QStringList> result = errorFindingsOf(request.roots, request.mode);
        QMetaObject::invokeMethod(
            this,
            [this, result = std::move(result)] {
                m_thread->wait();
                delete m_thread;
                m_thread = nullptr;
                if (!m_next) { // a newer request would replace this result at once
                    Q_EMIT analyzed(result);
                }
                startNext();
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("tree findings"));
    m_thread->start(QThread::LowPriority);
}

} // namespace redpak::gui
