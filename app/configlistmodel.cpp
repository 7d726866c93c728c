// SPDX-License-Identifier: Apache-2.0
#include "configlistmodel.h"

namespace redpak::gui {

void ConfigListModel::setDocument(ConfigDocument* document) {
    if (!bindDocument(m_document, document, this, &ConfigListModel::refresh)) {
        return;
    }
    if (m_document) {
        connect(m_document, &ConfigDocument::loaded, this, [this] { documentLoaded(); });
    }
    Q_EMIT documentChanged();
    refresh();
}

int ConfigListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_count;
}

const Config* ConfigListModel::config() const {
    if (!m_document || !m_document->workingConfig()) {
        return nullptr;
    }
    return &*m_document->workingConfig();
}

ConfigSection* ConfigListModel::section(Config& config) const {
    if (!config.config) {
        config.config.emplace();
    }
    return &*config.config;
}

void ConfigListModel::edit(const QString& description, const std::function<void(Config&)>& change) {
    if (m_document) {
        m_document->applyEdit(description, change);
    }
}

void ConfigListModel::refresh() {
    const Config* current = config();
    const int rows = current ? rowsIn(*current) : 0;
    if (rows != m_count) {
        beginResetModel();
        m_count = rows;
        recompute();
        endResetModel();
        Q_EMIT countChanged();
    } else {
        recompute();
        if (m_count > 0) {
            Q_EMIT dataChanged(index(0), index(m_count - 1));
        }
    }
    if (isEditable() != m_editable) {
        m_editable = isEditable();
        Q_EMIT editableChanged();
    }
}

} // namespace redpak::gui
