// SPDX-License-Identifier: Apache-2.0
#include "whymodel.h"

namespace redpak::gui {

void WhyModel::setEffective(EffectiveConfigModel* effective) {
    if (effective == m_effective) {
        return;
    }
    if (m_effective) {
        m_effective->disconnect(this);
    }
    m_effective = effective;
    if (m_effective) {
        // A new merge result invalidates the row number.
        connect(m_effective, &QAbstractItemModel::modelReset, this, [this] { setRow(-1); });
    }
    Q_EMIT effectiveChanged();
    refresh();
}

void WhyModel::setRow(int row) {
    if (row == m_row) {
        return;
    }
    m_row = row;
    Q_EMIT rowChanged();
    refresh();
}

namespace {

QString qs(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

void WhyModel::refresh() {
    beginResetModel();
    m_explanation = m_effective ? m_effective->explanationFor(m_row) : std::nullopt;
    endResetModel();
    Q_EMIT contentChanged();
}

QString WhyModel::item() const {
    return m_effective ? m_effective->itemFor(m_row) : QString();
}

// The wording of core's rule, translated; which rule applies is core's answer.
QString WhyModel::rule() const {
    if (!m_explanation) {
        return {};
    }
    switch (m_explanation->rule) {
    case ExplainRule::LeafWins:
        return tr("The definition closest to the leaf wins; an admin file bounds its node's normal "
                  "file. `unset` is not a definition: it keeps what the parents set.");
    case ExplainRule::ShareAllFallback:
        return tr("share_all is a fallback, not a bound: a namespace whose own share_X a file "
                  "defines follows share_X; share_all decides only the namespaces no file names.");
    case ExplainRule::CapabilityPerRule:
        return tr("ALL is a rule for every capability at once; a file's own rule for a capability "
                  "wins over its ALL rule; the leaf's decision wins unless an admin file bounds "
                  "it.");
    case ExplainRule::EnvironByKey:
        return tr("environ merges by key: the definition closest to the leaf wins, admin over "
                  "normal within a node.");
    case ExplainRule::ExportByMountPoint:
        return tr("exports merge by mount point after normalisation (`//`, `/./`, trailing `/`); "
                  "an ancestor's Private/PrivateFile exports take no part in the merge.");
    case ExplainRule::CgroupPerNode:
        return tr("each node keeps its own cgroup limits (admin over normal); node cgroups nest "
                  "like the nodes.");
    case ExplainRule::PathListOrder:
        return tr("path lists: the entries of a child come before those of its parents, admin "
                  "before normal; a directory listed again keeps its first place.");
    }
    return qs(ruleWording(m_explanation->rule));
}

QString WhyModel::ruleName() const {
    return m_explanation ? qs(toString(m_explanation->rule)) : QString();
}

QString WhyModel::effectiveValue() const {
    return m_explanation && m_explanation->effective ? qs(*m_explanation->effective) : QString();
}

int WhyModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_explanation ? 0
                                              : static_cast<int>(m_explanation->definitions.size());
}

QString WhyModel::effectLabel(DefinitionEffect effect) {
    switch (effect) {
    case DefinitionEffect::Applied:
        return tr("applied");
    case DefinitionEffect::Overridden:
        return tr("overridden");
    case DefinitionEffect::Defined:
        return tr("also defined");
    case DefinitionEffect::NotADefinition:
        return tr("not a definition");
    }
    return {};
}

QVariant WhyModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const ItemDefinition& definition =
        m_explanation->definitions[static_cast<std::size_t>(index.row())];
    switch (role) {
    case AliasRole:
        return qs(definition.alias);
    case NodeRole:
        return qs(definition.node);
    case KindRole:
        return definition.kind == ConfigKind::Admin ? tr("admin") : tr("normal");
    case FileRole:
        return qs(definition.file);
    case LineRole:
        return definition.line;
    case KeyRole:
        return qs(definition.key);
    case Qt::DisplayRole:
    case ValueRole:
        return qs(definition.value);
    case EffectRole:
        return qs(toString(definition.effect));
    case EffectLabelRole:
        return effectLabel(definition.effect);
    case AppliedRole:
        return definition.effect == DefinitionEffect::Applied;
    case OverriddenRole:
        return definition.effect == DefinitionEffect::Overridden;
    default:
        return {};
    }
}

QHash<int, QByteArray> WhyModel::roleNames() const {
    return {{AliasRole, "alias"},
            {NodeRole, "node"},
            {KindRole, "kind"},
            {FileRole, "file"},
            {LineRole, "line"},
            {KeyRole, "key"},
            {ValueRole, "value"},
            {EffectRole, "effect"},
            {EffectLabelRole, "effectLabel"},
            {AppliedRole, "applied"},
            {OverriddenRole, "overridden"}};
}

} // namespace redpak::gui
