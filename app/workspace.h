// SPDX-License-Identifier: Apache-2.0
// The node roots the user opened and the store that serves each one: a root the user can
// write is accessed directly, any other root through the privileged helper.
#pragma once

#include "nodestore.h"

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <memory>
#include <vector>

namespace redpak::gui {

class Workspace : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QStringList roots READ roots NOTIFY rootsChanged)
    // Why a root given on the command line or chosen could not be opened; empty when none.
    Q_PROPERTY(QString openError READ openError NOTIFY openErrorChanged)

public:
    // Builds the store for a root path; the default picks local or helper (see addRoot).
    using StoreFactory = std::function<std::unique_ptr<NodeStore>(const QString& rootPath)>;

    explicit Workspace(QObject* parent = nullptr);
    Workspace(StoreFactory factory, QObject* parent = nullptr);
    ~Workspace() override;

    QStringList roots() const;
    // Opens a root (absolute, cleaned). Returns false when it is not a directory.
    Q_INVOKABLE bool addRoot(const QString& path);
    // addRoot, and when it fails `openError` says which path and why.
    Q_INVOKABLE bool openRoot(const QString& path);
    // openRoot for a folder chosen in a file dialog.
    Q_INVOKABLE bool openRootUrl(const QUrl& folder) { return openRoot(folder.toLocalFile()); }
    QString openError() const { return m_openError; }
    Q_INVOKABLE void setOpenError(const QString& error);

    // The store of the root containing `nodeDir` (component-wise), or nullptr.
    NodeStore* storeFor(const QString& nodeDir) const;

    // Local store for writable roots, helper store otherwise.
    static std::unique_ptr<NodeStore> defaultStore(const QString& rootPath);

Q_SIGNALS:
    void rootsChanged();
    void openErrorChanged();

private:
    StoreFactory m_factory;
    std::vector<std::unique_ptr<NodeStore>> m_stores;
    QString m_openError;
};

// True when `path` is `dir` or below it, compared component by component.
bool isPathWithin(const QString& path, const QString& dir);

} // namespace redpak::gui
