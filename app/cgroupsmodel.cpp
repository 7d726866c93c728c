// SPDX-License-Identifier: Apache-2.0
#include "cgroupsmodel.h"

#include "fragmentcheck.h"

namespace redpak::gui {

namespace {
constexpr CgroupController kAllControllers[] = {CgroupController::Cpuset, CgroupController::Mem,
                                                CgroupController::Cpu, CgroupController::Io,
                                                CgroupController::Pids};

const std::vector<CgroupLimit>& limitsOf(const Config& config) {
    static const std::vector<CgroupLimit> none;
    return config.config ? config.config->cgroups : none;
}
} // namespace

int CgroupsModel::rowsIn(const Config& config) const {
    return static_cast<int>(limitsOf(config).size());
}

void CgroupsModel::recompute() {
    m_errors.clear();
    if (const Config* current = config()) {
        for (const CgroupLimit& limit : limitsOf(*current)) {
            m_errors.push_back(
                checkFragment([&limit](Config& c) { c.config.emplace().cgroups = {limit}; }));
        }
    }
}

QStringList CgroupsModel::controllers() const {
    return namesOf(kAllControllers);
}

QVariant CgroupsModel::data(const QModelIndex& index, int role) const {
    const Config* current = config();
    if (!current || !validRow(index.row())) {
        return {};
    }
    const CgroupLimit& limit = limitsOf(*current)[static_cast<std::size_t>(index.row())];
    switch (role) {
    case ControllerRole:
        return QString::fromUtf8(toString(limit.controller));
    case ControllerIndexRole:
        return indexIn(kAllControllers, limit.controller);
    case Qt::DisplayRole:
    case KeyRole:
        return QString::fromStdString(limit.key);
    case ValueRole:
        return QString::fromStdString(limit.value);
    case LineRole:
        return limit.pos.line;
    case ErrorRole:
        return m_errors[static_cast<std::size_t>(index.row())];
    default:
        return {};
    }
}

QHash<int, QByteArray> CgroupsModel::roleNames() const {
    return {{ControllerRole, "controller"}, {KeyRole, "key"},
            {ValueRole, "value"},           {LineRole, "line"},
            {ErrorRole, "error"},           {ControllerIndexRole, "controllerIndex"}};
}

void CgroupsModel::change(int row, const QString& description,
                          const std::function<void(CgroupLimit&)>& f) {
    if (!validRow(row)) {
        return;
    }
    edit(description,
         [this, row, &f](Config& c) { f(section(c)->cgroups[static_cast<std::size_t>(row)]); });
}

void CgroupsModel::append() {
    edit(tr("Add a cgroup limit"), [this](Config& c) {
        section(c)->cgroups.push_back(CgroupLimit{CgroupController::Mem, "max", "512M", {}});
    });
}

void CgroupsModel::remove(int row) {
    if (!validRow(row)) {
        return;
    }
    edit(tr("Remove a cgroup limit"), [this, row](Config& c) {
        auto& list = section(c)->cgroups;
        list.erase(list.begin() + row);
    });
}

void CgroupsModel::setController(int row, const QString& controller) {
    for (CgroupController candidate : kAllControllers) {
        if (QString::fromUtf8(toString(candidate)) == controller) {
            change(row, tr("Change a cgroup controller"),
                   [candidate](CgroupLimit& l) { l.controller = candidate; });
            return;
        }
    }
}

void CgroupsModel::setKey(int row, const QString& key) {
    change(row, tr("Change a cgroup key"),
           [&key](CgroupLimit& l) { l.key = key.toLower().toStdString(); });
}

void CgroupsModel::setValue(int row, const QString& value) {
    change(row, tr("Change a cgroup value"),
           [&value](CgroupLimit& l) { l.value = value.toStdString(); });
}

} // namespace redpak::gui
