// SPDX-License-Identifier: Apache-2.0
#include "inspectionworker.h"

#include "redpak/base/diagnostic.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSet>
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
                                   DeliverTree deliverTree, Deliver deliver)
    : m_currentGeneration(currentGeneration), m_receiver(receiver),
      m_deliverTree(std::move(deliverTree)), m_deliver(std::move(deliver)) {}

bool InspectionWorker::isCurrent(quint64 generation) const {
    return m_currentGeneration->load(std::memory_order_acquire) == generation &&
           !QThread::currentThread()->isInterruptionRequested();
}

void InspectionWorker::load(quint64 generation, const QStringList& roots) {
    m_index = TreeIndex(nullptr); // a load reads every file as it is now
    m_texts.clear();
    std::vector<NodeLocation> nodes;
    QSet<QString> seen;
    for (const QString& root : roots) {
        try {
            for (TreeEntry& entry : enumerateTree(root.toStdString())) {
                const QString path =
                    QDir::cleanPath(QString::fromStdString(entry.location.base.string()));
                if (!seen.contains(path)) { // nested roots list the same node twice
                    seen.insert(path);
                    nodes.push_back(std::move(entry.location));
                }
            }
        } catch (const InputError&) {
            // an unreadable root shows no node; the other roots still load
        }
        if (!isCurrent(generation)) {
            return;
        }
    }
    std::vector<InspectionRequest> requests;
    requests.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        requests.push_back({static_cast<int>(i), nodes[i], false});
    }
    QMetaObject::invokeMethod(
        m_receiver,
        [deliverTree = m_deliverTree, generation, nodes = std::move(nodes)]() mutable {
            deliverTree(generation, std::move(nodes));
        },
        Qt::QueuedConnection);
    inspect(generation, std::move(requests));
}

void InspectionWorker::inspect(quint64 generation, std::vector<InspectionRequest> requests) {
    // A node to relocate was saved: its files and the families below it are read again, the
    // rest of the index stays as it was read.
    for (const InspectionRequest& request : requests) {
        if (request.relocate) {
            forget(request.location);
        }
    }
    std::vector<InspectedNode> batch;
    QElapsedTimer age;
    age.start();
    for (InspectionRequest& request : requests) {
        if (!isCurrent(generation)) {
            return; // the tree was reloaded or is going away: nobody wants these results
        }
        batch.push_back({request.node, inspectNode(currentLocation(request), m_index, m_texts)});
        if (batch.size() >= kBatchSize || age.elapsed() >= kBatchAgeMs) {
            deliver(generation, std::exchange(batch, {}));
            age.restart();
        }
    }
    if (!batch.empty()) {
        deliver(generation, std::move(batch));
    }
}

void InspectionWorker::forget(const NodeLocation& location) {
    m_index.invalidate(location.base);
    m_index.invalidate(location.statusFile);
    m_index.invalidate(location.normalConfig);
    m_index.invalidate(adminConfigPath(location));
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
                                   InspectionWorker::DeliverTree deliverTree,
                                   InspectionWorker::Deliver deliver)
    : m_worker(new InspectionWorker(currentGeneration, receiver, std::move(deliverTree),
                                    std::move(deliver))) {
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("node inspection"));
    m_thread.start();
}

InspectionThread::~InspectionThread() {
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

void InspectionThread::load(quint64 generation, const QStringList& roots) {
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, generation, roots] { worker->load(generation, roots); },
        Qt::QueuedConnection);
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
