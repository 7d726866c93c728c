// SPDX-License-Identifier: Apache-2.0
#include "workspace.h"

#include "helpernodestore.h"
#include "localnodestore.h"

#include <QDir>
#include <QFileInfo>

namespace redpak::gui {

bool isPathWithin(const QString& path, const QString& dir) {
    const QStringList inner = QDir::cleanPath(path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QStringList outer = QDir::cleanPath(dir).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (inner.size() < outer.size()) {
        return false;
    }
    for (qsizetype i = 0; i < outer.size(); ++i) {
        if (inner.at(i) != outer.at(i)) {
            return false;
        }
    }
    return true;
}

Workspace::Workspace(QObject* parent) : Workspace(&Workspace::defaultStore, parent) {}

Workspace::Workspace(StoreFactory factory, QObject* parent)
    : QObject(parent), m_factory(std::move(factory)) {}

Workspace::~Workspace() = default;

std::unique_ptr<NodeStore> Workspace::defaultStore(const QString& rootPath) {
    if (QFileInfo(rootPath).isWritable()) {
        return std::make_unique<LocalNodeStore>(rootPath);
    }
    return std::make_unique<HelperNodeStore>(rootPath);
}

QStringList Workspace::roots() const {
    QStringList paths;
    for (const auto& store : m_stores) {
        paths.append(store->rootPath());
    }
    return paths;
}

bool Workspace::addRoot(const QString& path) {
    const QFileInfo info(path);
    if (!info.isDir()) {
        return false;
    }
    const QString clean = QDir::cleanPath(info.absoluteFilePath());
    if (roots().contains(clean)) {
        return true;
    }
    m_stores.push_back(m_factory(clean));
    Q_EMIT rootsChanged();
    return true;
}

bool Workspace::openRoot(const QString& path) {
    const bool opened = addRoot(path);
    if (!opened) { // an earlier failure stays shown until another one replaces it
        setOpenError(tr("%1 cannot be opened: it is not a directory.").arg(path));
    }
    return opened;
}

void Workspace::setOpenError(const QString& error) {
    if (error != m_openError) {
        m_openError = error;
        Q_EMIT openErrorChanged();
    }
}

NodeStore* Workspace::storeFor(const QString& nodeDir) const {
    NodeStore* best = nullptr;
    for (const auto& store : m_stores) {
        // The innermost root wins when roots are nested.
        if (isPathWithin(nodeDir, store->rootPath()) &&
            (!best || store->rootPath().size() > best->rootPath().size())) {
            best = store.get();
        }
    }
    return best;
}

} // namespace redpak::gui
