// SPDX-License-Identifier: Apache-2.0
// Canonical YAML for the model. Hand-written rather than through YAML::Emitter so that the
// output layout is stable and the quoting rule is ours: a scalar is written plain only when
// our parser reads it back unchanged, otherwise double-quoted with escapes.
#include "redpak/config/writer.h"

#include "redpak/base/text_escape.h"
#include "redpak/config/schema.h"

#include <algorithm>

namespace redpak {

namespace {

bool isPlainSafe(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("_/.$+-@()=~%^,:").find(c) != std::string_view::npos || c == ' ';
}

// Plain scalars: no leading/trailing space, no indicator at the start, no ": " or " #", no
// character YAML could read otherwise, and not a word yaml-cpp turns into null.
bool canBePlain(std::string_view text) {
    if (text.empty() || text.front() == ' ' || text.back() == ' ' || text.back() == ':') {
        return false;
    }
    const std::string_view indicators = "-?:,[]{}#&*!|>'\"%@`~^=+";
    if (indicators.find(text.front()) != std::string_view::npos) {
        return false;
    }
    if (!std::all_of(text.begin(), text.end(), isPlainSafe) ||
        text.find(": ") != std::string_view::npos || text.find(',') != std::string_view::npos) {
        return false;
    }
    for (std::string_view null : {"null", "Null", "NULL"}) {
        if (text == null) {
            return false;
        }
    }
    return true;
}

// The escapes of text_escape.h are YAML's own (`\\`, `\n`, `\xHH` for C0 controls and DEL,
// `\uXXXX` for bidi controls and other hidden code points): YAML reads the value back
// unchanged, and a terminal showing the file shows what it holds. A byte that is not UTF-8 is
// kept as it is (YAML's `\xHH` would be another character): the parser then refuses the text
// instead of reading back a different value.
std::string doubleQuoted(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size();) {
        const Utf8Unit unit = decodeUtf8(text, i);
        const std::string_view part = text.substr(i, unit.length);
        if (!unit.valid) {
            out += part;
        } else if (unit.codePoint == '"') {
            out += "\\\"";
        } else {
            out += escapeText(part);
        }
        i += unit.length;
    }
    out += '"';
    return out;
}

// Appends "INDENT key: value\n" for string values.
void line(std::string& out, int indent, std::string_view key, std::string_view value) {
    out.append(static_cast<std::size_t>(indent), ' ');
    out += key;
    out += ": ";
    out += value;
    out += '\n';
}

void optionalText(std::string& out, int indent, std::string_view key,
                  const std::optional<std::string>& value) {
    if (value) {
        line(out, indent, key, yamlScalar(*value));
    }
}

// The `info` and `warn` texts every list entry may carry.
void notes(std::string& out, int indent, const std::optional<std::string>& info,
           const std::optional<std::string>& warn) {
    optionalText(out, indent, "info", info);
    optionalText(out, indent, "warn", warn);
}

template <typename T>
void settingText(std::string& out, std::string_view key, const std::optional<Setting<T>>& value) {
    if (value) {
        line(out, 2, key, yamlScalar(value->value));
    }
}

std::string boolText(bool value) {
    return value ? "true" : "false";
}

void writeCgroups(std::string& out, const std::vector<CgroupLimit>& limits) {
    if (limits.empty()) {
        return;
    }
    out += "  cgroups:\n";
    std::vector<CgroupController> order;
    for (const CgroupLimit& limit : limits) {
        if (std::find(order.begin(), order.end(), limit.controller) == order.end()) {
            order.push_back(limit.controller);
        }
    }
    for (CgroupController controller : order) {
        out += "    ";
        out += toString(controller);
        out += ":\n";
        for (const CgroupLimit& limit : limits) {
            if (limit.controller == controller) {
                line(out, 6, limit.key, yamlScalar(limit.value));
            }
        }
    }
}

std::string shareText(const ShareValue& share) {
    return share.joins() ? yamlScalar(share.joinPath) : std::string(toString(share.state));
}

// Appends the line of one schema key when the section sets it.
void writeScalar(std::string& out, const ScalarKey& key, const ConfigSection& c) {
    switch (key.kind) {
    case ScalarKind::Text:
    case ScalarKind::PathList:
        settingText(out, key.key, c.*key.text.written);
        break;
    case ScalarKind::Umask:
        if (const auto& umask = c.*key.umask.written) {
            line(out, 2, key.key, "'" + formatUmask(umask->value) + "'");
        }
        break;
    case ScalarKind::Integer:
        if (const auto& value = c.*key.integer.written) {
            line(out, 2, key.key, std::to_string(value->value));
        }
        break;
    case ScalarKind::Boolean:
        if (const auto& value = c.*key.boolean.written) {
            line(out, 2, key.key, boolText(value->value));
        }
        break;
    case ScalarKind::Edu:
        if (const auto& value = c.*key.edu.written) {
            line(out, 2, key.key, toString(value->value));
        }
        break;
    case ScalarKind::Share:
        if (const auto& share = c.share(key.ns)) {
            line(out, 2, key.key, shareText(share->value));
        }
        break;
    }
}

void writeConfigSection(std::string& out, const ConfigSection& c) {
    if (c == ConfigSection{}) {
        // An empty block would read back as an absent section.
        out += "config: {}\n";
        return;
    }
    out += "config:\n";
    for (const ScalarKey& key : kScalarKeys) {
        writeScalar(out, key, c);
    }
    writeCgroups(out, c.cgroups);
    if (!c.capabilities.empty()) {
        out += "  capabilities:\n";
        for (const CapabilityEntry& cap : c.capabilities) {
            line(out, 4, "- cap", cap.name);
            line(out, 6, "add", cap.add ? "1" : "0");
            notes(out, 6, cap.info, cap.warn);
        }
    }
}

// A list section (environ, exports): absent when empty; each entry as `fields` writes it,
// then its info and warn texts.
template <typename Entry, typename Fields>
void writeEntries(std::string& out, std::string_view section, const std::vector<Entry>& entries,
                  Fields fields) {
    if (entries.empty()) {
        return;
    }
    out += std::string(section) + ":\n";
    for (const Entry& entry : entries) {
        fields(entry);
        notes(out, 4, entry.info, entry.warn);
    }
}

} // namespace

