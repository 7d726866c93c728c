// SPDX-License-Identifier: Apache-2.0
#include "capabilitiesmodel.h"

namespace redpak::gui {

QStringList CapabilitiesModel::names() const {
    QStringList list{QStringLiteral("all")};
    for (std::string_view name : capabilityNames()) {
        list.append(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));
    }
    return list;
}

QVariant CapabilitiesModel::entryData(const CapabilityEntry& entry, int role) const {
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return QString::fromStdString(entry.name);
    case AddRole:
        return entry.add;
    case NameIndexRole:
        return names().indexOf(QString::fromStdString(entry.name));
    default:
        return {};
    }
}

QHash<int, QByteArray> CapabilitiesModel::entryRoleNames() const {
    return {{NameRole, "name"}, {AddRole, "add"}, {NameIndexRole, "nameIndex"}};
}

void CapabilitiesModel::append() {
    CapabilityEntry entry;
    entry.name = "cap_chown";
    appendEntry(tr("Add a capability"), entry);
}

void CapabilitiesModel::remove(int row) {
    removeEntry(row, tr("Remove a capability"));
}

void CapabilitiesModel::setName(int row, const QString& name) {
    // The canonical spelling when core knows the name; otherwise kept as typed so that the
    // parser's message shows next to it.
    const auto canonical = canonicalCapability(name.toStdString());
    changeEntry(row, tr("Change a capability"), [&name, &canonical](CapabilityEntry& e) {
        e.name = canonical ? *canonical : name.toStdString();
    });
}

void CapabilitiesModel::setAdd(int row, bool add) {
    changeEntry(row,
                add ? tr("Add a capability to the node") : tr("Drop a capability from the node"),
                [add](CapabilityEntry& e) { e.add = add; });
}

} // namespace redpak::gui
