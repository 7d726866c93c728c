// SPDX-License-Identifier: Apache-2.0
// Effective configuration and bwrap plan as YAML or JSON, with provenance. One small document
// tree, two printers: the same content whatever the format.
#include "redpak/format/effective_format.h"

#include "base/json.h"
#include "redpak/config/schema.h"
#include "redpak/launch/plan.h"
#include "redpak/merge/merge.h"

#include <variant>

namespace redpak {
namespace {

struct Node;
using Map = std::vector<std::pair<std::string, Node>>;
using List = std::vector<Node>;

struct Node {
    std::variant<std::string, std::int64_t, bool, List, Map> value;

    Node(std::string s) : value(std::move(s)) {}
    Node(const char* s) : value(std::string(s)) {}
    Node(std::int64_t i) : value(i) {}
    Node(bool b) : value(b) {}
    Node(List l) : value(std::move(l)) {}
    Node(Map m) : value(std::move(m)) {}
};

void printJson(const Node& node, std::string& out, int indent) {
    const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
    const std::string close(static_cast<std::size_t>(indent), ' ');
    if (const auto* s = std::get_if<std::string>(&node.value)) {
        out += detail::jsonQuote(*s);
    } else if (const auto* i = std::get_if<std::int64_t>(&node.value)) {
        out += std::to_string(*i);
    } else if (const auto* b = std::get_if<bool>(&node.value)) {
        out += *b ? "true" : "false";
    } else if (const auto* l = std::get_if<List>(&node.value)) {
        if (l->empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (std::size_t k = 0; k < l->size(); ++k) {
            out += pad;
            printJson((*l)[k], out, indent + 2);
            out += k + 1 < l->size() ? ",\n" : "\n";
        }
        out += close + "]";
    } else if (const auto* m = std::get_if<Map>(&node.value)) {
        if (m->empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        for (std::size_t k = 0; k < m->size(); ++k) {
            out += pad + detail::jsonQuote((*m)[k].first) + ": ";
            printJson((*m)[k].second, out, indent + 2);
            out += k + 1 < m->size() ? ",\n" : "\n";
        }
        out += close + "}";
    }
}

bool isScalar(const Node& node) {
    return !std::holds_alternative<List>(node.value) && !std::holds_alternative<Map>(node.value);
}

bool isEmptyCollection(const Node& node) {
    if (const auto* l = std::get_if<List>(&node.value)) {
        return l->empty();
    }
    if (const auto* m = std::get_if<Map>(&node.value)) {
        return m->empty();
    }
    return false;
}

std::string yamlScalar(const Node& node) {
    if (const auto* i = std::get_if<std::int64_t>(&node.value)) {
        return std::to_string(*i);
    }
    if (const auto* b = std::get_if<bool>(&node.value)) {
        return *b ? "true" : "false";
    }
    if (const auto* l = std::get_if<List>(&node.value); l && l->empty()) {
        return "[]";
    }
    if (const auto* m = std::get_if<Map>(&node.value); m && m->empty()) {
        return "{}";
    }
    // Double-quoted YAML scalars use the JSON escapes: always valid, never ambiguous.
    return detail::jsonQuote(std::get<std::string>(node.value));
}

void printYaml(const Node& node, std::string& out, int indent) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    if (const auto* m = std::get_if<Map>(&node.value)) {
        for (const auto& [key, child] : *m) {
            out += pad + key + ":";
            if (isScalar(child) || isEmptyCollection(child)) {
                out += " " + yamlScalar(child) + "\n";
            } else {
                out += "\n";
                printYaml(child, out, indent + 2);
            }
        }
    } else if (const auto* l = std::get_if<List>(&node.value)) {
        for (const Node& child : *l) {
            if (isScalar(child) || isEmptyCollection(child)) {
                out += pad + "- " + yamlScalar(child) + "\n";
                continue;
            }
            std::string inner;
            printYaml(child, inner, indent + 2);
            // "- " replaces the first two spaces of the first line of the item.
            out += pad + "- " + inner.substr(static_cast<std::size_t>(indent) + 2);
        }
    }
}

Node originNode(const Origin& o) {
    Map m{{"node", o.node},
          {"alias", o.alias},
          {"file", o.file},
          {"kind", std::string(toString(o.kind))}};
    if (o.pos.line > 0) {
        m.emplace_back("line", static_cast<std::int64_t>(o.pos.line));
        m.emplace_back("column", static_cast<std::int64_t>(o.pos.column));
    }
    return m;
}

Node provenanceNode(const Provenance& p) {
    Map m{{"from", originNode(p.origin)}};
    if (p.overrode) {
        m.emplace_back("overrode",
                       Map{{"value", p.overrode->value}, {"from", originNode(p.overrode->origin)}});
    }
    if (!p.warning.empty()) {
        m.emplace_back("warning", p.warning);
    }
    return m;
}

template <typename T> Node scalarValue(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
        return v;
    } else if constexpr (std::is_same_v<T, bool>) {
        return v;
    } else if constexpr (std::is_same_v<T, Edu>) {
        return std::string(toString(v));
    } else if constexpr (std::is_same_v<T, std::uint32_t>) {
        return formatUmask(v);
    } else {
        return static_cast<std::int64_t>(v);
    }
}

template <typename T>
void addSetting(Map& m, std::string_view key, const std::optional<Effective<T>>& setting) {
    if (setting) {
        m.emplace_back(std::string(key), Map{{"value", scalarValue(setting->value)},
                                             {"provenance", provenanceNode(setting->provenance)}});
    }
}

Node diagnosticsNode(const std::vector<Diagnostic>& list) {
    List out;
    for (const Diagnostic& d : list) {
        out.emplace_back(d.format());
    }
    return out;
}

// One function a section of the effective configuration, in the order the output shows them.
Node familyNode(const EffectiveConfig& c) {
    List family;
    for (const FamilyNodeInfo& n : c.family) {
        Map node{{"path", n.path}, {"alias", n.alias}, {"normal", n.normalConfig}};
        if (!n.adminConfig.empty()) {
            node.emplace_back("admin", n.adminConfig);
        }
        family.emplace_back(std::move(node));
    }
    return family;
}

Node pathListNode(const std::vector<EffectivePathEntry>& list) {
    List out;
    for (const EffectivePathEntry& e : list) {
        out.emplace_back(Map{{"dir", e.dir}, {"provenance", provenanceNode(e.provenance)}});
    }
    return out;
}

// Each environ entry or export as `fields` maps it, then the file's warning and where the
// entry is from: the last two keys of both.
template <typename Entry, typename Fields>
Node entriesNode(const std::vector<Entry>& entries, Fields fields) {
    List out;
    for (const Entry& e : entries) {
        Map m = fields(e);
        if (e.warn) {
            m.emplace_back("warn", *e.warn);
        }
        m.emplace_back("provenance", provenanceNode(e.provenance));
        out.emplace_back(std::move(m));
    }
    return out;
}

Node environNode(const EffectiveConfig& c) {
    return entriesNode(c.environ, [](const EffectiveEnv& e) {
        Map m{{"key", e.key}, {"mode", std::string(toString(e.mode))}};
        if (e.value) {
            m.emplace_back("value", *e.value);
        }
        if (e.mode == EnvMode::Execfd) {
            m.emplace_back("command", e.command);
        }
        return m;
    });
}

Node exportsNode(const EffectiveConfig& c) {
    return entriesNode(c.exports, [](const EffectiveExport& e) {
        Map m{{"mode", std::string(toString(e.mode))}, {"mount", e.mount}};
        if (!e.source.empty()) {
            m.emplace_back("path", e.source);
        }
        return m;
    });
}

Node capabilitiesNode(const EffectiveConfig& c) {
    List caps;
    for (const EffectiveCapability& cap : c.capabilities) {
        caps.emplace_back(Map{{"cap", cap.name},
                              {"add", static_cast<std::int64_t>(cap.add ? 1 : 0)},
                              {"provenance", provenanceNode(cap.provenance)}});
    }
    return caps;
}

Node sharesNode(const EffectiveConfig& c) {
    Map shares;
    for (Namespace ns : kAllNamespaces) {
        if (const auto& s = c.share(ns)) {
            shares.emplace_back(shareKey(ns), Map{{"value", valueText(s->value)},
                                                  {"key", s->key},
                                                  {"provenance", provenanceNode(s->provenance)}});
        }
    }
    return shares;
}

Node configNode(const EffectiveConfig& c) {
    Map config;
    forEachMergedKey([&](const ScalarKey& key, const auto& members) {
        addSetting(config, key.key, c.*members.effective);
    });
    return config;
}

// Only the nodes that set a limit: the others get no cgroup of their own settings.
Node cgroupsNode(const EffectiveConfig& c) {
    List cgroups;
    for (const NodeCgroup& n : c.cgroups) {
        if (n.limits.empty()) {
            continue;
        }
        List limits;
        for (const EffectiveCgroupLimit& l : n.limits) {
            limits.emplace_back(Map{{"controller", std::string(toString(l.limit.controller))},
                                    {"key", l.limit.key},
                                    {"value", l.limit.value},
                                    {"provenance", provenanceNode(l.provenance)}});
        }
        cgroups.emplace_back(Map{{"node", n.node}, {"limits", std::move(limits)}});
    }
    return cgroups;
}

Node errorsNode(const EffectiveConfig& c) {
    List errors;
    for (const MergeError& e : c.errors) {
        errors.emplace_back(Map{{"message", e.diagnostic.format()},
                                {"node", e.node},
                                {"ancestor", e.ancestor},
                                {"item", e.item}});
    }
    return errors;
}

Node effectiveNode(const EffectiveConfig& c) {
    return Map{{"mode", c.mode == MergeMode::Admin ? "admin" : "normal"},
               {"expanded", c.expanded},
               {"family", familyNode(c)},
               {"path", pathListNode(c.path)},
               {"ldpath", pathListNode(c.ldpath)},
               {"environ", environNode(c)},
               {"exports", exportsNode(c)},
               {"capabilities", capabilitiesNode(c)},
               {"shares", sharesNode(c)},
               {"config", configNode(c)},
               {"cgroups", cgroupsNode(c)},
               {"warnings", diagnosticsNode(c.warnings)},
               {"errors", errorsNode(c)}};
}

// The bwrap options, each with the effective item it comes from.
Node planOptionsNode(const BwrapPlan& plan) {
    List options;
    for (const BwrapOption& option : plan.options) {
        List values;
        for (const std::string& v : option.values) {
            values.emplace_back(v);
        }
        Map m{{"option", option.name}, {"values", std::move(values)}};
        if (option.provenance) {
            m.emplace_back("provenance", provenanceNode(*option.provenance));
        }
        options.emplace_back(std::move(m));
    }
    return options;
}

Node fdsNode(const BwrapPlan& plan) {
    List fds;
    for (const FdContent& fd : plan.fds) {
        fds.emplace_back(Map{
            {"fd", static_cast<std::int64_t>(fd.fd)},
            {"kind", fd.kind == FdContent::Kind::CommandOutput ? "command-output" : "file-copy"},
            {"source", fd.source},
            {"mount", fd.mount}});
    }
    return fds;
}

Node joinsNode(const BwrapPlan& plan) {
    List joins;
    for (const NamespaceJoin& j : plan.joins) {
        joins.emplace_back(Map{{"namespace", std::string(toString(j.ns))}, {"path", j.path}});
    }
    return joins;
}

Node cgroupStepsNode(const BwrapPlan& plan) {
    List cgroups;
    for (const CgroupStep& step : plan.cgroups) {
        Map files;
        for (const auto& [file, value] : step.files) {
            files.emplace_back(file, value);
        }
        cgroups.emplace_back(Map{{"dir", step.relativeDir}, {"files", std::move(files)}});
    }
    return cgroups;
}

// What the launcher does besides running bwrap: the parts of the plan bwrap has no option for.
Node launcherNode(const BwrapPlan& plan) {
    Map launcher{{"time_namespace", plan.launcherCreatesTimeNamespace},
                 {"user_namespace", plan.launcherCreatesUserNamespace},
                 {"map_root_user", plan.mapRootUser},
                 {"inherit_environment", plan.inheritEnvironment},
                 {"drop_cap_sys_admin_from_bounding_set", plan.dropSysAdminFromBoundingSet},
                 {"new_session", plan.newSession},
                 {"seccomp", "ioctl TIOCSTI and TIOCLINUX refused (EPERM)"},
                 {"fds", fdsNode(plan)},
                 {"joins", joinsNode(plan)},
                 {"cgroups", cgroupStepsNode(plan)}};
    if (plan.umask) {
        launcher.emplace_back("umask", formatUmask(*plan.umask));
    }
    if (plan.setUser) {
        launcher.emplace_back("set_user", *plan.setUser);
    }
    if (plan.setGroup) {
        launcher.emplace_back("set_group", *plan.setGroup);
    }
    if (plan.cgroupRoot) {
        launcher.emplace_back("cgroup_root", *plan.cgroupRoot);
    }
    if (plan.sessionBus) {
        List talk;
        List proxy;
        talk.assign(plan.sessionBus->talk.begin(), plan.sessionBus->talk.end());
        for (const std::string& argument :
             proxyArguments(*plan.sessionBus, "PROXY_SOCKET", "PROXY_SYNC")) {
            proxy.emplace_back(argument);
        }
        launcher.emplace_back("session_bus", Map{{"talk", talk},
                                                 {"socket", plan.sessionBus->socketInNode},
                                                 {"address", plan.sessionBus->addressInNode()},
                                                 {"proxy", proxy}});
    }
    return launcher;
}

} // namespace

std::string formatEffective(const EffectiveConfig& config, EffectiveFormat format) {
    std::string out;
    if (format == EffectiveFormat::Json) {
        printJson(effectiveNode(config), out, 0);
        out += "\n";
    } else {
        printYaml(effectiveNode(config), out, 0);
    }
    return out;
}

std::string formatPlanJson(const BwrapPlan& plan, const EffectiveConfig& config,
                           const std::string& bwrapPath, const std::string& argv0) {
    std::string out;
    printJson(Map{{"bwrap", bwrapPath},
                  {"as", argv0},
                  {"options", planOptionsNode(plan)},
                  {"launcher", launcherNode(plan)},
                  {"warnings", diagnosticsNode(config.warnings)}},
              out, 0);
    return out + "\n";
}

} // namespace redpak
