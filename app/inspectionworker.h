// SPDX-License-Identifier: Apache-2.0
// Inspects nodes off the GUI thread. The worker lives in its own thread and owns the core
// objects it reads with (a fresh InspectionCaches per run); requests and results cross the
// thread boundary as values. Each run belongs to a generation of the tree: a run stops as soon
// as the tree moved to a newer generation, and its results are dropped by the receiver.
#pragma once

#include "nodeinspection.h"

#include <QObject>
#include <QThread>
#include <atomic>
#include <functional>
#include <vector>

namespace redpak::gui {

struct InspectionRequest {
    int node = -1; // the receiver's index of the node in its generation
    NodeLocation location;
    bool relocate = false; // locate the node's files again first (a save may add an admin file)
};

struct InspectedNode {
    int node = -1;
    NodeInspection inspection;
};

class InspectionWorker : public QObject {
    Q_OBJECT

public:
    // Runs on the receiver's thread with one batch of results of `generation`.
    using Deliver = std::function<void(quint64 generation, std::vector<InspectedNode> batch)>;

    // `receiver` is the context `deliver` runs in; `currentGeneration` is written by the
    // receiver's thread and read between two nodes.
    InspectionWorker(const std::atomic<quint64>* currentGeneration, QObject* receiver,
                     Deliver deliver);

    // Inspects `requests` in order (parents before children, so that families are read once)
    // and delivers the results in batches. Call through the worker's thread.
    void inspect(quint64 generation, std::vector<InspectionRequest> requests);

private:
    void deliver(quint64 generation, std::vector<InspectedNode> batch);

    const std::atomic<quint64>* m_currentGeneration;
    QObject* m_receiver;
    Deliver m_deliver;
};

// The worker and its thread; destroying it stops the thread after the node in progress.
class InspectionThread {
public:
    InspectionThread(const std::atomic<quint64>* currentGeneration, QObject* receiver,
                     InspectionWorker::Deliver deliver);
    ~InspectionThread();
    InspectionThread(const InspectionThread&) = delete;
    InspectionThread& operator=(const InspectionThread&) = delete;

    // Queues a run after the runs already queued.
    void post(quint64 generation, std::vector<InspectionRequest> requests);

private:
    QThread m_thread;
    InspectionWorker* m_worker; // owned by the thread (deleted on finish)
};

} // namespace redpak::gui
