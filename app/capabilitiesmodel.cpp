// SPDX-License-Identifier: Apache-2.0
#include "capabilitiesmodel.h"

#include "fragmentcheck.h"

namespace redpak::gui {

namespace {
const std::vector<CapabilityEntry>& entriesOf(const Config& config) {
    static const std::vector<CapabilityEntry> none;
    return config.config ? config.config->capabilities : none;
}
} // namespace

int CapabilitiesModel::rowsIn(const Config& config) const {
    return static_cast<int>(entriesOf(config).size());
}

void CapabilitiesModel::recompute() {
    m_errors.clear();
    if (const Config* current = config()) {
        for (const CapabilityEntry& entry : entriesOf(*current)) {
            m_errors.push_back(
                checkFragment([&entry](Config& c) { c.config.emplace().capabilities = {entry}; }));
        }
    }
}

QStringList CapabilitiesModel::names() const {
    QStringList list{QStringLiteral("all")};
    for (std::string_view name : capabilityNames()) {
        list.append(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));
    }
    return list;
}

QVariant CapabilitiesModel::data(const QModelIndex& index, int role) const {
    const Config* current = config();
    if (!current || !validRow(index.row())) {
        return {};
    }
    const CapabilityEntry& entry = entriesOf(*current)[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return QString::fromStdString(entry.name);
    case AddRole:
        return entry.add;
    case NameIndexRole:
        return names().indexOf(QString::fromStdString(entry.name));
    case InfoRole:
        return optionalText(entry.info);
    case WarnRole:
        return optionalText(entry.warn);
    case LineRole:
        return entry.pos.line;
    case ErrorRole:
        return m_errors[static_cast<std::size_t>(index.row())];
    default:
        return {};
    }
}

QHash<int, QByteArray> CapabilitiesModel::roleNames() const {
    return {{NameRole, "name"},          {AddRole, "add"},   {InfoRole, "info"},
            {WarnRole, "warn"},          {LineRole, "line"}, {ErrorRole, "error"},
            {NameIndexRole, "nameIndex"}};
}

void CapabilitiesModel::append() {
    edit(tr("Add a capability"), [this](Config& c) {
        CapabilityEntry entry;
        entry.name = "cap_chown";
        section(c)->capabilities.push_back(entry);
    });
}

void CapabilitiesModel::remove(int row) {
    if (!validRow(row)) {
        return;
    }
    edit(tr("Remove a capability"), [this, row](Config& c) {
        auto& list = section(c)->capabilities;
        list.erase(list.begin() + row);
    });
}

void CapabilitiesModel::setName(int row, const QString& name) {
    if (!validRow(row)) {
        return;
    }
    // The canonical spelling when core knows the name; otherwise kept as typed so that the
    // parser's message shows next to it.
    const auto canonical = canonicalCapability(name.toStdString());
    edit(tr("Change a capability"), [this, row, &name, &canonical](Config& c) {
        section(c)->capabilities[static_cast<std::size_t>(row)].name =
            canonical ? *canonical : name.toStdString();
    });
}

void CapabilitiesModel::setAdd(int row, bool add) {
    if (!validRow(row)) {
        return;
    }
    edit(add ? tr("Add a capability to the node") : tr("Drop a capability from the node"),
         [this, row, add](Config& c) {
             section(c)->capabilities[static_cast<std::size_t>(row)].add = add;
         });
}

} // namespace redpak::gui