std::string yamlScalar(std::string_view text) {
    return canBePlain(text) ? std::string(text) : doubleQuoted(text);
}

std::string writeHeaders(const Headers& headers) {
    std::string out = "headers:\n";
    line(out, 2, "alias", yamlScalar(headers.alias.value));
    if (headers.name) {
        line(out, 2, "name", yamlScalar(headers.name->value));
    }
    if (headers.info) {
        line(out, 2, "info", yamlScalar(headers.info->value));
    }
    return out;
}

std::string writeConfig(const Config& config) {
    std::string out = writeHeaders(config.headers);
    if (config.config) {
        writeConfigSection(out, *config.config);
    }
    writeEntries(out, "environ", config.environ, [&out](const EnvEntry& env) {
        line(out, 2, "- key", yamlScalar(env.key));
        line(out, 4, "mode", toString(env.mode));
        optionalText(out, 4, "value", env.value);
    });
    writeEntries(out, "exports", config.exports, [&out](const ExportEntry& exp) {
        line(out, 2, "- mode", toString(exp.mode));
        line(out, 4, "mount", yamlScalar(exp.mount));
        optionalText(out, 4, "path", exp.path);
    });
    return out;
}

std::string writeStatus(const NodeStatus& status) {
    std::string out;
    line(out, 0, "state", toString(status.state));
    line(out, 0, "realpath", yamlScalar(status.realpath));
    line(out, 0, "timestamp", std::to_string(status.timestamp));
    line(out, 0, "info", yamlScalar(status.info));
    return out;
}

} // namespace redpak
