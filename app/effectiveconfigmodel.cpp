// SPDX-License-Identifier: Apache-2.0
#include "effectiveconfigmodel.h"

#include "configsettings.h"
#include "redpak/expand.h"
#include "redpak/schema.h"

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

NodeTags tagsOf(const FamilyNodeInfo& info) {
    return NodeTags{info.alias, info.name, info.path, info.info};
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
        m_rows.push_back(Row{ItemKind::Setting, tr("Settings"), name, name, shownValue(item->value),
                             item->provenance});
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
            const QString name = QString::fromUtf8(toString(ns));
            m_rows.push_back(Row{ItemKind::Share, tr("Namespaces"),
                                 QString::fromStdString(shareKey(ns)), name,
                                 shownValue(share->value), share->provenance});
        }
    }
    for (const EffectiveCapability& capability : effective.capabilities) {
        m_rows.push_back(Row{ItemKind::Capability, tr("Capabilities"), qs(capability.name),
                             qs(capability.name), capabilityValue(capability.add),
                             capability.provenance});
    }
    for (const EffectiveExport& item : effective.exports) {
        m_rows.push_back(Row{ItemKind::Export, tr("Exports"), qs(item.mount), qs(item.mount),
                             exportValue(item.mode, qs(item.source)), item.provenance});
    }
    for (const EffectiveEnv& env : effective.environ) {
        const std::optional<std::string> shown =
            env.mode == EnvMode::Execfd ? std::optional<std::string>(env.command) : env.value;
        m_rows.push_back(Row{ItemKind::Environ, tr("Environment"), qs(env.key), qs(env.key),
                             envValue(env.mode, shown), env.provenance});
    }
    for (const EffectivePathEntry& entry : effective.path) {
        m_rows.push_back(Row{ItemKind::Path, tr("PATH"), QStringLiteral("path"), qs(entry.dir),
                             qs(entry.dir), entry.provenance});
    }
    for (const EffectivePathEntry& entry : effective.ldpath) {
        m_rows.push_back(Row{ItemKind::LdPath, tr("LD_LIBRARY_PATH"), QStringLiteral("ldpath"),
                             qs(entry.dir), qs(entry.dir), entry.provenance});
    }
    forEachMergedKey([&](const ScalarKey& key, const auto& members) {
        addSetting(key.key, effective.*members.effective);
    });
    for (const NodeCgroup& cgroup : effective.cgroups) {
        for (const EffectiveCgroupLimit& limit : cgroup.limits) {
            const QString key = QString::fromUtf8(toString(limit.limit.controller)) +
                                QLatin1Char('.') + qs(limit.limit.key);
            m_rows.push_back(Row{ItemKind::Cgroup, tr("Cgroups"),
                                 qs(cgroup.alias) + QStringLiteral(": ") + key, key,
                                 qs(limit.limit.value), limit.provenance});
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
            {WarningRole, "warning"}};
}

QString EffectiveConfigModel::itemFor(int row) const {
    if (row < 0 || row >= rowCount()) {
        return {};
    }
    const Row& r = m_rows[static_cast<std::size_t>(row)];
    return r.section + QStringLiteral(" \u203a ") + r.item;
}

QString EffectiveConfigModel::ruleFor(int row) const {
    if (row < 0 || row >= rowCount()) {
        return {};
    }
    switch (m_rows[static_cast<std::size_t>(row)].kind) {
    case ItemKind::Share:
    case ItemKind::Capability:
        return tr("Capabilities and sharings: an admin file decides over normal files; a child "
                  "can never enable what an ancestor disabled, except with an admin file over "
                  "a normal parent. ALL is a rule for every capability. share_all is a "
                  "fallback, not a bound: a namespace no file defines takes its value (never "
                  "time).");
    case ItemKind::Environ:
    case ItemKind::Export:
        return tr("Environment and exports, per key or mount point: a child may redefine what a "
                  "normal parent defined (with a warning); a normal file cannot override an "
                  "admin parent; an admin file always wins (with a warning). Private exports of "
                  "an ancestor are not mounted.");
    case ItemKind::Setting:
        return tr("Other settings: the nearest definition wins (child over parent, admin over "
                  "normal), but a normal file cannot override an admin parent.");
    case ItemKind::Path:
    case ItemKind::LdPath:
        return tr("Path lists: entries of the child come before those of its parents, admin "
                  "before normal, duplicates removed.");
    case ItemKind::Cgroup:
        return tr("Cgroups: each node gets its own cgroup below its parent's, so the kernel "
                  "applies the limits of the whole family; for one node, admin settings "
                  "override normal ones.");
    }
    return {};
}

