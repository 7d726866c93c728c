// SPDX-License-Identifier: Apache-2.0
// explain(): the definitions of one item, marked with what the merge made of them. The applied
// definition is the one the merge's provenance names; nothing here re-decides a rule.
#include "redpak/merge/explain.h"

#include "base/json.h"
#include "redpak/config/schema.h"

#include <algorithm>
#include <functional>

namespace redpak {

std::string_view toString(ExplainRule rule) {
    switch (rule) {
    case ExplainRule::LeafWins:
        return "leaf-wins";
    case ExplainRule::ShareAllFallback:
        return "share-all-fallback";
    case ExplainRule::CapabilityPerRule:
        return "capability-all-per-capability";
    case ExplainRule::EnvironByKey:
        return "environ-by-key";
    case ExplainRule::ExportByMountPoint:
        return "export-by-mount-point";
    case ExplainRule::CgroupPerNode:
        return "cgroup-per-node";
    case ExplainRule::PathListOrder:
        return "path-list-order";
    }
    return "";
}

std::string_view ruleWording(ExplainRule rule) {
    switch (rule) {
    case ExplainRule::LeafWins:
        return "The definition closest to the leaf wins; an admin file bounds its node's normal "
               "file. `unset` is not a definition: it keeps what the parents set.";
    case ExplainRule::ShareAllFallback:
        return "share_all is a fallback, not a bound: a namespace whose own share_X a file "
               "defines follows share_X; share_all decides only the namespaces no file names.";
    case ExplainRule::CapabilityPerRule:
        return "ALL is a rule for every capability at once; a file's own rule for a capability "
               "wins over its ALL rule; the leaf's decision wins unless an admin file bounds it.";
    case ExplainRule::EnvironByKey:
        return "environ merges by key: the definition closest to the leaf wins, admin over "
               "normal within a node.";
    case ExplainRule::ExportByMountPoint:
        return "exports merge by mount point after normalisation (`//`, `/./`, trailing `/`); "
               "an ancestor's Private/PrivateFile exports take no part in the merge.";
    case ExplainRule::CgroupPerNode:
        return "each node keeps its own cgroup limits (admin over normal); node cgroups nest "
               "like the nodes.";
    case ExplainRule::PathListOrder:
        return "path lists: the entries of a child come before those of its parents, admin "
               "before normal; a directory listed again keeps its first place.";
    }
    return "";
}

std::string_view toString(DefinitionEffect effect) {
    switch (effect) {
    case DefinitionEffect::Applied:
        return "applied";
    case DefinitionEffect::Overridden:
        return "overridden";
    case DefinitionEffect::Defined:
        return "defined";
    case DefinitionEffect::NotADefinition:
        return "not-a-definition";
    }
    return "";
}

namespace {

// One definition found in a file, before the merge's verdict is attached.
struct Found {
    std::string key;
    std::string value;
    int line = 0;
    bool counts = true; // false: `unset`, an ancestor's Private export
};

using Finder = std::function<std::vector<Found>(const Config&, bool isLeaf)>;

struct Verdict {
    std::optional<std::string> effective;
    std::vector<const Provenance*> applied; // cgroups: one per node
};

struct ItemSpec {
    std::string name;
    ExplainRule rule;
    Finder find;
    std::function<Verdict(const EffectiveConfig&)> verdict;
    // Drops what the rule sets aside once the whole family is seen (share_all when a file
    // defines share_X); nullptr keeps every definition.
    std::function<void(std::vector<ItemDefinition>&)> settle;
};

const ConfigSection& sectionOf(const Config& config) {
    static const ConfigSection none;
    return config.config ? *config.config : none;
}

template <typename T> bool isUnset(const T&) {
    return false;
}
bool isUnset(const Edu& v) {
    return v == Edu::Unset;
}
bool isUnset(const ShareValue& v) {
    return !v.joins() && v.state == Edu::Unset;
}

template <typename T>
ItemSpec scalar(std::string name, std::optional<Setting<T>> ConfigSection::*member,
                std::optional<Effective<T>> EffectiveConfig::*effective) {
    Finder find = [name, member](const Config& config, bool) {
        std::vector<Found> found;
        if (const auto& s = sectionOf(config).*member) {
            found.push_back({name, valueText(s->value), s->pos.line, !isUnset(s->value)});
        }
        return found;
    };
    auto verdict = [effective](const EffectiveConfig& config) {
        Verdict v;
        if (const auto& e = config.*effective) {
            v.effective = valueText(e->value);
            v.applied.push_back(&e->provenance);
        }
        return v;
    };
    return {name, ExplainRule::LeafWins, find, verdict, nullptr};
}

std::optional<ItemSpec> scalarSpec(std::string_view item) {
    std::optional<ItemSpec> spec;
    forEachMergedKey([&](const ScalarKey& key, const auto& members) {
        if (key.key == item) {
            spec = scalar(std::string(key.key), members.written, members.effective);
        }
    });
    return spec;
}

std::optional<ItemSpec> shareSpec(std::string_view item) {
    for (const Namespace ns : kAllNamespaces) {
        const std::string key = shareKey(ns);
        if (item != key) {
            continue;
        }
        Finder find = [ns](const Config& config, bool) {
            std::vector<Found> found;
            const ConfigSection& s = sectionOf(config);
            for (Namespace candidate : {Namespace::All, ns}) {
                if (const auto& d = s.share(candidate);
                    d && (candidate == ns || fallsBackToShareAll(ns))) {
                    found.push_back({shareKey(candidate), valueText(d->value), d->pos.line,
                                     !isUnset(d->value)});
                }
                if (ns == Namespace::All) {
                    break;
                }
            }
            return found;
        };
        auto verdict = [ns](const EffectiveConfig& config) {
            Verdict v;
            if (const EffectiveShare* e = effectiveShare(config, ns)) {
                v.effective = valueText(e->value);
                v.applied.push_back(&e->provenance);
            }
            return v;
        };
        auto settle = [key](std::vector<ItemDefinition>& definitions) {
            const bool ownKey = std::any_of(definitions.begin(), definitions.end(),
                                            [&](const ItemDefinition& d) { return d.key == key; });
            if (ownKey) {
                std::erase_if(definitions, [&](const ItemDefinition& d) { return d.key != key; });
            }
        };
        return ItemSpec{key, ExplainRule::ShareAllFallback, find, verdict, settle};
    }
    return std::nullopt;
}

// `name` is the item ("cap_all"), `cap` the capability rule the merge knows ("all").
ItemSpec capabilitySpec(const std::string& name, const std::string& cap) {
    Finder find = [cap](const Config& config, bool) {
        std::vector<Found> found;
        for (const CapabilityEntry& e : sectionOf(config).capabilities) {
            if (covers(e.name, cap)) {
                found.push_back({e.name, e.add ? "add" : "drop", e.pos.line, true});
            }
        }
        return found;
    };
    auto verdict = [cap](const EffectiveConfig& config) {
        Verdict v;
        if (const EffectiveCapability* e = effectiveCapability(config, cap)) {
            v.effective = e->add ? "add" : "drop";
            v.applied.push_back(&e->provenance);
        }
        return v;
    };
    return {name, ExplainRule::CapabilityPerRule, find, verdict, nullptr};
}

std::string envText(const EnvEntry& e) {
    return std::string(toString(e.mode)) + (e.value ? " " + *e.value : "");
}

ItemSpec environSpec(const std::string& key) {
    Finder find = [key](const Config& config, bool) {
        std::vector<Found> found;
        for (const EnvEntry& e : config.environ) {
            if (e.key == key) {
                found.push_back({e.key, envText(e), e.pos.line, true});
            }
        }
        return found;
    };
    auto verdict = [key](const EffectiveConfig& config) {
        Verdict v;
        for (const EffectiveEnv& e : config.environ) {
            if (e.key == key) {
                v.effective = std::string(toString(e.mode)) + (e.value ? " " + *e.value : "");
                v.applied.push_back(&e.provenance);
            }
        }
        return v;
    };
    return {"environ:" + key, ExplainRule::EnvironByKey, find, verdict, nullptr};
}

bool isPrivate(ExportMode mode) {
    return mode == ExportMode::Private || mode == ExportMode::PrivateFile;
}

ItemSpec exportSpec(const std::string& mount) {
    const std::string normal = normalizeMountPath(mount);
    Finder find = [normal](const Config& config, bool isLeaf) {
        std::vector<Found> found;
        for (const ExportEntry& e : config.exports) {
            if (normalizeMountPath(e.mount) == normal) {
                found.push_back({e.mount,
                                 std::string(toString(e.mode)) + (e.path ? " " + *e.path : ""),
                                 e.pos.line, isLeaf || !isPrivate(e.mode)});
            }
        }
        return found;
    };
    auto verdict = [normal](const EffectiveConfig& config) {
        Verdict v;
        for (const EffectiveExport& e : config.exports) {
            if (normalizeMountPath(e.mount) == normal) {
                v.effective = std::string(toString(e.mode)) + " " + e.source;
                v.applied.push_back(&e.provenance);
            }
        }
        return v;
    };
    return {"export:" + normal, ExplainRule::ExportByMountPoint, find, verdict, nullptr};
}

std::optional<ItemSpec> cgroupSpec(const std::string& item) {
    for (int c = 0; c <= static_cast<int>(CgroupController::Pids); ++c) {
        const auto controller = static_cast<CgroupController>(c);
        const std::string prefix = "cgroups." + std::string(toString(controller)) + ".";
        if (item.rfind(prefix, 0) != 0 || item.size() == prefix.size()) {
            continue;
        }
        const std::string key = item.substr(prefix.size());
        const auto matches = [controller, key](const CgroupLimit& l) {
            return l.controller == controller && l.key == key;
        };
        Finder find = [matches, item](const Config& config, bool) {
            std::vector<Found> found;
            for (const CgroupLimit& l : sectionOf(config).cgroups) {
                if (matches(l)) {
                    found.push_back({item, l.value, l.pos.line, true});
                }
            }
            return found;
        };
        auto verdict = [matches](const EffectiveConfig& config) {
            Verdict v;
            for (const NodeCgroup& node : config.cgroups) {
                for (const EffectiveCgroupLimit& l : node.limits) {
                    if (matches(l.limit)) {
                        v.effective = l.limit.value; // the leaf's limit is the last one
                        v.applied.push_back(&l.provenance);
                    }
                }
            }
            return v;
        };
        return ItemSpec{item, ExplainRule::CgroupPerNode, find, verdict, nullptr};
    }
    return std::nullopt;
}

std::vector<std::string> pathDirs(const std::string& text) {
    std::vector<std::string> dirs;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(':', start), text.size());
        dirs.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return dirs;
}

// One directory of path or ldpath: every file whose list names it; the merge keeps the first.
ItemSpec pathSpec(const std::string& list, const std::string& dir) {
    const bool ld = list == "ldpath";
    Finder find = [ld, list, dir](const Config& config, bool) {
        std::vector<Found> found;
        const auto& setting = ld ? sectionOf(config).ldpath : sectionOf(config).path;
        if (setting) {
            const std::vector<std::string> dirs = pathDirs(setting->value);
            if (std::find(dirs.begin(), dirs.end(), dir) != dirs.end()) {
                found.push_back({list, setting->value, setting->pos.line, true});
            }
        }
        return found;
    };
    auto verdict = [ld, dir](const EffectiveConfig& config) {
        Verdict v;
        for (const EffectivePathEntry& e : ld ? config.ldpath : config.path) {
            if (e.dir == dir) {
                v.effective = e.dir;
                v.applied.push_back(&e.provenance);
            }
        }
        return v;
    };
    return {list + ":" + dir, ExplainRule::PathListOrder, find, verdict, nullptr};
}

ItemSpec specFor(std::string_view item) {
    if (auto spec = scalarSpec(item))
        return *spec;
    if (auto spec = shareSpec(item))
        return *spec;
    const std::string text(item);
    if (text == "cap_all")
        return capabilitySpec(text, "all");
    if (text.rfind("cap_", 0) == 0 && text.size() > 4)
        return capabilitySpec(text, text);
    for (const char* list : {"path", "ldpath"}) {
        const std::string prefix = std::string(list) + ":";
        if (text.rfind(prefix, 0) == 0 && text.size() > prefix.size())
            return pathSpec(list, text.substr(prefix.size()));
    }
    if (text.rfind("environ:", 0) == 0 && text.size() > 8)
        return environSpec(text.substr(8));
    if (text.rfind("export:", 0) == 0 && text.size() > 7)
        return exportSpec(text.substr(7));
    if (auto spec = cgroupSpec(text))
        return *spec;
    throw InputError(Diagnostic{{},
                                0,
                                0,
                                "unknown item '" + text +
                                    "': expected a config key (hostname, share_net, ...), "
                                    "cap_NAME, environ:KEY, export:/MOUNT, "
                                    "cgroups.CONTROLLER.KEY, path:DIR or ldpath:DIR"});
}

std::string baseName(const NodeLocation& location) {
    std::string base = location.base.string();
    while (base.size() > 1 && base.back() == '/') {
        base.pop_back();
    }
    return base;
}

bool sameOrigin(const Origin& origin, const ItemDefinition& d) {
    return origin.node == d.node && origin.kind == d.kind &&
           (origin.pos.line == 0 || origin.pos.line == d.line);
}

DefinitionEffect effectOf(const ItemDefinition& d, bool counts, const Verdict& verdict) {
    if (!counts) {
        return DefinitionEffect::NotADefinition;
    }
    for (const Provenance* p : verdict.applied) {
        if (sameOrigin(p->origin, d)) {
            return DefinitionEffect::Applied;
        }
    }
    for (const Provenance* p : verdict.applied) {
        if (p->overrode && sameOrigin(p->overrode->origin, d)) {
            return DefinitionEffect::Overridden;
        }
    }
    return DefinitionEffect::Defined;
}

} // namespace

