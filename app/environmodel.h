// SPDX-License-Identifier: Apache-2.0
// The `environ` list of the document: key, mode (spec modes) and value, with whether the
// mode needs a value (core valuePresence) and the parser's message for each entry.
#pragma once

#include "configlistmodel.h"

namespace redpak::gui {

class EnvironModel : public ConfigListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList modes READ modes CONSTANT)

public:
    enum Roles {
        KeyRole = Qt::UserRole + 1,
        ModeRole,
        ValueRole,
        ValueEnabledRole,
        InfoRole,
        WarnRole,
        LineRole,
        ErrorRole,
        WarningRole, // unknown tags of the value (core), one per line
    };
    Q_ENUM(Roles)

    using ConfigListModel::ConfigListModel;

    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    QStringList modes() const;

    Q_INVOKABLE void append();
    Q_INVOKABLE void remove(int row);
    Q_INVOKABLE void setKey(int row, const QString& key);
    Q_INVOKABLE void setMode(int row, const QString& mode);
    Q_INVOKABLE void setValue(int row, const QString& value);

protected:
    int rowsIn(const Config& config) const override;
    void recompute() override;

private:
    void change(int row, const QString& description, const std::function<void(EnvEntry&)>& f);
    std::vector<QString> m_errors;
    std::vector<QString> m_warnings;
};

} // namespace redpak::gui
