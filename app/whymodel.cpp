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

void WhyModel::refresh() {
    beginResetModel();
    m_definitions = m_effective ? m_effective->definitionsFor(m_row)
                                : std::vector<EffectiveConfigModel::Definition>();
    endResetModel();
    Q_EMIT contentChanged();
}

QString WhyModel::item() const {
    return m_effective ? m_effective->itemFor(m_row) : QString();
}

QString WhyModel::rule() const {
    return m_effective ? m_effective->ruleFor(m_row) : QString();
}

int WhyModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_definitions.size());
}

QVariant WhyModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    using Effect = EffectiveConfigModel::Definition::Effect;
    const auto& definition = m_definitions[static_cast<std::size_t>(index.row())];
    switch (role) {
    case AliasRole:
        return definition.alias;
    case NodeRole:
        return definition.node;
    case KindRole:
        return definition.kind == ConfigKind::Admin ? tr("admin") : tr("normal");
    case FileRole:
        return definition.file;
    case LineRole:
        return definition.line;
    case KeyRole:
        return definition.key;
    case Qt::DisplayRole:
    case ValueRole:
        return definition.value;
    case EffectRole:
        switch (definition.effect) {
        case Effect::Applied:
            return QStringLiteral("applied");
        case Effect::Overridden:
            return QStringLiteral("overridden");
        case Effect::Defined:
            return QStringLiteral("defined");
        }
        return {};
    case EffectLabelRole:
        switch (definition.effect) {
        case Effect::Applied:
            return tr("applied");
        case Effect::Overridden:
            return tr("overridden");
        case Effect::Defined:
            return tr("also defined");
        }
        return {};
    default:
        return {};
    }
}

QHash<int, QByteArray> WhyModel::roleNames() const {
    return {{AliasRole, "alias"}, {NodeRole, "node"},     {KindRole, "kind"},
            {FileRole, "file"},   {LineRole, "line"},     {KeyRole, "key"},
            {ValueRole, "value"}, {EffectRole, "effect"}, {EffectLabelRole, "effectLabel"}};
}

} // namespace redpak::gui
