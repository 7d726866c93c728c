// SPDX-License-Identifier: Apache-2.0
#include "environmodel.h"

#include "fragmentcheck.h"

namespace redpak::gui {

namespace {
constexpr EnvMode kAllEnvModes[] = {EnvMode::Default, EnvMode::Static, EnvMode::Execfd,
                                    EnvMode::Remove, EnvMode::Inherit};

QString optionalText(const std::optional<std::string>& text) {
    return text ? QString::fromStdString(*text) : QString();
}
} // namespace

int EnvironModel::rowsIn(const Config& config) const {
    return static_cast<int>(config.environ.size());
}

void EnvironModel::recompute() {
    m_errors.clear();
    m_warnings.clear();
    if (const Config* current = config()) {
        for (const EnvEntry& entry : current->environ) {
            m_errors.push_back(checkFragment([&entry](Config& c) { c.environ = {entry}; }));
            m_warnings.push_back(unknownTagsOf([&entry](Config& c) { c.environ = {entry}; }));
        }
    }
}

QStringList EnvironModel::modes() const {
    QStringList names;
    for (EnvMode mode : kAllEnvModes) {
        names.append(QString::fromUtf8(toString(mode)));
    }
    return names;
}

QVariant EnvironModel::data(const QModelIndex& index, int role) const {
    const Config* current = config();
    if (!current || !validRow(index.row())) {
        return {};
    }
    const EnvEntry& entry = current->environ[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case KeyRole:
        return QString::fromStdString(entry.key);
    case ModeRole:
        return QString::fromUtf8(toString(entry.mode));
    case ValueRole:
        return optionalText(entry.value);
    case ValueEnabledRole:
        return valuePresence(entry.mode) != Presence::Forbidden &&
               valuePresence(entry.mode) != Presence::Ignored;
    case InfoRole:
        return optionalText(entry.info);
    case WarnRole:
        return optionalText(entry.warn);
    case LineRole:
        return entry.pos.line;
    case ErrorRole:
        return m_errors[static_cast<std::size_t>(index.row())];
    case WarningRole:
        return m_warnings[static_cast<std::size_t>(index.row())];
    default:
        return {};
    }
}

QHash<int, QByteArray> EnvironModel::roleNames() const {
    return {{KeyRole, "key"},        {ModeRole, "mode"},
            {ValueRole, "value"},    {ValueEnabledRole, "valueEnabled"},
            {InfoRole, "info"},      {WarnRole, "warn"},
            {LineRole, "line"},      {ErrorRole, "error"},
            {WarningRole, "warning"}};
}

void EnvironModel::change(int row, const QString& description,
                          const std::function<void(EnvEntry&)>& f) {
    if (!validRow(row)) {
        return;
    }
    edit(description, [row, &f](Config& c) { f(c.environ[static_cast<std::size_t>(row)]); });
}

void EnvironModel::append() {
    edit(tr("Add an environment variable"), [](Config& c) {
        EnvEntry entry;
        entry.key = "NEW_VARIABLE";
        entry.value = std::string();
        c.environ.push_back(entry);
    });
}

void EnvironModel::remove(int row) {
    if (!validRow(row)) {
        return;
    }
    edit(tr("Remove an environment variable"),
         [row](Config& c) { c.environ.erase(c.environ.begin() + row); });
}

void EnvironModel::setKey(int row, const QString& key) {
    change(row, tr("Rename an environment variable"),
           [&key](EnvEntry& e) { e.key = key.toStdString(); });
}

void EnvironModel::setMode(int row, const QString& mode) {
    const auto parsed = envModeFromString(mode.toStdString());
    if (!parsed) {
        return;
    }
    change(row, tr("Change the mode of an environment variable"), [parsed](EnvEntry& e) {
        e.mode = *parsed;
        // Keep what the user wrote unless the new mode forbids a value.
        const Presence presence = valuePresence(e.mode);
        if (presence == Presence::Forbidden) {
            e.value.reset();
        } else if (presence == Presence::Required && !e.value) {
            e.value = std::string();
        }
    });
}

void EnvironModel::setValue(int row, const QString& value) {
    change(row, tr("Change the value of an environment variable"),
           [&value](EnvEntry& e) { e.value = value.toStdString(); });
}

} // namespace redpak::gui
