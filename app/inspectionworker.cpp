// SPDX-License-Identifier: Apache-2.0
#include "inspectionworker.h"

#include "redpak/base/diagnostic.h"

#include <QElapsedTimer>
#include <optional>
#include <utility>

namespace redpak::gui {

namespace {

// A batch is delivered when it holds this many nodes or is this old: the first badges show
// quickly and the GUI thread handles a few hundred updates per second, not one per node.
constexpr std::size_t kBatchSize = 200;
constexpr qint64 kBatchAgeMs = 50;

NodeLocation currentLocation(const InspectionRequest& request) {
    if (request.relocate) {
        try {
            if (std::optional<NodeLocation> found = locateNode(request.location.base)) {
                return *std::move(found);
            }
        } catch (const InputError&) {
            // inspectNode reports the same problem from the files it cannot read
        }
    }
    return request.location;
}

} // namespace

InspectionWorker::InspectionWorker(const std::atomic<quint64>* currentGeneration, QObject* receiver,
                                   Deliver deliver)
    : m_currentGeneration(currentGeneration), m_receiver(receiver), m_deliver(std::move(deliver)) {}

void InspectionWorker::inspect(quint64 generation, std::vector<InspectionRequest> requests) {
    InspectionCaches caches;
    std::vector<InspectedNode> batch;
    QElapsedTimer age;
    age.start();
    for (InspectionRequest& request : requests) {
        if (m_currentGeneration->load(std::memory_order_acquire) != generation ||
            QThread::currentThread()->isInterruptionRequested()) {
            return; // the tree was reloaded or is going away: nobody wants these results
        }
        batch.push_back({request.node, inspectNode(currentLocation(request), caches)});
        if (batch.size() >= kBatchSize || age.elapsed() >= kBatchAgeMs) {
            deliver(generation, std::exchange(batch, {}));
            age.restart();
        }
    }
    if (!batch.empty()) {
        deliver(generation, std::move(batch));
    }
}

void InspectionWorker::deliver(quint64 generation, std::vector<InspectedNode> batch) {
    // Queued to the receiver's thread; dropped by Qt if the receiver is destroyed first.
    QMetaObject::invokeMethod(
        m_receiver,
        [deliver = m_deliver, generation, batch = std::move(batch)]() mutable {
            deliver(generation, std::move(batch));
        },
        Qt::QueuedConnection);
}

InspectionThread::InspectionThread(const std::atomic<quint64>* currentGeneration, QObject* receiver,
                                   InspectionWorker::Deliver deliver)
    : m_worker(new InspectionWorker(currentGeneration, receiver, std::move(deliver))) {
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("node inspection"));
    m_thread.start(QThread::LowPriority);
}

InspectionThread::~InspectionThread() {
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

void InspectionThread::post(quint64 generation, std::vector<InspectionRequest> requests) {
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, generation, requests = std::move(requests)]() mutable {
            worker->inspect(generation, std::move(requests));
        },
        Qt::QueuedConnection);
}

} // namespace redpak::gui
