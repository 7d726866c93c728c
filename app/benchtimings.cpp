// SPDX-License-Identifier: Apache-2.0
#include "benchtimings.h"

#include "session.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQuickWindow>
#include <cstdio>
#include <sys/resource.h>

namespace redpak::gui {

namespace {

// The last node of the tree in display order: a leaf of the deepest last branch.
QString lastLeaf(const NodeTreeModel& tree) {
    QModelIndex node;
    while (tree.rowCount(node) > 0) {
        node = tree.index(tree.rowCount(node) - 1, 0, node);
    }
    return node.isValid() ? node.data(NodeTreeModel::PathRole).toString() : QString();
}

double peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // kilobytes on Linux
}

} // namespace

BenchTimings::BenchTimings(Session* session, QQuickWindow* window, QElapsedTimer sinceStart,
                           QObject* parent)
    : QObject(parent), m_session(session), m_sinceStart(sinceStart) {
    connect(window, &QQuickWindow::frameSwapped, this, &BenchTimings::onFrameSwapped);
    connect(session->tree(), &NodeTreeModel::inspectionProgressChanged, this,
            &BenchTimings::onInspectionProgress);
    connect(session->tree(), &NodeTreeModel::nodesInspected, this, &BenchTimings::onNodesInspected);
    onInspectionProgress(); // an empty tree is inspected already
}

void BenchTimings::onFrameSwapped() {
    if (m_firstFrameMs < 0) {
        m_firstFrameMs = m_sinceStart.elapsed();
        startRefreshWhenReady();
    }
}

void BenchTimings::onInspectionProgress() {
    const NodeTreeModel* tree = m_session->tree();
    if (m_inspectedMs < 0 && !tree->isInspecting() &&
        tree->inspectionTotal() == tree->nodeCount()) {
        m_inspectedMs = m_sinceStart.elapsed();
        startRefreshWhenReady();
    }
}

void BenchTimings::startRefreshWhenReady() {
    if (m_firstFrameMs < 0 || m_inspectedMs < 0 || m_refreshStarted) {
        return;
    }
    m_refreshStarted = true;
    const QString leaf = lastLeaf(*m_session->tree());
    if (leaf.isEmpty()) {
        finish();
        return;
    }
    rewriteLeaf(leaf);
}

// Appends a comment to the leaf's config through its store, as a save does, then tells the
// session as a save does.
void BenchTimings::rewriteLeaf(const QString& leaf) {
    NodeStore* store = m_session->workspace()->storeFor(leaf);
    store->readConfig(leaf, ConfigKind::Normal, this, [this, store, leaf](const auto& content) {
        if (!content.result.ok()) {
            finish();
            return;
        }
        m_sinceWrite.start();
        store->writeConfig(leaf, ConfigKind::Normal, content.text + QStringLiteral("# bench\n"),
                           content.digest, this, [this, leaf](const WriteReply& reply) {
                               if (!reply.result.ok()) {
                                   finish();
                                   return;
                               }
                               m_leaf = leaf;
                               m_session->nodeFilesWritten(leaf);
                           });
    });
}

void BenchTimings::onNodesInspected(const QStringList& paths) {
    if (!m_leaf.isEmpty() && m_refreshMs < 0 && paths.contains(m_leaf)) {
        m_refreshMs = m_sinceWrite.elapsed();
        finish();
    }
}

void BenchTimings::finish() {
    const auto msOrNull = [](qint64 ms) { return ms < 0 ? QJsonValue() : QJsonValue(ms); };
    const QJsonObject figures{
        {QStringLiteral("nodes"), m_session->tree()->nodeCount()},
        {QStringLiteral("first_frame_ms"), msOrNull(m_firstFrameMs)},
        {QStringLiteral("fully_inspected_ms"), msOrNull(m_inspectedMs)},
        {QStringLiteral("peak_rss_mb"), peakRssMb()},
        {QStringLiteral("leaf_refresh_ms"), msOrNull(m_refreshMs)},
    };
    std::fputs(QJsonDocument(figures).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
    // A tree with nodes whose leaf could not be rewritten has no complete figures.
    QCoreApplication::exit(m_refreshMs < 0 && m_session->tree()->nodeCount() > 0 ? 1 : 0);
}

} // namespace redpak::gui
