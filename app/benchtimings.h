// SPDX-License-Identifier: Apache-2.0
// redpak-manager --bench-timings: how long the window takes to show and to inspect its tree,
// and to reflect a change of one leaf's file written as a save writes it. Prints one JSON object
// on stdout (milliseconds since the process started, peak RSS in MB) and exits.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

class QQuickWindow;

namespace redpak::gui {

class Session;

class BenchTimings : public QObject {
    Q_OBJECT

public:
    // `sinceStart` runs from the start of main().
    BenchTimings(Session* session, QQuickWindow* window, QElapsedTimer sinceStart,
                 QObject* parent = nullptr);

private:
    void onFrameSwapped();
    void onInspectionProgress();
    void startRefreshWhenReady();
    void rewriteLeaf(const QString& leaf);
    void onNodesInspected(const QStringList& paths);
    void finish();

    Session* m_session;
    QElapsedTimer m_sinceStart;
    QElapsedTimer m_sinceWrite;
    qint64 m_firstFrameMs = -1;
    qint64 m_inspectedMs = -1;
    qint64 m_refreshMs = -1;
    bool m_refreshStarted = false;
    QString m_leaf; // the node whose file was rewritten, once written
};

} // namespace redpak::gui