Explanation explain(const std::vector<FamilyMember>& family, std::string_view item,
                    MergeMode mode) {
    const ItemSpec spec = specFor(item);
    const EffectiveConfig merged = mergeFamily(family, MergeOptions{mode, nullptr});
    const Verdict verdict = spec.verdict(merged);
    Explanation out{spec.name, verdict.effective, {}, spec.rule};
    for (std::size_t i = 0; i < family.size(); ++i) {
        const FamilyMember& member = family[i];
        const bool isLeaf = i + 1 == family.size();
        const auto visit = [&](const Config& config, ConfigKind kind, const std::string& file) {
            for (const Found& f : spec.find(config, isLeaf)) {
                ItemDefinition d{member.normal.headers.alias.value,
                                 baseName(member.location),
                                 kind,
                                 file,
                                 f.line,
                                 f.key,
                                 f.value};
                d.effect = effectOf(d, f.counts, verdict);
                out.definitions.push_back(std::move(d));
            }
        };
        visit(member.normal, ConfigKind::Normal, member.location.normalConfig.string());
        if (member.admin && mode == MergeMode::Admin) {
            visit(*member.admin, ConfigKind::Admin,
                  member.location.adminConfig ? member.location.adminConfig->string() : "");
        }
    }
    if (spec.settle) {
        spec.settle(out.definitions);
    }
    return out;
}

