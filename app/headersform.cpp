// SPDX-License-Identifier: Apache-2.0
#include "headersform.h"

#include "fragmentcheck.h"

namespace redpak::gui {

void HeadersForm::setDocument(ConfigDocument* document) {
    if (!bindDocument(m_document, document, this, &HeadersForm::refresh)) {
        return;
    }
    Q_EMIT documentChanged();
    refresh();
}

const Headers* HeadersForm::headers() const {
    return m_document && m_document->workingConfig() ? &m_document->workingConfig()->headers
                                                     : nullptr;
}

QString HeadersForm::alias() const {
    return headers() ? QString::fromStdString(headers()->alias.value) : QString();
}

QString HeadersForm::name() const {
    return headers() && headers()->name ? QString::fromStdString(headers()->name->value)
                                        : QString();
}

QString HeadersForm::info() const {
    return headers() && headers()->info ? QString::fromStdString(headers()->info->value)
                                        : QString();
}

void HeadersForm::refresh() {
    m_aliasError.clear();
    if (const Headers* current = headers()) {
        const Headers copy = *current;
        m_aliasError = checkFragment([&copy](Config& c) { c.headers.alias = copy.alias; });
    }
    Q_EMIT changed();
}

void HeadersForm::setAlias(const QString& alias) {
    if (m_document && alias != this->alias()) {
        m_document->applyEdit(tr("Change the alias"),
                              [&alias](Config& c) { c.headers.alias.value = alias.toStdString(); });
    }
}

void HeadersForm::setName(const QString& name) {
    if (m_document && name != this->name()) {
        m_document->applyEdit(tr("Change the name"), [&name](Config& c) {
            if (name.isEmpty()) {
                c.headers.name.reset();
            } else {
                c.headers.name = Setting<std::string>{name.toStdString(), {}};
            }
        });
    }
}

void HeadersForm::setInfo(const QString& info) {
    if (m_document && info != this->info()) {
        m_document->applyEdit(tr("Change the description"), [&info](Config& c) {
            if (info.isEmpty()) {
                c.headers.info.reset();
            } else {
                c.headers.info = Setting<std::string>{info.toStdString(), {}};
            }
        });
    }
}

} // namespace redpak::gui
