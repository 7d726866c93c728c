// SPDX-License-Identifier: Apache-2.0
// What the main window keeps across runs (QSettings, group "window"): its geometry, the
// positions of its splitters and the node last opened. Each value is written when set; an
// empty or invalid value means "not saved yet".
#pragma once

#include <QByteArray>
#include <QObject>
#include <QRect>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace redpak::gui {

class WindowSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QRect geometry READ geometry WRITE setGeometry NOTIFY geometryChanged)
    Q_PROPERTY(QByteArray splitterState READ splitterState WRITE setSplitterState NOTIFY
                   splitterStateChanged)
    Q_PROPERTY(bool hasSplitterState READ hasSplitterState NOTIFY splitterStateChanged)
    Q_PROPERTY(QString lastNode READ lastNode WRITE setLastNode NOTIFY lastNodeChanged)

public:
    explicit WindowSettings(QObject* parent = nullptr);

    QRect geometry() const { return m_geometry; }
    void setGeometry(const QRect& geometry);
    QByteArray splitterState() const { return m_splitterState; }
    void setSplitterState(const QByteArray& state);
    // QML cannot ask an empty state its size (an empty ArrayBuffer reads as detached).
    bool hasSplitterState() const { return !m_splitterState.isEmpty(); }
    QString lastNode() const { return m_lastNode; }
    void setLastNode(const QString& path);

Q_SIGNALS:
    void geometryChanged();
    void splitterStateChanged();
    void lastNodeChanged();

private:
    QRect m_geometry;
    QByteArray m_splitterState;
    QString m_lastNode;
};

} // namespace redpak::gui