std::string formatExplanation(const Explanation& e) {
    std::string out = "item      " + e.item + "\n";
    out += "effective " + (e.effective ? *e.effective : std::string("(not defined)")) + "\n";
    out += "rule      " + std::string(toString(e.rule)) + ": " + std::string(ruleWording(e.rule)) +
           "\n";
    for (const ItemDefinition& d : e.definitions) {
        out += "  " + std::string(toString(d.effect)) + "  " + d.alias + " (" +
               std::string(toString(d.kind)) + ") " + d.file + ":" + std::to_string(d.line) + "  " +
               d.key + ": " + d.value + "\n";
    }
    return out;
}

std::string explanationJson(const Explanation& e) {
    using detail::jsonQuote;
    std::string out =
        "{\n  \"item\": " + jsonQuote(e.item) +
        ",\n  \"effective\": " + (e.effective ? jsonQuote(*e.effective) : std::string("null")) +
        ",\n  \"rule\": " + jsonQuote(toString(e.rule)) +
        ",\n  \"wording\": " + jsonQuote(ruleWording(e.rule)) + ",\n  \"definitions\": [";
    for (std::size_t i = 0; i < e.definitions.size(); ++i) {
        const ItemDefinition& d = e.definitions[i];
        out += std::string(i ? "," : "") + "\n    {\"alias\": " + jsonQuote(d.alias) +
               ", \"node\": " + jsonQuote(d.node) + ", \"kind\": " + jsonQuote(toString(d.kind)) +
               ", \"file\": " + jsonQuote(d.file) + ", \"line\": " + std::to_string(d.line) +
               ", \"key\": " + jsonQuote(d.key) + ", \"value\": " + jsonQuote(d.value) +
               ", \"effect\": " + jsonQuote(toString(d.effect)) + "}";
    }
    return out + (e.definitions.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

} // namespace redpak
