// SPDX-License-Identifier: Apache-2.0
// YamlNode tree -> Config, following rednode-format.md §2 to the letter. Every rule that
// refuses something says where and what was expected.
#include "redpak/config/parser.h"

#include "base/text_util.h"
#include "config/config_tree.h"
#include "config/schema_reader.h"
#include "config/yaml/yaml_tree.h"
#include "redpak/base/paths.h"
#include "redpak/config/schema.h"

#include <algorithm>
#include <array>
#include <map>
#include <span>

namespace redpak {

namespace {

using detail::YamlEntry;
using detail::YamlNode;

// Reads one file; warnings are collected for the caller.
class ConfigParser {
public:
    ConfigParser(const std::string& fileName, std::vector<Diagnostic>* warnings)
        : m_reader(fileName), m_warnings(warnings) {}

    Config parse(const YamlNode& root) const {
        if (root.kind == YamlNode::Kind::Null) {
            m_reader.fail(SourcePos{1, 1}, "empty configuration: expected a map with at least "
                                           "a 'headers' section");
        }
        Config config;
        m_reader.forEachKey(root, "the configuration", {"headers", "config", "environ", "exports"},
                            [&](std::string_view key, const YamlEntry& entry) {
                                if (key == "headers") {
                                    config.headers = parseHeaders(entry.value);
                                } else if (entry.value.kind == YamlNode::Kind::Null) {
                                    // An optional section left empty (often with comments
                                    // only) counts as absent.
                                } else if (key == "config") {
                                    config.config = parseConfigSection(entry.value);
                                } else if (key == "environ") {
                                    config.environ = parseEnviron(entry.value);
                                } else {
                                    config.exports = parseExports(entry.value);
                                }
                            });
        m_reader.require(root, "the configuration", "headers");
        return config;
    }

private:
    std::string text(const YamlEntry& entry, std::string_view what) const {
        return m_reader.scalar(entry.value, "'" + entry.key + "' in " + std::string(what));
    }

    template <typename T> Setting<T> setting(T value, const YamlEntry& entry) const {
        return Setting<T>{std::move(value), entry.value.pos};
    }

    void warn(SourcePos pos, std::string message) const {
        if (m_warnings != nullptr) {
            m_warnings->push_back(m_reader.diagnostic(pos, std::move(message)));
        }
    }

    Headers parseHeaders(const YamlNode& node) const {
        Headers headers;
        m_reader.forEachKey(node, "'headers'", {"alias", "name", "info"},
                            [&](std::string_view key, const YamlEntry& entry) {
                                std::string value = text(entry, "'headers'");
                                if (key == "alias") {
                                    if (!isValidAlias(value)) {
                                        m_reader.fail(entry.value.pos,
                                                      "invalid alias '" + value +
                                                          "': expected 1 to 255 letters, digits "
                                                          "or + - _ @ :");
                                    }
                                    headers.alias = setting(std::move(value), entry);
                                } else if (key == "name") {
                                    headers.name = setting(std::move(value), entry);
                                } else {
                                    headers.info = setting(std::move(value), entry);
                                }
                            });
        m_reader.require(node, "'headers'", "alias");
        return headers;
    }

    static bool isEnvironName(std::string_view name) {
        if (name.empty() || (name.front() >= '0' && name.front() <= '9')) {
            return false;
        }
        return std::all_of(name.begin(), name.end(),
                           [](char c) { return detail::isAsciiAlnum(c) || c == '_'; });
    }

    // One entry of `environ`: its keys, and whether its mode wants the `value` it has or lacks.
    EnvEntry parseEnv(const YamlNode& item) const {
        EnvEntry env;
        env.pos = item.pos;
        SourcePos valuePos{};
        m_reader.forEachKey(
            item, "environ entry", {"key", "mode", "value", "info", "warn"},
            [&](std::string_view key, const YamlEntry& entry) {
                std::string value = text(entry, "environ entry");
                if (key == "key") {
                    if (!isEnvironName(value)) {
                        m_reader.fail(entry.value.pos,
                                      "invalid variable name '" + value +
                                          "': expected a letter or _ followed by letters, "
                                          "digits or _");
                    }
                    env.key = std::move(value);
                } else if (key == "mode") {
                    const auto mode = envModeFromString(value);
                    if (!mode) {
                        m_reader.fail(entry.value.pos,
                                      "unknown environ mode '" + value +
                                          "'; expected one of: Default, Static, Execfd, "
                                          "Remove, Inherit");
                    }
                    env.mode = *mode;
                } else if (key == "value") {
                    env.value = std::move(value);
                    valuePos = entry.keyPos;
                } else if (key == "info") {
                    env.info = std::move(value);
                } else {
                    env.warn = std::move(value);
                }
            });
        m_reader.require(item, "environ entry", "key");
        const Presence presence = valuePresence(env.mode);
        if (presence == Presence::Required && !env.value) {
            m_reader.fail(item.pos, "environ entry '" + env.key +
                                        "' has no 'value', which "
                                        "mode " +
                                        std::string(toString(env.mode)) + " requires");
        }
        if (presence == Presence::Forbidden && env.value) {
            m_reader.fail(valuePos, "environ entry '" + env.key +
                                        "' has a 'value', which "
                                        "mode " +
                                        std::string(toString(env.mode)) + " forbids");
        }
        return env;
    }

