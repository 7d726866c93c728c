// SPDX-License-Identifier: Apache-2.0
// The `headers` section of the document as three editable fields, with the parser's message
// for the alias.
#pragma once

#include "configdocument.h"

#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

namespace redpak::gui {

class HeadersForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(redpak::gui::ConfigDocument* document READ document WRITE setDocument NOTIFY
                   documentChanged)
    Q_PROPERTY(bool editable READ isEditable NOTIFY changed)
    Q_PROPERTY(QString alias READ alias NOTIFY changed)
    Q_PROPERTY(QString name READ name NOTIFY changed)
    Q_PROPERTY(QString info READ info NOTIFY changed)
    Q_PROPERTY(QString aliasError READ aliasError NOTIFY changed)

public:
    using QObject::QObject;

    ConfigDocument* document() const { return m_document; }
    void setDocument(ConfigDocument* document);
    bool isEditable() const { return m_document && m_document->isFormEditable(); }
    QString alias() const;
    QString name() const;
    QString info() const;
    QString aliasError() const { return m_aliasError; }

    Q_INVOKABLE void setAlias(const QString& alias);
    Q_INVOKABLE void setName(const QString& name);
    Q_INVOKABLE void setInfo(const QString& info);

Q_SIGNALS:
    void documentChanged();
    void changed();

private:
    const Headers* headers() const;
    void refresh();

    QPointer<ConfigDocument> m_document;
    QString m_aliasError;
};

} // namespace redpak::gui
