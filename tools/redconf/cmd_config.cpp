// SPDX-License-Identifier: Apache-2.0
// redconf config [--yaml] [--admin] [--redpath DIR] [DIR]: one node's own config (not merged),
// as a readable summary or as canonical YAML.
#include "command.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/text_escape.h"
#include "redpak/config/parser.h"
#include "redpak/config/schema.h"
#include "redpak/config/writer.h"
#include "redpak/merge/expand.h"
#include "redpak/tree/node.h"

#include <algorithm>

namespace redconf {

namespace {

std::string padded(std::string text, std::size_t width) {
    text.resize(std::max(width, text.size() + 1), ' ');
    return text;
}

std::string at(const redpak::SourcePos& pos) {
    return pos.line > 0 ? "  (line " + std::to_string(pos.line) + ")" : "";
}

// `key` is escaped here (an environ key, a mount point); `value` must be shown text already:
// a yamlScalar (quoted and escaped when needed) or escapeText of a raw value.
std::string row(int indent, std::string_view key, const std::string& value,
                const redpak::SourcePos& pos) {
    return padded(std::string(static_cast<std::size_t>(indent), ' ') + redpak::escapeText(key),
                  20) +
           value + at(pos) + "\n";
}

// One key of the schema as the summary shows it: texts as YAML scalars (quoted when needed),
// a join path escaped after "join".
void scalarRow(std::string& out, const redpak::ScalarKey& key, const redpak::ConfigSection& c) {
    if (key.kind == redpak::ScalarKind::Share) {
        if (const auto& share = c.share(key.ns)) {
            const std::string value = share->value.joins()
                                          ? "join " + redpak::escapeText(share->value.joinPath)
                                          : redpak::valueText(share->value);
            out += row(2, key.key, value, share->pos);
        }
        return;
    }
    redpak::visitMembers(key, [&](const auto& members) {
        if (const auto& setting = c.*members.written) {
            const std::string value = redpak::valueText(setting->value);
            out += row(2, key.key, key.expands ? redpak::yamlScalar(value) : value, setting->pos);
        }
    });
}

std::string configSummary(const redpak::ConfigSection& c) {
    using redpak::toString;
    std::string out = "config\n";
    for (const redpak::ScalarKey& key : redpak::kScalarKeys) {
        scalarRow(out, key, c);
    }
    for (const redpak::CgroupLimit& limit : c.cgroups) {
        out += row(2, "cgroups." + std::string(toString(limit.controller)) + "." + limit.key,
                   redpak::yamlScalar(limit.value), limit.pos);
    }
    for (const redpak::CapabilityEntry& cap : c.capabilities) {
        out += row(2, cap.add ? "add" : "drop", redpak::escapeText(cap.name), cap.pos);
    }
    return out;
}

std::string summary(const redpak::NodeLocation& node, const std::filesystem::path& file,
                    const redpak::Config& config) {
    const redpak::NodeStatus status = redpak::readNodeStatus(node);
    std::string out;
    using redpak::escapeText;
    out += row(0, "node", escapeText(node.base.string()), {});
    out += row(0, "state", std::string(redpak::toString(status.state)), {});
    out += row(0, "file", escapeText(file.string()), {});
    out += row(0, "alias", escapeText(config.headers.alias.value), config.headers.alias.pos);
    if (config.headers.name) {
        out += row(0, "name", escapeText(config.headers.name->value), config.headers.name->pos);
    }
    if (config.headers.info) {
        out += row(0, "info", escapeText(config.headers.info->value), config.headers.info->pos);
    }
    if (config.config) {
        out += configSummary(*config.config);
    }
    if (!config.environ.empty()) {
        out += "environ\n";
    }
    for (const redpak::EnvEntry& env : config.environ) {
        std::string value(redpak::toString(env.mode));
        if (env.value) {
            value = padded(value, 9) + redpak::yamlScalar(*env.value);
        }
        out += row(2, env.key, value, env.pos);
    }
    if (!config.exports.empty()) {
        out += "exports\n";
    }
    for (const redpak::ExportEntry& exp : config.exports) {
        std::string value(redpak::toString(exp.mode));
        if (exp.path) {
            value = padded(value, 19) + "<- " + redpak::yamlScalar(*exp.path);
        }
        out += row(2, exp.mount, value, exp.pos);
    }
    return out;
}

int runConfig(const Arguments& args) {
    const std::string dir = args.directory("--redpath");
    const auto node = redpak::locateNode(dir);
    if (!node) {
        throw redpak::InputError(redpak::Diagnostic{
            dir, 0, 0, "not a rednode (no " + std::string(redpak::kStatusFileName) + ")"});
    }
    const bool admin = args.has("--admin");
    if (admin && !node->adminConfig) {
        throw redpak::InputError(redpak::Diagnostic{dir, 0, 0, "this rednode has no admin config"});
    }
    const std::filesystem::path file = admin ? *node->adminConfig : node->normalConfig;
    std::vector<redpak::Diagnostic> warnings;
    const redpak::Config config = redpak::loadConfigFile(file, &warnings);
    // Checked against redconf's own environment: the closest to the launcher's it can know.
    for (redpak::Diagnostic& warning :
         redpak::unknownTagWarnings(config, file.string(), redpak::processEnvironment())) {
        warnings.push_back(std::move(warning));
    }
    for (const redpak::Diagnostic& warning : warnings) {
        printError("redconf: warning: " + warning.format() + "\n");
    }
    if (args.has("--yaml")) {
        print(redpak::writeConfig(config));
        return 0;
    }
    std::string out = summary(*node, file, config);
    if (!admin && node->adminConfig) {
        out += "\nadmin config " + redpak::escapeText(node->adminConfig->string()) +
               " (see --admin)\n";
    }
    print(out);
    return 0;
}

} // namespace

extern const Command kConfigCommand; // declared in main.cpp
const Command kConfigCommand{
    "config",
    "show one rednode's own config (not merged): a summary, or canonical YAML with --yaml",
    "DIR",
    {
        {"--yaml", "", "print the config as canonical YAML"},
        {"--admin", "", "show the admin config instead of the normal one"},
        {"--redpath", "DIR", "the node (same as the DIR argument)"},
    },
    0,
    1,
    runConfig,
};

} // namespace redconf
