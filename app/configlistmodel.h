// SPDX-License-Identifier: Apache-2.0
// Base of the editor's list models (environ, exports, capabilities, cgroups, settings): rows
// come from the document's working Config, edits go through ConfigDocument::applyEdit (the
// core writer regenerates the YAML, the edit is undoable). When the row count is unchanged the
// rows are updated in place, so the field being edited in QML keeps its focus. The document's
// family check (merge against the ancestors) is shown at the row of the line it concerns.
#pragma once

#include "configdocument.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>
#include <algorithm>
#include <iterator>
#include <optional>
#include <string>

namespace redpak::gui {

class ConfigListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(redpak::gui::ConfigDocument* document READ document WRITE setDocument NOTIFY
                   documentChanged)
    Q_PROPERTY(bool editable READ isEditable NOTIFY editableChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    using QAbstractListModel::QAbstractListModel;

    ConfigDocument* document() const { return m_document; }
    void setDocument(ConfigDocument* document);
    bool isEditable() const { return m_document && m_document->isFormEditable(); }
    int count() const { return m_count; }
    int rowCount(const QModelIndex& parent = {}) const override;

Q_SIGNALS:
    void documentChanged();
    void editableChanged();
    void countChanged();

protected:
    // Number of rows for `config`.
    virtual int rowsIn(const Config& config) const = 0;
    // Called after the working config changed, before the views are told.
    virtual void recompute() {}
    // Called when the document opens another file (or reloads it).
    virtual void documentLoaded() {}

    const Config* config() const;
    // The family check's errors and new warnings about line `line` of the file, one a line;
    // the warnings without those already in `shown`.
    QString familyErrorsAt(int line) const;
    QString familyWarningsAt(int line, const QString& shown) const;
    ConfigSection* section(Config& config) const;
    void edit(const QString& description, const std::function<void(Config&)>& change);
    bool validRow(int row) const { return row >= 0 && row < m_count; }
    // Where `value` stands in `values`: the index of a field's current choice, or -1.
    template <typename Enum, std::size_t N>
    static int indexIn(const Enum (&values)[N], Enum value) {
        const auto found = std::find(std::begin(values), std::end(values), value);
        return found == std::end(values) ? -1 : static_cast<int>(found - std::begin(values));
    }
    static QString optionalText(const std::optional<std::string>& text) {
        return text ? QString::fromStdString(*text) : QString();
    }
    // The spec spellings of `values` (core toString), for the choices of a field.
    template <typename Enum, std::size_t N> static QStringList namesOf(const Enum (&values)[N]) {
        QStringList names;
        for (Enum value : values) {
            names.append(QString::fromUtf8(toString(value)));
        }
        return names;
    }

private:
    void refresh();

    QPointer<ConfigDocument> m_document;
    int m_count = 0;
    bool m_editable = false;
};

} // namespace redpak::gui
