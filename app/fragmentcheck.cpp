// SPDX-License-Identifier: Apache-2.0
#include "fragmentcheck.h"

#include "redpak/config/parser.h"
#include "redpak/config/writer.h"
#include "redpak/merge/expand.h"

#include <QStringList>

namespace redpak::gui {

namespace {
// Any valid alias: only the item under test can make the fragment invalid.
constexpr const char* kFragmentAlias = "fragment";
} // namespace

QString checkFragment(const std::function<void(Config&)>& fill) {
    Config config;
    config.headers.alias.value = kFragmentAlias;
    fill(config);
    const ValidationResult result = validateConfigText(writeConfig(config), "");
    return result.error ? QString::fromStdString(result.error->message) : QString();
}

QString unknownTagsOf(const std::function<void(Config&)>& fill) {
    Config config;
    config.headers.alias.value = kFragmentAlias;
    fill(config);
    QStringList messages;
    for (const Diagnostic& warning : unknownTagWarnings(config, "", processEnvironment())) {
        messages.append(QString::fromStdString(warning.message));
    }
    return messages.join(QLatin1Char('\n'));
}

ScalarParse parseConfigScalar(const QString& key, const QString& text) {
    const std::string yaml = std::string("headers:\n  alias: ") + kFragmentAlias + "\nconfig:\n  " +
                             key.toStdString() + ": " + yamlScalar(text.toStdString()) + "\n";
    const ValidationResult result = validateConfigText(yaml, "");
    ScalarParse parse;
    if (result.error) {
        parse.error = QString::fromStdString(result.error->message);
    } else if (result.config && result.config->config) {
        parse.section = result.config->config;
    }
    return parse;
}

} // namespace redpak::gui
