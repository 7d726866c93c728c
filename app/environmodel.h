// SPDX-License-Identifier: Apache-2.0
// The `environ` list of the document: key, mode (spec modes) and value, with whether the
// mode needs a value (core valuePresence) and the parser's message for each entry.
#pragma once

#include "configentrylistmodel.h"

namespace redpak::gui {

using EnvironListModel = ConfigEntryListModel<EnvironList>;

class EnvironModel : public EnvironListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList modes READ modes CONSTANT)

public:
    enum Roles {
        KeyRole = FirstOwnRole,
        ModeRole,
        ValueRole,
        ValueEnabledRole,
        ModeIndexRole, // index of the mode in `modes`
    };
    Q_ENUM(Roles)

    using EnvironListModel::EnvironListModel;

    QStringList modes() const;

    Q_INVOKABLE void append();
    Q_INVOKABLE void remove(int row);
    Q_INVOKABLE void setKey(int row, const QString& key);
    Q_INVOKABLE void setMode(int row, const QString& mode);
    Q_INVOKABLE void setValue(int row, const QString& value);

protected:
    QVariant entryData(const EnvEntry& entry, int role) const override;
    QHash<int, QByteArray> entryRoleNames() const override;
};

} // namespace redpak::gui
