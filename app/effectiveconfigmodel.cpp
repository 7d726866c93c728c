// SPDX-License-Identifier: Apache-2.0
#include "effectiveconfigmodel.h"

#include "configsettings.h"
#include "redpak/config/schema.h"
#include "redpak/merge/expand.h"
#include "redpak/merge/explain.h"

namespace redpak::gui {

namespace {

QString qs(const std::string& text) {
    return QString::fromStdString(text);
}

QString kindName(ConfigKind kind) {
    return kind == ConfigKind::Admin ? EffectiveConfigModel::tr("admin")
                                     : EffectiveConfigModel::tr("normal");
}

QString capabilityValue(bool add) {
    return add ? EffectiveConfigModel::tr("added") : EffectiveConfigModel::tr("dropped");
}

QString envValue(EnvMode mode, const std::optional<std::string>& value) {
    const QString text = value ? qs(*value) : QString();
    return mode == EnvMode::Default
               ? text
               : QStringLiteral("[%1] %2").arg(QString::fromUtf8(toString(mode)), text).trimmed();
}

QString exportValue(ExportMode mode, const QString& source) {
    const QString name = QString::fromUtf8(toString(mode));
    return source.isEmpty() ? name : name + QStringLiteral(" \u2190 ") + source;
}

} // namespace

EffectiveConfigModel::EffectiveConfigModel(QObject* parent) : QAbstractListModel(parent) {}

void EffectiveConfigModel::setNodePath(const QString& path) {
    if (path == m_nodePath) {
        return;
    }
    m_nodePath = path;
    Q_EMIT nodePathChanged();
    reload();
}

void EffectiveConfigModel::setAdminMode(bool admin) {
    const MergeMode mode = admin ? MergeMode::Admin : MergeMode::Normal;
    if (mode == m_mode) {
        return;
    }
    m_mode = mode;
    Q_EMIT adminModeChanged();
    reload();
}

QStringList EffectiveConfigModel::family() const {
    QStringList aliases;
    for (const FamilyNodeInfo& info : m_familyInfo) {
        aliases.append(qs(info.alias));
    }
    return aliases;
}

int EffectiveConfigModel::firstWarningRow() const {
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        if (!m_rows[row].provenance.warning.empty()) {
            return static_cast<int>(row);
        }
    }
    return -1;
}

void EffectiveConfigModel::reload() {
    beginResetModel();
    m_rows.clear();
    m_family.clear();
    m_familyInfo.clear();
    m_errors.clear();
    m_warnings.clear();
    m_errorString.clear();
    m_status = Status::Empty;
    if (!m_nodePath.isEmpty()) {
        try {
            m_family = loadFamily(m_nodePath.toStdString(), m_mode);
            // Tags are expanded for display; commands are shown, never run, by a viewer. Launch
            // values ($UUID, $PID, $TODAY) stay symbolic: a sample would change at each refresh
            // and differ from the one the "why" panel shows.
            const Expander expander(CommandPolicy::keep(), processEnvironment(),
                                    LaunchValues::Symbolic);
            const EffectiveConfig effective =
                mergeFamily(m_family, MergeOptions{m_mode, &expander});
            build(effective);
            m_status = Status::Ready;
        } catch (const InputError& error) {
            m_status = Status::Failed;
            m_errorString = qs(error.diagnostic().format());
        }
    }
    endResetModel();
    Q_EMIT resultChanged();
}

template <typename T>
void EffectiveConfigModel::addSetting(std::string_view key,
                                      const std::optional<Effective<T>>& item) {
    if (item) {
        const QString name = QString::fromLatin1(key.data(), static_cast<qsizetype>(key.size()));
        m_rows.push_back(
            Row{tr("Settings"), name, name, shownValue(item->value), item->provenance});
    }
}