    std::vector<EnvEntry> parseEnviron(const YamlNode& node) const {
        std::vector<EnvEntry> entries;
        std::map<std::string, int> lineOfKey;
        for (const YamlNode& item : m_reader.sequence(node, "'environ'").items) {
            EnvEntry env = parseEnv(item);
            const auto [it, inserted] = lineOfKey.emplace(env.key, item.pos.line);
            if (!inserted) {
                m_reader.fail(item.pos, "variable '" + env.key + "' is already defined at line " +
                                            std::to_string(it->second) + " of this file");
            }
            entries.push_back(std::move(env));
        }
        return entries;
    }

    // One entry of `exports`: its keys, and whether its mode wants the `path` it has or lacks.
    ExportEntry parseExport(const YamlNode& item) const {
        ExportEntry exp;
        exp.pos = item.pos;
        SourcePos pathPos{};
        m_reader.forEachKey(
            item, "exports entry", {"mode", "mount", "path", "info", "warn"},
            [&](std::string_view key, const YamlEntry& entry) {
                std::string value = text(entry, "exports entry");
                if (key == "mode") {
                    const auto mode = exportModeFromString(value);
                    if (!mode) {
                        m_reader.fail(entry.value.pos,
                                      "unknown export mode '" + value +
                                          "'; expected one of: Restricted, Public, Private, "
                                          "PrivateRestricted, RestrictedFile, PublicFile, "
                                          "PrivateFile, Symlink, Execfd, Internal, Anonymous, "
                                          "Tmpfs, Procfs, Devfs, Mqueue, Lock");
                    }
                    exp.mode = *mode;
                } else if (key == "mount") {
                    if (value.empty()) {
                        m_reader.fail(entry.value.pos,
                                      "empty 'mount': expected the destination inside the "
                                      "node");
                    }
                    exp.mount = std::move(value);
                } else if (key == "path") {
                    exp.path = std::move(value);
                    pathPos = entry.keyPos;
                } else if (key == "info") {
                    exp.info = std::move(value);
                } else {
                    exp.warn = std::move(value);
                }
            });
        m_reader.require(item, "exports entry", "mode");
        m_reader.require(item, "exports entry", "mount");
        checkExportPath(exp, item.pos, pathPos);
        return exp;
    }

    void checkExportPath(const ExportEntry& exp, SourcePos entryPos, SourcePos pathPos) const {
        const Presence presence = pathPresence(exp.mode);
        if (presence == Presence::Required && !exp.path) {
            m_reader.fail(entryPos, "export of '" + exp.mount + "' has no 'path', which mode " +
                                        std::string(toString(exp.mode)) + " requires");
        }
        if (presence == Presence::Forbidden && exp.path) {
            m_reader.fail(pathPos, "export of '" + exp.mount + "' has a 'path', which mode " +
                                       std::string(toString(exp.mode)) + " forbids");
        }
        if (presence == Presence::Ignored && exp.path) {
            warn(pathPos, "'path' is ignored for mode " + std::string(toString(exp.mode)) +
                              " (nothing from the host is mounted at '" + exp.mount + "')");
        }
    }

    std::vector<ExportEntry> parseExports(const YamlNode& node) const {
        std::vector<ExportEntry> entries;
        std::map<std::string, int> lineOfMount;
        for (const YamlNode& item : m_reader.sequence(node, "'exports'").items) {
            ExportEntry exp = parseExport(item);
            // Two exports at one mount point: the later one would silently hide the earlier.
            const auto [it, inserted] =
                lineOfMount.emplace(normalizeMountPath(exp.mount), item.pos.line);
            if (!inserted) {
                m_reader.fail(item.pos, "duplicate mount '" + exp.mount +
                                            "': already exported at line " +
                                            std::to_string(it->second) + " of this file");
            }
            entries.push_back(std::move(exp));
        }
        return entries;
    }

