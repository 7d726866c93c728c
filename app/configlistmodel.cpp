// SPDX-License-Identifier: Apache-2.0
#include "configlistmodel.h"

namespace redpak::gui {

void ConfigListModel::setDocument(ConfigDocument* document) {
    if (document == m_document) {
        return;
    }
    if (m_document) {
        m_document->familyCheck()->disconnect(this);
    }
    bindDocument(m_document, document, this, &ConfigListModel::refresh);
    if (m_document) {
        connect(m_document, &ConfigDocument::loaded, this, [this] { documentLoaded(); });
        // The family check's messages are shown at the rows they concern.
        connect(m_document->familyCheck(), &FamilyCheck::resultChanged, this, [this] {
            if (m_count > 0) {
                Q_EMIT dataChanged(index(0), index(m_count - 1));
            }
        });
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

QString ConfigListModel::familyErrorsAt(int line) const {
    return m_document ? m_document->familyCheck()->errorsAt(m_document->filePath(), line)
                      : QString();
}

QString ConfigListModel::familyWarningsAt(int line, const QString& shown) const {
    if (!m_document) {
        return {};
    }
    // A warning the row already shows (an unknown tag of its value) is not said twice.
    QStringList fresh;
    const QString all = m_document->familyCheck()->warningsAt(m_document->filePath(), line);
    for (const QString& warning : all.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!shown.contains(warning)) {
            fresh.append(warning);
        }
    }
    return fresh.join(QLatin1Char('\n'));
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