void EffectiveConfigModel::build(const EffectiveConfig& effective) {
    m_familyInfo = effective.family;
    for (const MergeError& error : effective.errors) {
        m_errors.append(qs(error.diagnostic.format()));
    }
    for (const Diagnostic& warning : effective.warnings) {
        m_warnings.append(qs(warning.format()));
    }
    for (Namespace ns : kAllNamespaces) {
        if (const auto& share = effective.share(ns)) {
            const QString key = QString::fromStdString(shareKey(ns));
            m_rows.push_back(
                Row{tr("Namespaces"), key, key, shownValue(share->value), share->provenance});
        }
    }
    for (const EffectiveCapability& capability : effective.capabilities) {
        // The ALL rule is the item cap_all; a capability is its own name (cap_chown).
        const QString item =
            capability.name == "all" ? QStringLiteral("cap_all") : qs(capability.name);
        m_rows.push_back(Row{tr("Capabilities"), qs(capability.name), item,
                             capabilityValue(capability.add), capability.provenance});
    }
    for (const EffectiveExport& item : effective.exports) {
        m_rows.push_back(Row{tr("Exports"), qs(item.mount),
                             QStringLiteral("export:") + qs(item.mount),
                             exportValue(item.mode, qs(item.source)), item.provenance});
    }
    for (const EffectiveEnv& env : effective.environ) {
        const std::optional<std::string> shown =
            env.mode == EnvMode::Execfd ? std::optional<std::string>(env.command) : env.value;
        m_rows.push_back(Row{tr("Environment"), qs(env.key),
                             QStringLiteral("environ:") + qs(env.key), envValue(env.mode, shown),
                             env.provenance});
    }
    for (const EffectivePathEntry& entry : effective.path) {
        m_rows.push_back(Row{tr("PATH"), QStringLiteral("path"),
                             QStringLiteral("path:") + qs(entry.dir), qs(entry.dir),
                             entry.provenance});
    }
    for (const EffectivePathEntry& entry : effective.ldpath) {
        m_rows.push_back(Row{tr("LD_LIBRARY_PATH"), QStringLiteral("ldpath"),
                             QStringLiteral("ldpath:") + qs(entry.dir), qs(entry.dir),
                             entry.provenance});
    }
    forEachMergedKey([&](const ScalarKey& key, const auto& members) {
        addSetting(key.key, effective.*members.effective);
    });
    for (const NodeCgroup& cgroup : effective.cgroups) {
        for (const EffectiveCgroupLimit& limit : cgroup.limits) {
            const QString key = QString::fromUtf8(toString(limit.limit.controller)) +
                                QLatin1Char('.') + qs(limit.limit.key);
            m_rows.push_back(Row{tr("Cgroups"), qs(cgroup.alias) + QStringLiteral(": ") + key,
                                 QStringLiteral("cgroups.") + key, qs(limit.limit.value),
                                 limit.provenance});
        }
    }
}

int EffectiveConfigModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant EffectiveConfigModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const Origin& origin = row.provenance.origin;
    switch (role) {
    case SectionRole:
        return row.section;
    case Qt::DisplayRole:
    case ItemRole:
        return row.item;
    case ValueRole:
        return row.value;
    case SourceAliasRole:
        return qs(origin.alias);
    case SourceNodeRole:
        return qs(origin.node);
    case SourceFileRole:
        return qs(origin.file);
    case SourceKindRole:
        return kindName(origin.kind);
    case FromAdminRole:
        return origin.kind == ConfigKind::Admin;
    case LineRole:
        return origin.pos.line;
    case OverriddenValueRole:
        return row.provenance.overrode ? qs(row.provenance.overrode->value) : QString();
    case OverriddenSourceRole:
        if (!row.provenance.overrode) {
            return QString();
        }
        return QStringLiteral("%1 (%2)").arg(qs(row.provenance.overrode->origin.alias),
                                             kindName(row.provenance.overrode->origin.kind));
    case WarningRole:
        return qs(row.provenance.warning);
    case ExplainItemRole:
        return row.key;
    default:
        return {};
    }
}

QHash<int, QByteArray> EffectiveConfigModel::roleNames() const {
    return {{SectionRole, "section"},
            {ItemRole, "item"},
            {ValueRole, "value"},
            {SourceAliasRole, "sourceAlias"},
            {SourceNodeRole, "sourceNode"},
            {SourceFileRole, "sourceFile"},
            {SourceKindRole, "sourceKind"},
            {FromAdminRole, "fromAdmin"},
            {LineRole, "line"},
            {OverriddenValueRole, "overriddenValue"},
            {OverriddenSourceRole, "overriddenSource"},
            {WarningRole, "warning"},
            {ExplainItemRole, "explainItem"}};
}

QString EffectiveConfigModel::itemFor(int row) const {
    if (row < 0 || row >= rowCount()) {
        return {};
    }
    const Row& r = m_rows[static_cast<std::size_t>(row)];
    return r.section + QStringLiteral(" \u203a ") + r.item;
}

std::optional<Explanation> EffectiveConfigModel::explanationFor(int row) const {
    if (row < 0 || row >= rowCount() || m_family.empty()) {
        return std::nullopt;
    }
    try {
        return explain(m_family, m_rows[static_cast<std::size_t>(row)].key.toStdString(), m_mode);
    } catch (const InputError&) {
        return std::nullopt;
    }
}

} // namespace redpak::gui