    Setting<ShareValue> parseShare(const YamlEntry& entry) const {
        const std::string value = text(entry, "'config'");
        if (const auto edu = eduFromString(value)) {
            return setting(ShareValue{*edu, {}}, entry);
        }
        if (value.size() > 1 && value.front() == '/') {
            return setting(ShareValue{Edu::Enabled, value}, entry);
        }
        m_reader.fail(entry.value.pos,
                      "invalid value '" + value + "' for '" + entry.key +
                          "': expected enabled, disabled, unset or the absolute path of a "
                          "namespace to join (e.g. /proc/PID/ns/net)");
    }

    Setting<Edu> parseEdu(const YamlEntry& entry) const {
        const std::string value = text(entry, "'config'");
        const auto edu = eduFromString(value);
        if (!edu) {
            m_reader.fail(entry.value.pos, "invalid value '" + value + "' for '" + entry.key +
                                               "': expected enabled, disabled or unset");
        }
        return setting(*edu, entry);
    }

    // A Text value checked against its key's syntax when it is literal; one with `$TAGS` is
    // checked once expanded, when the launch plan is built.
    std::string checkedText(const ScalarKey& key, const YamlEntry& entry) const {
        std::string value = text(entry, "'config'");
        if (value.find('$') == std::string::npos) {
            if (const auto problem = textSyntaxProblem(key.syntax, value)) {
                m_reader.fail(entry.value.pos, "invalid value '" + value + "' for '" + entry.key +
                                                   "': expected " + *problem);
            }
        }
        return value;
    }

    // Reads one key of the schema table into the member it maps to.
    void parseScalar(const ScalarKey& key, const YamlEntry& entry, ConfigSection& section) const {
        const std::string what = "'" + entry.key + "'";
        switch (key.kind) {
        case ScalarKind::Text:
        case ScalarKind::PathList:
            section.*key.text.written = setting(checkedText(key, entry), entry);
            break;
        case ScalarKind::Umask:
            section.*key.umask.written = setting(m_reader.octalMode(entry.value, what), entry);
            break;
        case ScalarKind::Integer:
            section.*key.integer.written = setting(m_reader.integer(entry.value, what), entry);
            break;
        case ScalarKind::Boolean:
            section.*key.boolean.written = setting(m_reader.boolean(entry.value, what), entry);
            break;
        case ScalarKind::Edu:
            section.*key.edu.written = parseEdu(entry);
            break;
        case ScalarKind::Share:
            section.share(key.ns) = parseShare(entry);
            break;
        }
    }

    static const std::vector<std::string_view>& configKeys() {
        static const std::vector<std::string_view> keys = [] {
            std::vector<std::string_view> all;
            for (const ScalarKey& key : kScalarKeys) {
                all.push_back(key.key);
            }
            all.push_back("cgroups");
            all.push_back("capabilities");
            return all;
        }();
        return keys;
    }

    ConfigSection parseConfigSection(const YamlNode& node) const {
        ConfigSection section;
        m_reader.forEachKey(node, "'config'", configKeys(),
                            [&](std::string_view key, const YamlEntry& entry) {
                                if (key == "cgroups") {
                                    section.cgroups = parseCgroups(entry.value);
                                } else if (key == "capabilities") {
                                    section.capabilities = parseCapabilities(entry.value);
                                } else {
                                    for (const ScalarKey& scalar : kScalarKeys) {
                                        if (scalar.key == key) {
                                            parseScalar(scalar, entry, section);
                                        }
                                    }
                                }
                            });
        return section;
    }

    std::vector<CgroupLimit> parseCgroups(const YamlNode& node) const {
        std::vector<CgroupLimit> limits;
        m_reader.forEachKey(
            node, "'cgroups'", {"cpuset", "mem", "cpu", "io", "pids"},
            [&](std::string_view controllerName, const YamlEntry& sub) {
                const auto controller = controllerFromName(controllerName);
                const std::string what = "'cgroups." + std::string(controllerName) + "'";
                const YamlNode& subMap = m_reader.map(sub.value, what);
                if (subMap.entries.empty()) {
                    m_reader.fail(sub.value.pos, what + " is empty: give at least one limit or "
                                                        "remove it");
                }
                if (controller == CgroupController::Pids && subMap.entries.size() != 1) {
                    m_reader.fail(sub.value.pos, what + " must have exactly one key ('max')");
                }
                m_reader.forEachKey(
                    subMap, what, cgroupKeys(controller),
                    [&](std::string_view key, const YamlEntry& entry) {
                        limits.push_back(CgroupLimit{
                            controller, std::string(key),
                            m_reader.scalar(entry.value, "'" + entry.key + "' in " + what),
                            entry.value.pos});
                    });
            });
        return limits;
    }

