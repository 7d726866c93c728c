// SPDX-License-Identifier: Apache-2.0
// Skeleton of the editor's list models whose rows are the entries of one list of the Config
// (`environ`, `exports`, `config.capabilities`): one row per entry, with the roles every entry has
// (its info and warn texts, its line, the parser's message and the unknown tags of the entry
// checked alone), and the add / remove / change edits, each one undoable step of the document. A
// derived model gives the roles of its own fields, numbered from FirstOwnRole. `ListOf` names the
// list: `ListOf::Entry` its entry type, `ListOf::of(config)` the list (created when edited).
#pragma once

#include "configlistmodel.h"
#include "fragmentcheck.h"

#include <QHash>
#include <functional>
#include <vector>

namespace redpak::gui {

template <typename ListOf> class ConfigEntryListModel : public ConfigListModel {
public:
    using Entry = typename ListOf::Entry;

    enum EntryRoles {
        InfoRole = Qt::UserRole + 1,
        WarnRole,
        LineRole,
        ErrorRole,         // the parser's message for the entry alone
        WarningRole,       // unknown tags of the entry (core), one per line
        FamilyErrorRole,   // merge errors against the ancestors at the entry, one per line
        FamilyWarningRole, // warnings the edit adds against the ancestors at the entry
        FirstOwnRole,
    };

    using ConfigListModel::ConfigListModel;

    QVariant data(const QModelIndex& index, int role) const final {
        const Config* current = config();
        if (!current || !validRow(index.row())) {
            return {};
        }
        const auto row = static_cast<std::size_t>(index.row());
        const Entry& entry = ListOf::of(*current)[row];
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
        case FamilyErrorRole:
            return familyErrorsAt(entry.pos.line);
        case FamilyWarningRole:
            return familyWarningsAt(entry.pos.line, m_warnings[row]);
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
                      {WarningRole, "warning"},
                      {FamilyErrorRole, "familyError"},
                      {FamilyWarningRole, "familyWarning"}});
        return names;
    }

protected:
    // The derived model's roles (Qt::DisplayRole included) for `entry`.
    virtual QVariant entryData(const Entry& entry, int role) const = 0;
    virtual QHash<int, QByteArray> entryRoleNames() const = 0;

    int rowsIn(const Config& config) const final {
        return static_cast<int>(ListOf::of(config).size());
    }

    void recompute() final {
        m_errors.clear();
        m_warnings.clear();
        if (const Config* current = config()) {
            for (const Entry& entry : ListOf::of(*current)) {
                const auto alone = [&entry](Config& c) { ListOf::of(c) = {entry}; };
                m_errors.push_back(checkFragment(alone));
                m_warnings.push_back(unknownTagsOf(alone));
            }
        }
    }

    void appendEntry(const QString& description, const Entry& entry) {
        edit(description, [&entry](Config& c) { ListOf::of(c).push_back(entry); });
    }

    void removeEntry(int row, const QString& description) {
        if (!validRow(row)) {
            return;
        }
        edit(description, [row](Config& c) {
            std::vector<Entry>& list = ListOf::of(c);
            list.erase(list.begin() + row);
        });
    }

    void changeEntry(int row, const QString& description,
                     const std::function<void(Entry&)>& change) {
        if (!validRow(row)) {
            return;
        }
        edit(description,
             [row, &change](Config& c) { change(ListOf::of(c)[static_cast<std::size_t>(row)]); });
    }

private:
    std::vector<QString> m_errors;
    std::vector<QString> m_warnings;
};

// The lists the editor shows with ConfigEntryListModel.
struct EnvironList {
    using Entry = EnvEntry;
    static const std::vector<Entry>& of(const Config& config) { return config.environ; }
    static std::vector<Entry>& of(Config& config) { return config.environ; }
};

struct ExportsList {
    using Entry = ExportEntry;
    static const std::vector<Entry>& of(const Config& config) { return config.exports; }
    static std::vector<Entry>& of(Config& config) { return config.exports; }
};

struct CapabilitiesList {
    using Entry = CapabilityEntry;
    static const std::vector<Entry>& of(const Config& config) {
        static const std::vector<Entry> none;
        return config.config ? config.config->capabilities : none;
    }
    static std::vector<Entry>& of(Config& config) {
        if (!config.config) {
            config.config.emplace();
        }
        return config.config->capabilities;
    }
};

} // namespace redpak::gui
