// SPDX-License-Identifier: Apache-2.0
// The `config.capabilities` list of the document: capability name (the 41 names of core, or
// ALL) and whether it is added or dropped, with the parser's message for each entry.
#pragma once

#include "configentrylistmodel.h"

namespace redpak::gui {

using CapabilitiesListModel = ConfigEntryListModel<CapabilitiesList>;

class CapabilitiesModel : public CapabilitiesListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList names READ names CONSTANT)

public:
    enum Roles {
        NameRole = FirstOwnRole,
        AddRole,
        NameIndexRole, // index of the name in `names`
    };
    Q_ENUM(Roles)

    using CapabilitiesListModel::CapabilitiesListModel;

    // "all" then the capability names in kernel order.
    QStringList names() const;

    Q_INVOKABLE void append();
    Q_INVOKABLE void remove(int row);
    Q_INVOKABLE void setName(int row, const QString& name);
    Q_INVOKABLE void setAdd(int row, bool add);

protected:
    QVariant entryData(const CapabilityEntry& entry, int role) const override;
    QHash<int, QByteArray> entryRoleNames() const override;
};

} // namespace redpak::gui
