// SPDX-License-Identifier: Apache-2.0
// The unknown tags of a configuration file (expand.h): what a typo in a `$TAG` turns into an
// empty string, found where the file can say so (file, line, item).
#include "redpak/config/schema.h"
#include "redpak/merge/expand.h"

namespace redpak {

namespace {

class TagCheck {
public:
    TagCheck(const std::string& file, const EnvironmentLookup& environment)
        : m_file(file), m_environment(environment) {}

    void check(const std::string& text, SourcePos pos, const std::string& item) {
        for (const std::string& tag : unknownTagsIn(text, m_environment)) {
            m_out.push_back(Diagnostic{m_file, pos.line, pos.column, unknownTagMessage(tag, item)});
        }
    }

    void section(const ConfigSection& s) {
        forEachValueKey([&](const ScalarKey& key, const auto& members) {
            if constexpr (std::is_same_v<std::decay_t<decltype(members)>,
                                         ScalarMembers<std::string>>) {
                if (key.expands && s.*members.written) {
                    check((s.*members.written)->value, (s.*members.written)->pos,
                          std::string(key.key));
                }
            }
        });
        for (const Namespace ns : kAllNamespaces) {
            if (const auto& share = s.share(ns); share && share->value.joins()) {
                check(share->value.joinPath, share->pos, shareKey(ns));
            }
        }
        for (const CgroupLimit& limit : s.cgroups) {
            check(limit.value, limit.pos,
                  "cgroups " + std::string(toString(limit.controller)) + " " + limit.key);
        }
    }

    std::vector<Diagnostic> take() { return std::move(m_out); }

private:
    const std::string& m_file;
    const EnvironmentLookup& m_environment;
    std::vector<Diagnostic> m_out;
};

} // namespace

std::vector<Diagnostic> unknownTagWarnings(const Config& config, const std::string& file,
                                           const EnvironmentLookup& environment) {
    TagCheck check(file, environment);
    for (const EnvEntry& entry : config.environ) {
        if (entry.value && (entry.mode == EnvMode::Default || entry.mode == EnvMode::Execfd)) {
            check.check(*entry.value, entry.pos, "environ " + entry.key);
        }
    }
    for (const ExportEntry& entry : config.exports) {
        check.check(entry.mount, entry.pos, "export " + entry.mount);
        const Presence presence = pathPresence(entry.mode);
        if (entry.path && presence != Presence::Ignored && presence != Presence::Forbidden) {
            check.check(*entry.path, entry.pos, "export " + entry.mount);
        }
    }
    if (config.config) {
        check.section(*config.config);
    }
    return check.take();
}

} // namespace redpak
