// SPDX-License-Identifier: Apache-2.0
#include "configsettings.h"

#include "redpak/schema.h"
namespace redpak::gui {

QString valueText(const std::string& value) {
    return QString::fromStdString(value);
}
QString valueText(std::uint32_t umask) {
    return QStringLiteral("0%1").arg(umask, 3, 8, QLatin1Char('0'));
}
QString valueText(std::int64_t value) {
    return QString::number(value);
}
QString valueText(bool value) {
    return value ? QStringLiteral("true") : QStringLiteral("false");
}
QString valueText(Edu value) {
    return QString::fromUtf8(toString(value));
}
QString valueText(const ShareValue& value) {
    return value.joins() ? QString::fromStdString(value.joinPath)
                         : QString::fromUtf8(toString(value.state));
}

namespace {

template <typename T>
SettingDefinition scalarRow(const char* key, const char* group, const char* kind,
                            std::optional<Setting<T>> ConfigSection::*member) {
    return SettingDefinition{
        QString::fromLatin1(key),
        group,
        QString::fromLatin1(kind),
        [member](const ConfigSection& s) -> std::optional<QString> {
            if (!(s.*member)) {
                return std::nullopt;
            }
            return valueText((s.*member)->value);
        },
        [member](const ConfigSection& s) { return s.*member ? (s.*member)->pos.line : 0; },
        [member](ConfigSection& to, const ConfigSection& from) { to.*member = from.*member; },
        [member](ConfigSection& s) { (s.*member).reset(); }};
}

SettingDefinition shareRow(Namespace ns) {
    const QString key = QString::fromStdString(shareKey(ns));
    return SettingDefinition{
        key,
        QT_TRANSLATE_NOOP("SettingsModel", "Namespaces"),
        QStringLiteral("share"),
        [ns](const ConfigSection& s) -> std::optional<QString> {
            if (!s.share(ns)) {
                return std::nullopt;
            }
            return valueText(s.share(ns)->value);
        },
        [ns](const ConfigSection& s) { return s.share(ns) ? s.share(ns)->pos.line : 0; },
        [ns](ConfigSection& to, const ConfigSection& from) { to.share(ns) = from.share(ns); },
        [ns](ConfigSection& s) { s.share(ns).reset(); }};
}

std::vector<SettingDefinition> makeRows() {
    const char* process = QT_TRANSLATE_NOOP("SettingsModel", "Process");
    const char* identity = QT_TRANSLATE_NOOP("SettingsModel", "Identity");
    const char* paths = QT_TRANSLATE_NOOP("SettingsModel", "Paths");
    const char* packages = QT_TRANSLATE_NOOP("SettingsModel", "Package manager");
    std::vector<SettingDefinition> rows;
    for (Namespace ns : kAllNamespaces) {
        rows.push_back(shareRow(ns));
    }
    rows.push_back(scalarRow("die-with-parent", process, "edu", &ConfigSection::dieWithParent));
    rows.push_back(scalarRow("new-session", process, "edu", &ConfigSection::newSession));
    rows.push_back(scalarRow("hostname", process, "text", &ConfigSection::hostname));
    rows.push_back(scalarRow("chdir", process, "text", &ConfigSection::chdir));
    rows.push_back(scalarRow("umask", process, "text", &ConfigSection::umask));
    rows.push_back(scalarRow("inherit-env", process, "bool", &ConfigSection::inheritEnv));
    rows.push_back(scalarRow("verbose", process, "integer", &ConfigSection::verbose));
    rows.push_back(scalarRow("set-user", identity, "text", &ConfigSection::setUser));
    rows.push_back(scalarRow("set-group", identity, "text", &ConfigSection::setGroup));
    rows.push_back(scalarRow("smack", identity, "text", &ConfigSection::smack));
    rows.push_back(scalarRow("map-root-user", identity, "integer", &ConfigSection::mapRootUser));
    rows.push_back(scalarRow("path", paths, "text", &ConfigSection::path));
    rows.push_back(scalarRow("ldpath", paths, "text", &ConfigSection::ldpath));
    rows.push_back(scalarRow("cgrouproot", paths, "text", &ConfigSection::cgrouproot));
    rows.push_back(scalarRow("persistdir", packages, "text", &ConfigSection::persistdir));
    rows.push_back(scalarRow("rpmdir", packages, "text", &ConfigSection::rpmdir));
    rows.push_back(scalarRow("cachedir", packages, "text", &ConfigSection::cachedir));
    rows.push_back(scalarRow("gpgcheck", packages, "bool", &ConfigSection::gpgcheck));
    rows.push_back(scalarRow("unsafe", packages, "bool", &ConfigSection::unsafe));
    return rows;
}

} // namespace

const std::vector<SettingDefinition>& configSettings() {
    static const std::vector<SettingDefinition> table = makeRows();
    return table;
}

const SettingDefinition* findSetting(const QString& key) {
    for (const SettingDefinition& definition : configSettings()) {
        if (definition.key == key) {
            return &definition;
        }
    }
    return nullptr;
}

} // namespace redpak::gui
