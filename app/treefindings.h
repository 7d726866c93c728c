// SPDX-License-Identifier: Apache-2.0
// The error findings (core findings.h) of every node of the opened roots, for the tree's badges:
// a security error shows on its node without opening it. Computed off the GUI thread, one
// analysis at a time; asked again while one runs, it runs once more afterwards with what was
// asked last, so the result delivered last is that of the newest request.
#pragma once

#include "redpak/merge/merge.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <optional>

class QThread;

namespace redpak::gui {

class TreeFindings : public QObject {
    Q_OBJECT

public:
    explicit TreeFindings(QObject* parent = nullptr);
    ~TreeFindings() override; // waits for the analysis in progress

    // Analyses every node of `roots` merged in `mode`.
    void analyze(const QStringList& roots, MergeMode mode);
    bool isBusy() const { return m_thread != nullptr; }

Q_SIGNALS:
    // "item: explanation" of each error finding, by node (cleaned base directory).
    void analyzed(const QHash<QString, QStringList>& errorsByNode);

private:
    struct Request {
        QStringList roots;
        MergeMode mode = MergeMode::Normal;
    };
    void startNext();

    QThread* m_thread = nullptr;
    std::optional<Request> m_next;
};

// The error findings of the nodes of `roots` in `mode`, as TreeFindings delivers them.
QHash<QString, QStringList> errorFindingsOf(const QStringList& roots, MergeMode mode);

} // namespace redpak::gui
