// SPDX-License-Identifier: Apache-2.0
// Skeleton of the editor's list models whose rows are the entries of one list of the Config
// (`environ`, `exports`): one row per entry, with the roles every entry has (its info and warn
// texts, its line, the parser's message and the unknown tags of the entry checked alone), and
// the add / remove / change edits, each one undoable step of the document. A derived model
// gives the roles of its own fields, numbered from FirstOwnRole.
#pragma once

#include "configlistmodel.h"
#include "fragmentcheck.h"

#include <QHash>
#include <functional>
#include <vector>

namespace redpak::gui {

template <typename Entry, std::vector<Entry> Config::*List>
class ConfigEntryListModel : public ConfigListModel {
public:
    enum EntryRoles {
        InfoRole = Qt::UserRole + 1,
        WarnRole,
        LineRole,
        ErrorRole,   // the parser's message for the entry alone
        WarningRole, // unknown tags of the entry (core), one per line
        FirstOwnRole,
    };

    using ConfigListModel::ConfigListModel;

    QVariant data(const QModelIndex& index, int role) const final {
        const Config* current = config();
        if (!current || !validRow(index.row())) {
            return {};
        }
        const auto row = static_cast<std::size_t>(index.row());
        const Entry& entry = (current->*List)[row];
        switch (role) {
        case InfoRole:
            return optionalText(entry.info);
        case WarnRole:
            return optionalText(entry.warn);
        case LineRole:
            return entry.pos.line;
        case ErrorRole:
            return m_errors[row];
        case WarningRole:
            return m_warnings[row];
        default:
            return entryData(entry, role);
        }
    }

    QHash<int, QByteArray> roleNames() const final {
        QHash<int, QByteArray> names = entryRoleNames();
        names.insert({{InfoRole, "info"},
                      {WarnRole, "warn"},
                      {LineRole, "line"},
                      {ErrorRole, "error"},
                      {WarningRole, "warning"}});
        return names;
    }

protected:
    // The derived model's roles (Qt::DisplayRole included) for `entry`.
    virtual QVariant entryData(const Entry& entry, int role) const = 0;
    virtual QHash<int, QByteArray> entryRoleNames() const = 0;

    int rowsIn(const Config& config) const final { return static_cast<int>((config.*List).size()); }

    void recompute() final {
        m_errors.clear();
        m_warnings.clear();
        if (const Config* current = config()) {
            for (const Entry& entry : current->*List) {
                const auto alone = [&entry](Config& c) { c.*List = {entry}; };
                m_errors.push_back(checkFragment(alone));
                m_warnings.push_back(unknownTagsOf(alone));
            }
        }
    }

    void appendEntry(const QString& description, const Entry& entry) {
        edit(description, [&entry](Config& c) { (c.*List).push_back(entry); });
    }

    void removeEntry(int row, const QString& description) {
        if (!validRow(row)) {
            return;
        }
        edit(description, [row](Config& c) { (c.*List).erase((c.*List).begin() + row); });
    }

    void changeEntry(int row, const QString& description,
                     const std::function<void(Entry&)>& change) {
        if (!validRow(row)) {
            return;
        }
        edit(description,
             [row, &change](Config& c) { change((c.*List)[static_cast<std::size_t>(row)]); });
    }

private:
    std::vector<QString> m_errors;
    std::vector<QString> m_warnings;
};

} // namespace redpak::gui