    static CgroupController controllerFromName(std::string_view name) {
        for (CgroupController c : {CgroupController::Cpuset, CgroupController::Mem,
                                   CgroupController::Cpu, CgroupController::Io}) {
            if (toString(c) == name) {
                return c;
            }
        }
        return CgroupController::Pids;
    }

    static std::span<const std::string_view> cgroupKeys(CgroupController controller) {
        // Keys without effect (low, oom_group, weight_nice, cost_qos, cost_model) are accepted
        // because the spec lists them.
        static constexpr std::array<std::string_view, 3> cpuset{"cpus", "mems", "cpus_partition"};
        static constexpr std::array<std::string_view, 7> mem{
            "min", "max", "high", "swap_high", "swap_max", "low", "oom_group"};
        static constexpr std::array<std::string_view, 3> cpu{"weight", "max", "weight_nice"};
        static constexpr std::array<std::string_view, 4> io{"weight", "max", "cost_qos",
                                                            "cost_model"};
        static constexpr std::array<std::string_view, 1> pids{"max"};
        switch (controller) {
        case CgroupController::Cpuset:
            return cpuset;
        case CgroupController::Mem:
            return mem;
        case CgroupController::Cpu:
            return cpu;
        case CgroupController::Io:
            return io;
        case CgroupController::Pids:
            return pids;
        }
        return pids;
    }

    std::vector<CapabilityEntry> parseCapabilities(const YamlNode& node) const {
        std::vector<CapabilityEntry> entries;
        std::map<std::string, int> lineOfCapability;
        for (const YamlNode& item : m_reader.sequence(node, "'capabilities'").items) {
            CapabilityEntry cap;
            cap.pos = item.pos;
            m_reader.forEachKey(
                item, "capabilities entry", {"cap", "add", "info", "warn"},
                [&](std::string_view key, const YamlEntry& entry) {
                    if (key == "cap") {
                        const std::string name = text(entry, "capabilities entry");
                        auto canonical = canonicalCapability(name);
                        if (!canonical) {
                            m_reader.fail(entry.value.pos,
                                          "unknown capability '" + name +
                                              "'; expected ALL or a Linux capability name from "
                                              "cap_chown to cap_checkpoint_restore (see "
                                              "capabilities(7))");
                        }
                        cap.name = std::move(*canonical);
                    } else if (key == "add") {
                        cap.add = m_reader.boolean(entry.value, "'add' (0 or 1)");
                    } else if (key == "info") {
                        cap.info = text(entry, "capabilities entry");
                    } else {
                        cap.warn = text(entry, "capabilities entry");
                    }
                });
            m_reader.require(item, "capabilities entry", "cap");
            m_reader.require(item, "capabilities entry", "add");
            const auto [it, inserted] = lineOfCapability.emplace(cap.name, item.pos.line);
            if (!inserted) {
                m_reader.fail(item.pos, "capability '" + cap.name + "' is already listed at line " +
                                            std::to_string(it->second) + " of this file");
            }
            entries.push_back(std::move(cap));
        }
        return entries;
    }

    detail::SchemaReader m_reader;
    std::vector<Diagnostic>* m_warnings;
};

} // namespace

namespace detail {

Config configFromTree(const YamlNode& root, const std::string& fileName,
                      std::vector<Diagnostic>* warnings) {
    return ConfigParser(fileName, warnings).parse(root);
}

} // namespace detail

Config parseConfig(std::string_view text, const std::string& fileName,
                   std::vector<Diagnostic>* warnings) {
    return detail::configFromTree(detail::parseYaml(text, fileName), fileName, warnings);
}

Config loadConfigFile(const std::filesystem::path& file, std::vector<Diagnostic>* warnings) {
    return parseConfig(readLimitedFile(file), file.string(), warnings);
}

ValidationResult validateConfigText(std::string_view text, const std::string& fileName) {
    ValidationResult result;
    try {
        result.config = parseConfig(text, fileName, &result.warnings);
    } catch (const InputError& error) {
        result.error = error.diagnostic();
    }
    return result;
}

} // namespace redpak
