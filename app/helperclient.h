// SPDX-License-Identifier: Apache-2.0
// Connection to the privileged helper (org.redpak.Helper on the system bus), shared by the
// helper-backed store and launcher. Translates node paths into the helper's node NAMEs
// ("ROOT/REL/PATH", roots from ListRoots) and D-Bus error names into StoreError.
#pragma once

#include "nodestore.h"

#include <QDBusError>
#include <QList>
#include <QObject>
#include <functional>
#include <memory>
#include <optional>

class HelperProxy;
struct RedpakRoot;

namespace redpak::gui {

class HelperClient : public QObject {
    Q_OBJECT
public:
    // The process-wide connection (one proxy, one ListRoots cache).
    static HelperClient& shared();

    HelperProxy& proxy() { return *m_proxy; }

    // Calls `done` with the helper NAME of `nodeDir`, or nullopt when no helper root holds it.
    void
    resolveName(const QString& nodeDir, QObject* context,
                std::function<void(const std::optional<QString>& name, const StoreResult&)> done);
    // The node path of a helper NAME, when its root is known.
    std::optional<QString> pathForName(const QString& name) const;
    // The helper NAME of a path (node directory or file) below a known root, nullopt when no
    // root holds it or ListRoots has not answered yet (resolveName asks it).
    std::optional<QString> nameFor(const QString& path) const;

    // Calls `done` with the paths of the helper's roots; none when the helper cannot be
    // reached (no system bus, not installed): the GUI then shows the user's trees only.
    void listRoots(QObject* context, std::function<void(const QStringList& paths)> done);

    static StoreResult resultFromError(const QDBusError& error);

Q_SIGNALS:
    void launchExited(quint64 launchId, int status);

private:
    HelperClient();
    ~HelperClient() override;

    std::unique_ptr<HelperProxy> m_proxy;
    std::optional<QList<RedpakRoot>> m_roots; // cached ListRoots reply
};

} // namespace redpak::gui
