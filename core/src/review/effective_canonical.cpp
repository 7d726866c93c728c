// SPDX-License-Identifier: Apache-2.0
// Released canonical forms must never change: records approved with them would stop
// verifying. A different form is a new version (kEffectiveDigestFormat), the old one stays for
// the records that use it. That is why the spellings below are written here, frozen, instead
// of borrowed from the display and file-format tables, which may evolve.
#include "redpak/review/effective_canonical.h"

#include "redpak/base/digest.h"
#include "redpak/config/schema.h"
#include "redpak/review/diff.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace redpak {

namespace {

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte == 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", byte);
            out += hex;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string optionalQuote(const std::optional<std::string>& text) {
    return text ? quote(*text) : std::string("~");
}

std::string word(Edu v) {
    switch (v) {
    case Edu::Enabled:
        return "enabled";
    case Edu::Disabled:
        return "disabled";
    case Edu::Unset:
        break;
    }
    return "unset";
}

std::string word(EnvMode m) {
    switch (m) {
    case EnvMode::Static:
        return "static";
    case EnvMode::Execfd:
        return "execfd";
    case EnvMode::Remove:
        return "remove";
    case EnvMode::Inherit:
        return "inherit";
    case EnvMode::Default:
        break;
    }
    return "default";
}

std::string word(ExportMode m) {
    static constexpr const char* kWords[] = {
        "restricted",      "public",      "private",      "private-restricted",
        "restricted-file", "public-file", "private-file", "symlink",
        "execfd",          "internal",    "anonymous",    "tmpfs",
        "procfs",          "devfs",       "mqueue",       "lock"};
    static_assert(std::size(kWords) == static_cast<std::size_t>(ExportMode::Lock) + 1);
    return kWords[static_cast<std::size_t>(m)];
}

std::string word(CgroupController c) {
    switch (c) {
    case CgroupController::Cpuset:
        return "cpuset";
    case CgroupController::Cpu:
        return "cpu";
    case CgroupController::Io:
        return "io";
    case CgroupController::Pids:
        return "pids";
    case CgroupController::Mem:
        break;
    }
    return "mem";
}

std::string scalarText(const std::string& v) {
    return quote(v);
}
std::string scalarText(bool v) {
    return v ? "true" : "false";
}
std::string scalarText(std::int64_t v) {
    return std::to_string(v);
}
std::string scalarText(std::uint32_t v) {
    return std::to_string(v); // decimal: no octal formatting to depend on
}
std::string scalarText(Edu v) {
    return word(v);
}

void addStructure(std::vector<std::string>& lines, const EffectiveConfig& config) {
    lines.push_back(std::string("mode ") + (config.mode == MergeMode::Admin ? "admin" : "normal"));
    lines.push_back(std::string("expanded ") + (config.expanded ? "true" : "false"));
    for (std::size_t i = 0; i < config.family.size(); ++i) {
        const FamilyNodeInfo& n = config.family[i];
        lines.push_back("family " + std::to_string(i) + " " + quote(n.path) + " " + quote(n.alias) +
                        " " + quote(n.name) + " " + quote(n.info));
    }
    for (std::size_t i = 0; i < config.cgroups.size(); ++i) {
        const NodeCgroup& node = config.cgroups[i];
        const std::string head =
            "cgroup " + std::to_string(i) + " " + quote(node.node) + " " + quote(node.alias);
        lines.push_back(head);
        for (const EffectiveCgroupLimit& l : node.limits) {
            lines.push_back(head + " " + word(l.limit.controller) + " " + quote(l.limit.key) + " " +
                            quote(l.limit.value));
        }
    }
    for (const MergeError& e : config.errors) {
        // The refused item is named by the merge's wording: the files say what it is.
        lines.push_back("error " + quote(e.node) + " " + quote(e.ancestor));
    }
}

void addItems(std::vector<std::string>& lines, const EffectiveConfig& config) {
    for (std::size_t i = 0; i < config.path.size(); ++i) {
        lines.push_back("path " + std::to_string(i) + " " + quote(config.path[i].dir));
    }
    for (std::size_t i = 0; i < config.ldpath.size(); ++i) {
        lines.push_back("ldpath " + std::to_string(i) + " " + quote(config.ldpath[i].dir));
    }
    for (const EffectiveEnv& e : config.environ) {
        lines.push_back("environ " + quote(e.key) + " " + word(e.mode) + " " +
                        optionalQuote(e.value) + " " + quote(e.command) + " " +
                        optionalQuote(e.info) + " " + optionalQuote(e.warn));
    }
    for (const EffectiveExport& x : config.exports) {
        lines.push_back("export " + quote(x.mount) + " " + word(x.mode) + " " + quote(x.source) +
                        " " + optionalQuote(x.info) + " " + optionalQuote(x.warn));
    }
    for (const EffectiveCapability& c : config.capabilities) {
        lines.push_back("capability " + quote(c.name) + (c.add ? " add" : " drop"));
    }
}

void addScalars(std::vector<std::string>& lines, const EffectiveConfig& config) {
    for (const ScalarKey& key : kScalarKeys) {
        if (key.kind == ScalarKind::Share) {
            if (const std::optional<EffectiveShare>& s = config.share(key.ns)) {
                lines.push_back("share " + quote(key.key) + " " + quote(s->key) + " " +
                                word(s->value.state) + " " + quote(s->value.joinPath));
            }
        } else if (key.kind != ScalarKind::PathList) {
            visitMembers(key, [&](const auto& members) {
                if (const auto& value = config.*(members.effective)) {
                    lines.push_back("scalar " + quote(key.key) + " " + scalarText(value->value));
                }
            });
        }
    }
}

} // namespace

std::string canonicalEffectiveV1(const EffectiveConfig& config) {
    std::vector<std::string> lines;
    addStructure(lines, config);
    addItems(lines, config);
    addScalars(lines, config);
    std::sort(lines.begin(), lines.end());
    std::string out = "redpak-effective-v1\n";
    for (const std::string& line : lines) {
        out += line + "\n";
    }
    return out;
}

std::optional<std::string> effectiveDigestOf(const EffectiveConfig& config, int format) {
    switch (format) {
    case 0:
        return sha256Hex(canonicalText(config));
    case 1:
        return sha256Hex(canonicalEffectiveV1(config));
    default:
        return std::nullopt;
    }
}

} // namespace redpak
