// SPDX-License-Identifier: Apache-2.0
#include "windowsettings.h"

#include <QSettings>

namespace redpak::gui {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kSplitterKey = QStringLiteral("window/splitterState");
const QString kLastNodeKey = QStringLiteral("window/lastNode");

void store(const QString& key, const QVariant& value) {
    QSettings settings;
    settings.setValue(key, value);
}

} // namespace

WindowSettings::WindowSettings(QObject* parent) : QObject(parent) {
    const QSettings settings;
    m_geometry = settings.value(kGeometryKey).toRect();
    m_splitterState = settings.value(kSplitterKey).toByteArray();
    m_lastNode = settings.value(kLastNodeKey).toString();
}

void WindowSettings::setGeometry(const QRect& geometry) {
    if (geometry == m_geometry) {
        return;
    }
    m_geometry = geometry;
    store(kGeometryKey, geometry);
    Q_EMIT geometryChanged();
}

void WindowSettings::setSplitterState(const QByteArray& state) {
    if (state == m_splitterState) {
        return;
    }
    m_splitterState = state;
    store(kSplitterKey, state);
    Q_EMIT splitterStateChanged();
}

void WindowSettings::setLastNode(const QString& path) {
    if (path == m_lastNode) {
        return;
    }
    m_lastNode = path;
    store(kLastNodeKey, path);
    Q_EMIT lastNodeChanged();
}

} // namespace redpak::gui
