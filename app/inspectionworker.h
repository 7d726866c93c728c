// SPDX-License-Identifier: Apache-2.0
// Reads the node tree and inspects its nodes off the GUI thread. The worker lives in its own
// thread and owns the core objects it reads with (one TreeIndex, fresh for each load of the tree,
// kept for the re-inspections that follow a save and invalidated by them); requests
// and results cross the thread boundary as values. Each run belongs to a generation of the tree: a
// run stops as soon as the tree moved to a newer generation, and its results are dropped by the
// receiver.
#pragma once

#include "nodeinspection.h"

#include <QObject>
#include <QStringList>
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
    // Run on the receiver's thread: the nodes of the roots (parents first, each node once),
    // and one batch of results, of `generation`.
    using DeliverTree = std::function<void(quint64 generation, std::vector<NodeLocation> nodes)>;
    using Deliver = std::function<void(quint64 generation, std::vector<InspectedNode> batch)>;

    // `receiver` is the context the callbacks run in; `currentGeneration` is written by the
    // receiver's thread and read between two nodes.
    InspectionWorker(const std::atomic<quint64>* currentGeneration, QObject* receiver,
                     DeliverTree deliverTree, Deliver deliver);

    // Lists the nodes of `roots`, delivers them, then inspects them all (request i is node i).
    void load(quint64 generation, const QStringList& roots);

    // Inspects `requests` in order (parents before children, so that families are read once)
    // and delivers the results in batches. Call through the worker's thread.
    void inspect(quint64 generation, std::vector<InspectionRequest> requests);

private:
    void deliver(quint64 generation, std::vector<InspectedNode> batch);
    // Drops what the index holds of the node's files and of the families they belong to.
    void forget(const NodeLocation& location);
    bool isCurrent(quint64 generation) const;

    const std::atomic<quint64>* m_currentGeneration;
    QObject* m_receiver;
    DeliverTree m_deliverTree;
    Deliver m_deliver;
    TreeIndex m_index{nullptr};
    SharedTexts m_texts;
};

// The worker and its thread; destroying it stops the thread after the node in progress.
class InspectionThread {
public:
    InspectionThread(const std::atomic<quint64>* currentGeneration, QObject* receiver,
                     InspectionWorker::DeliverTree deliverTree, InspectionWorker::Deliver deliver);
    ~InspectionThread();
    InspectionThread(const InspectionThread&) = delete;
    InspectionThread& operator=(const InspectionThread&) = delete;

    // Queue a run after the runs already queued.
    void load(quint64 generation, const QStringList& roots);
    void post(quint64 generation, std::vector<InspectionRequest> requests);

private:
    QThread m_thread;
    InspectionWorker* m_worker; // owned by the thread (deleted on finish)
};

} // namespace redpak::gui