std::vector<EffectiveConfigModel::Definition> EffectiveConfigModel::definitionsFor(int row) const {
    std::vector<Definition> definitions;
    if (row < 0 || row >= rowCount() || m_family.size() != m_familyInfo.size()) {
        return definitions;
    }
    const Row& item = m_rows[static_cast<std::size_t>(row)];
    const FamilyNodeInfo& leaf = m_familyInfo.back();
    const Expander expander(CommandPolicy::keep(), processEnvironment(), LaunchValues::Symbolic);
    for (std::size_t i = 0; i < m_family.size(); ++i) {
        const FamilyMember& member = m_family[i];
        const FamilyNodeInfo& info = m_familyInfo[i];
        const auto visit = [&](const Config& config, ConfigKind kind, const std::string& file) {
            const auto add = [&](const QString& key, const QString& value, int line) {
                Definition definition{qs(info.alias), qs(info.path), kind, qs(file),
                                      line,           key,           value};
                const Provenance& p = item.provenance;
                const auto same = [&](const Origin& o) {
                    return qs(o.node) == definition.node && o.kind == kind &&
                           (o.pos.line == 0 || o.pos.line == line);
                };
                if (same(p.origin)) {
                    definition.effect = Definition::Effect::Applied;
                } else if (p.overrode && same(p.overrode->origin)) {
                    definition.effect = Definition::Effect::Overridden;
                }
                definitions.push_back(definition);
            };
            const auto expanded = [&](const std::string& text, SourcePos pos) {
                try {
                    return qs(expander.expand(text, tagsOf(info), tagsOf(leaf),
                                              TextOrigin{file, pos, std::nullopt}));
                } catch (const InputError&) {
                    return qs(text);
                }
            };
            static const ConfigSection none;
            const ConfigSection& section = config.config ? *config.config : none;
            switch (item.kind) {
            case ItemKind::Share:
                // share_all is no bound of a namespace a file defines (spec §2): the row of
                // share_X only has share_X definitions.
                for (Namespace ns : kAllNamespaces) {
                    const QString name = QString::fromUtf8(toString(ns));
                    if (name == item.key && section.share(ns)) {
                        add(QStringLiteral("share_") + name, shownValue(section.share(ns)->value),
                            section.share(ns)->pos.line);
                    }
                }
                break;
            case ItemKind::Capability:
                for (const CapabilityEntry& entry : section.capabilities) {
                    if (covers(entry.name, item.key.toStdString())) {
                        add(qs(entry.name), capabilityValue(entry.add), entry.pos.line);
                    }
                }
                break;
            case ItemKind::Environ:
                for (const EnvEntry& entry : config.environ) {
                    if (qs(entry.key) == item.key) {
                        add(qs(entry.key), envValue(entry.mode, entry.value), entry.pos.line);
                    }
                }
                break;
            case ItemKind::Export:
                for (const ExportEntry& entry : config.exports) {
                    const QString mount =
                        qs(normalizeMountPath(expanded(entry.mount, entry.pos).toStdString()));
                    if (mount == item.key) {
                        add(qs(entry.mount),
                            exportValue(entry.mode, entry.path ? qs(*entry.path) : QString()),
                            entry.pos.line);
                    }
                }
                break;
            case ItemKind::Setting:
                if (const SettingDefinition* setting = findSetting(item.key)) {
                    if (const auto value = setting->value(section)) {
                        add(item.key, *value, setting->line(section));
                    }
                }
                break;
            case ItemKind::Path:
            case ItemKind::LdPath: {
                const auto& setting = item.kind == ItemKind::Path ? section.path : section.ldpath;
                if (setting) {
                    const QString dirs = expanded(setting->value, setting->pos);
                    if (dirs.split(QLatin1Char(':'), Qt::SkipEmptyParts).contains(item.key)) {
                        add(item.kind == ItemKind::Path ? QStringLiteral("path")
                                                        : QStringLiteral("ldpath"),
                            dirs, setting->pos.line);
                    }
                }
                break;
            }
            case ItemKind::Cgroup:
                for (const CgroupLimit& limit : section.cgroups) {
                    const QString key = QString::fromUtf8(toString(limit.controller)) +
                                        QLatin1Char('.') + qs(limit.key);
                    if (key == item.key && qs(item.provenance.origin.node) == qs(info.path)) {
                        add(key, qs(limit.value), limit.pos.line);
                    }
                }
                break;
            }
        };
        visit(member.normal, ConfigKind::Normal, info.normalConfig);
        if (member.admin && m_mode == MergeMode::Admin) {
            visit(*member.admin, ConfigKind::Admin, info.adminConfig);
        }
    }
    return definitions;
}

} // namespace redpak::gui
