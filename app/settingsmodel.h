// SPDX-License-Identifier: Apache-2.0
// The scalar keys of the `config` map (sharings, die-with-parent, hostname, umask, ...), one
// row each, grouped for the form. A typed value is parsed by the core parser as `KEY: VALUE`;
// when the parser refuses it the text stays in the row with the message: the document keeps
// it as refused input (ConfigDocument::setRefusedInput), which blocks its save until the value
// is valid or the key is removed.
#pragma once

#include "configlistmodel.h"

namespace redpak::gui {

struct SettingDefinition;

class SettingsModel : public ConfigListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int setCount READ setCount NOTIFY setCountChanged)

public:
    enum Roles {
        KeyRole = Qt::UserRole + 1, // spec spelling, e.g. "share_net", "die-with-parent"
        GroupRole,                  // translated group title
        FirstInGroupRole,           // the row starts a group (the form shows the title)
        KindRole,                   // "text", "integer", "bool", "edu", "share"
        ValueRole,                  // current value as written ("" when not set)
        IsSetRole,
        ChoicesRole,     // for bool/edu/share: the values offered ("" = not set)
        PendingTextRole, // text refused by the parser, kept for the user to fix
        LineRole,
        ErrorRole,
        JoinsRole,           // a share set to the path of a namespace to join
        WarningRole,         // unknown tags of the value (core), one per line
        IsChoiceRole,        // bool, edu or share: the value is one of `choices`
        IsSharingRole,       // share: the value may also be a namespace to join
        JoinPlaceholderRole, // for a share, the form of the namespace path to join
        ChoiceIndexRole,     // index of the value in `choices`; `choices` length when it joins
        FamilyErrorRole,     // merge errors against the ancestors at this key, one per line
        FamilyWarningRole,   // warnings the edit adds against the ancestors at this key
    };
    Q_ENUM(Roles)

    explicit SettingsModel(QObject* parent = nullptr);
    ~SettingsModel() override;

    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Sets key `row` from text ("" unsets it).
    Q_INVOKABLE void setValue(int row, const QString& text);
    // Removes key `row` from the file.
    Q_INVOKABLE void unset(int row);
    // Number of keys written in the file.
    int setCount() const;

Q_SIGNALS:
    void setCountChanged();

protected:
    int rowsIn(const Config& config) const override;
    void recompute() override;

private:
    const std::vector<SettingDefinition>& rows() const;
    std::optional<ConfigDocument::RefusedInput> refusedAt(int row) const;
    int m_setCount = 0;
};

} // namespace redpak::gui
