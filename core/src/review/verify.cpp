// SPDX-License-Identifier: Apache-2.0
#include "redpak/review/verify.h"

#include "base/json.h"
#include "redpak/base/text_escape.h"
#include "redpak/launch/launch_view.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace redpak {

using detail::JsonObject;
using detail::JsonValue;

namespace {

// --- the probe's report -------------------------------------------------------------------

[[noreturn]] void refuseReport(const std::string& name, const std::string& what) {
    throw InputError(Diagnostic{name, 0, 0, "not a redpak-probe report: " + what});
}

const JsonValue& member(const JsonValue& report, const char* key, const std::string& name) {
    const JsonValue* value = report.find(key);
    if (!value) {
        refuseReport(name, std::string("no \"") + key + "\"");
    }
    return *value;
}

std::string text(const JsonValue& value) {
    return value.string() ? *value.string() : std::string();
}

std::int64_t integer(const JsonValue& value) {
    return value.number() ? static_cast<std::int64_t>(*value.number()) : -1;
}

std::vector<std::string> strings(const JsonValue& value) {
    std::vector<std::string> out;
    if (const detail::JsonArray* array = value.array()) {
        for (const JsonValue& item : *array) {
            out.push_back(text(item));
        }
    }
    return out;
}

void parseCapabilities(const JsonValue& sets, ProbeObservation& seen) {
    const char* names[] = {"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"};
    for (std::size_t i = 0; i < seen.capabilities.size(); ++i) {
        const JsonValue* set = sets.find(names[i]);
        seen.capabilities[i] = set ? std::strtoull(text(*set).c_str(), nullptr, 16) : 0;
    }
}

void parseNamespaces(const JsonValue& namespaces, ProbeObservation& seen) {
    if (const JsonObject* object = namespaces.object()) {
        for (const auto& [name, value] : *object) {
            const JsonValue* inode = value.find("inode");
            if (inode && inode->number()) {
                seen.namespaces[name] = static_cast<std::uint64_t>(*inode->number());
            }
        }
    }
}

void parseMounts(const JsonValue& mounts, ProbeObservation& seen) {
    if (const detail::JsonArray* array = mounts.array()) {
        for (const JsonValue& item : *array) {
            const JsonValue* readOnly = item.find("read_only");
            seen.mounts.push_back({item.find("mount") ? text(*item.find("mount")) : "",
                                   item.find("source") ? text(*item.find("source")) : "",
                                   item.find("type") ? text(*item.find("type")) : "",
                                   readOnly && readOnly->boolean() && *readOnly->boolean()});
        }
    }
}

void parseFamilyWalk(const JsonValue& walk, ProbeObservation& seen) {
    if (const JsonValue* found = walk.find("found")) {
        seen.familyFilesFound = strings(*found);
    }
    const JsonValue* complete = walk.find("complete");
    seen.familyWalkComplete = complete && complete->boolean() && *complete->boolean();
    if (const JsonValue* entries = walk.find("entries")) {
        seen.familyWalkEntries =
            static_cast<std::uint64_t>(std::max<std::int64_t>(0, integer(*entries)));
    }
}

// --- expectations -------------------------------------------------------------------------

std::string sourceOf(const std::optional<Provenance>& p) {
    if (!p || p->origin.file.empty()) {
        return {};
    }
    return p->origin.file +
           (p->origin.pos.line > 0 ? ":" + std::to_string(p->origin.pos.line) : "");
}

std::string sourceOr(const std::optional<Provenance>& p, const char* fallback) {
    const std::string source = sourceOf(p);
    return source.empty() ? fallback : source;
}

const BwrapOption* findOption(const BwrapPlan& plan, std::string_view name) {
    const auto it = std::find_if(plan.options.begin(), plan.options.end(),
                                 [name](const BwrapOption& o) { return o.name == name; });
    return it == plan.options.end() ? nullptr : &*it;
}

using Observer = std::function<std::optional<std::string>(const ProbeObservation&)>;

VerifyCheck check(std::string group, std::string subject, std::string expected, Severity severity,
                  std::string provenance, Observer observe) {
    VerifyCheck out;
    out.group = std::move(group);
    out.subject = std::move(subject);
    out.expected = std::move(expected);
    out.severity = severity;
    out.provenance = std::move(provenance);
    out.observe = std::move(observe);
    return out;
}

constexpr const char* kNamespaceNames[] = {"user", "cgroup", "net", "pid",
                                           "ipc",  "uts",    "mnt", "time"};

// Where the plan takes the state of namespace `name` from: its share_X key, or what implies it.
std::string namespaceSource(const EffectiveConfig& config, std::string_view name) {
    if (name == "uts") {
        return sourceOr(config.hostname ? std::optional(config.hostname->provenance) : std::nullopt,
                        "default (no hostname: host UTS namespace)");
    }
    if (name == "mnt") {
        return "bwrap (always a mount namespace of its own)";
    }
    for (std::size_t i = 1; i < kNamespaceCount; ++i) {
        if (toString(static_cast<Namespace>(i)) == name && config.shares[i]) {
            return sourceOr(config.shares[i]->provenance, "default");
        }
    }
    return config.shares[0] ? sourceOr(config.shares[0]->provenance, "default") : "default";
}

std::string expectedNamespaceState(const LaunchView& view, const BwrapPlan& plan,
                                   std::string_view name) {
    for (const NamespaceJoin& join : plan.joins) {
        if (toString(join.ns) == name) {
            return "joined";
        }
    }
    if (name == "uts") {
        return findOption(plan, "--unshare-uts") ? "unshared" : "shared";
    }
    if (name == "mnt") {
        return "unshared";
    }
    for (std::size_t i = 1; i < kNamespaceCount; ++i) {
        if (toString(static_cast<Namespace>(i)) == name) {
            return view.shared[i] ? "shared" : "unshared";
        }
    }
    return "unshared";
}

void addNamespaceChecks(const EffectiveConfig& config, const BwrapPlan& plan,
                        const VerifyContext& context, std::vector<VerifyCheck>& out) {
    const LaunchView view = launchViewOf(config);
    for (const char* name : kNamespaceNames) {
        const auto launcher = context.launcherNamespaces.find(name);
        const auto joined = context.joinedNamespaces.find(name);
        const std::optional<std::uint64_t> launcherInode =
            launcher == context.launcherNamespaces.end() ? std::nullopt
                                                         : std::optional(launcher->second);
        const std::optional<std::uint64_t> joinedInode =
            joined == context.joinedNamespaces.end() ? std::nullopt : std::optional(joined->second);
        out.push_back(check("namespace", name, expectedNamespaceState(view, plan, name),
                            Severity::Error, namespaceSource(config, name),
                            [name = std::string(name), launcherInode, joinedInode](
                                const ProbeObservation& seen) -> std::optional<std::string> {
                                const auto inode = seen.namespaces.find(name);
                                if (inode == seen.namespaces.end() || !launcherInode) {
                                    return std::nullopt;
                                }
                                if (joinedInode && inode->second == *joinedInode) {
                                    return "joined";
                                }
                                return inode->second == *launcherInode ? "shared" : "unshared";
                            }));
    }
}

std::uint64_t capabilityBit(std::size_t index) {
    return std::uint64_t{1} << index;
}

// "kept" (effective and permitted), "absent" (in none of inheritable, permitted, effective,
// ambient), else the sets that hold it.
std::string capabilityState(const ProbeObservation& seen, std::uint64_t bit) {
    const auto in = [&](CapabilitySet set) {
        return (seen.capabilities[static_cast<std::size_t>(set)] & bit) != 0;
    };
    if (in(CapabilitySet::Effective) && in(CapabilitySet::Permitted)) {
        return "kept";
    }
    const bool absent = !in(CapabilitySet::Inheritable) && !in(CapabilitySet::Permitted) &&
                        !in(CapabilitySet::Effective) && !in(CapabilitySet::Ambient);
    return absent ? "absent" : "partly kept";
}

struct CapabilityPlan {
    std::map<std::string, std::pair<bool, std::string>> named; // name -> kept, provenance
    bool others = false;
    std::string othersSource;
};

// The rule of the launch view (launch_view.h) with the launcher's real identity: bwrap keeps
// every capability when it runs as uid 0 and none otherwise, then applies the plan's
// --cap-add/--cap-drop in order.
CapabilityPlan capabilityPlan(const BwrapPlan& plan, const VerifyContext& context) {
    CapabilityPlan out;
    out.others = context.uid == 0;
    out.othersSource = out.others ? "bwrap as uid 0 keeps all" : "bwrap unprivileged keeps none";
    for (const BwrapOption& option : plan.options) {
        if ((option.name != "--cap-add" && option.name != "--cap-drop") || option.values.empty()) {
            continue;
        }
        const bool add = option.name == "--cap-add";
        const std::string source = sourceOr(option.provenance, "launcher default");
        if (option.values.front() == "ALL") {
            for (auto& [name, state] : out.named) {
                state = {add, source};
            }
            out.others = add;
            out.othersSource = source;
        } else {
            out.named[option.values.front()] = {add, source};
        }
    }
    return out;
}

// Each capability the plan names is a check with the provenance of its last option, the others
// one check together.
void addCapabilityChecks(const BwrapPlan& plan, const VerifyContext& context,
                         std::vector<VerifyCheck>& out) {
    const CapabilityPlan expected = capabilityPlan(plan, context);
    const auto& named = expected.named;
    const bool others = expected.others;
    const std::string& othersSource = expected.othersSource;
    // bwrap cannot keep what the launcher does not have.
    const std::uint64_t keptMask = others ? context.launcherCapabilities : ~std::uint64_t{0};
    const std::vector<std::string_view>& names = capabilityNames();
    std::uint64_t otherBits = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto it = named.find(std::string(names[i]));
        if (it == named.end()) {
            otherBits |= capabilityBit(i);
            continue;
        }
        out.push_back(check("capability", std::string(names[i]),
                            it->second.first ? "kept" : "absent", Severity::Error,
                            it->second.second,
                            [bit = capabilityBit(i)](const ProbeObservation& seen) {
                                return std::optional(capabilityState(seen, bit));
                            }));
    }
    out.push_back(check("capability", "others", others ? "kept" : "absent", Severity::Error,
                        othersSource,
                        [bits = otherBits & keptMask, names](const ProbeObservation& seen) {
                            std::string state;
                            for (std::size_t i = 0; i < names.size(); ++i) {
                                if (bits & capabilityBit(i)) {
                                    const std::string one = capabilityState(seen, capabilityBit(i));
                                    state = state.empty() || state == one ? one : "mixed";
                                }
                            }
                            return std::optional(state);
                        }));
}

// The mount the node sees at `point`: the last entry of the table there (it hides the others).
const ProbeObservation::Mount* mountAt(const ProbeObservation& seen, const std::string& point) {
    const ProbeObservation::Mount* found = nullptr;
    for (const ProbeObservation::Mount& mount : seen.mounts) {
        if (mount.mount == point) {
            found = &mount;
        }
    }
    return found;
}

// Expected state of the mount an option makes: "ro"/"rw" for binds, the fs type otherwise.
std::optional<std::string> expectedMount(const BwrapOption& option) {
    static const std::map<std::string, std::string> kinds{
        {"--ro-bind", "ro"}, {"--bind", "rw"},   {"--dev-bind", "rw"},  {"--tmpfs", "tmpfs"},
        {"--proc", "proc"},  {"--dev", "tmpfs"}, {"--mqueue", "mqueue"}};
    const auto it = kinds.find(option.name);
    return it == kinds.end() || option.values.empty() ? std::nullopt : std::optional(it->second);
}

void addMountChecks(const BwrapPlan& plan, std::vector<VerifyCheck>& out) {
    for (const BwrapOption& option : plan.options) {
        const std::optional<std::string> expected = expectedMount(option);
        if (!expected) {
            continue;
        }
        const bool isBind = *expected == "ro" || *expected == "rw";
        out.push_back(check("mount", option.values.back(), *expected, Severity::Error,
                            sourceOr(option.provenance, "launcher default"),
                            [point = option.values.back(), isBind](const ProbeObservation& seen) {
                                const ProbeObservation::Mount* mount = mountAt(seen, point);
                                if (!mount) {
                                    return std::optional<std::string>("absent");
                                }
                                return std::optional<std::string>(
                                    isBind ? (mount->readOnly ? "ro" : "rw") : mount->type);
                            }));
    }
}

void addFamilyCheck(const BwrapPlan& plan, std::vector<VerifyCheck>& out) {
    out.push_back(check("family",
                        std::to_string(plan.familyObjects.size()) + " files and directories",
                        "unreachable", Severity::Error, "risk analysis rec. 4",
                        [](const ProbeObservation& seen) -> std::optional<std::string> {
                            if (!seen.familyFilesFound.empty()) {
                                std::string found = "reachable:";
                                for (const std::string& path : seen.familyFilesFound) {
                                    found += " " + path;
                                }
                                return found;
                            }
                            if (!seen.familyWalkComplete) {
                                return std::nullopt;
                            }
                            return "unreachable";
                        }));
}

void addIdentityChecks(const EffectiveConfig& config, const BwrapPlan& plan,
                       const VerifyContext& context, std::vector<VerifyCheck>& out) {
    const bool mapsRoot = findOption(plan, "--uid") != nullptr;
    const auto sourceOfItem = [](const auto& item, const std::string& fallback) {
        return item ? sourceOr(item->provenance, fallback.c_str()) : fallback;
    };
    const std::string userSource = mapsRoot ? sourceOfItem(config.mapRootUser, "map-root-user")
                                            : sourceOfItem(config.setUser, "the caller's");
    const std::string groupSource =
        mapsRoot ? userSource : sourceOfItem(config.setGroup, config.setGroup ? "" : userSource);
    out.push_back(check(
        "identity", "uid", std::to_string(mapsRoot ? 0 : context.uid), Severity::Error, userSource,
        [](const ProbeObservation& seen) { return std::optional(std::to_string(seen.uid)); }));
    out.push_back(check(
        "identity", "gid", std::to_string(mapsRoot ? 0 : context.gid), Severity::Error, groupSource,
        [](const ProbeObservation& seen) { return std::optional(std::to_string(seen.gid)); }));
}

// What the launcher always sets: no_new_privs and the seccomp program (bwrap --seccomp),
// which refuses TIOCSTI, and the new session unless `new-session: disabled`.
void addLauncherChecks(const EffectiveConfig& config, const BwrapPlan& plan,
                       const VerifyContext& context, std::vector<VerifyCheck>& out) {
    out.push_back(
        check("launcher", "no_new_privs", "1", Severity::Error, "bwrap",
              [](const ProbeObservation& seen) { return std::optional(seen.noNewPrivs); }));
    out.push_back(check("launcher", "seccomp", "2", Severity::Error, "launcher (--seccomp)",
                        [](const ProbeObservation& seen) { return std::optional(seen.seccomp); }));
    out.push_back(
        check("launcher", "ioctl TIOCSTI", "refused", Severity::Error, "launcher seccomp program",
              [](const ProbeObservation& seen) -> std::optional<std::string> {
                  return seen.tiocsti == "untestable" ? std::nullopt : std::optional(seen.tiocsti);
              }));
    if (plan.newSession) {
        out.push_back(check(
            "launcher", "session", "new, no controlling terminal", Severity::Error,
            sourceOr(config.newSession ? std::optional(config.newSession->provenance)
                                       : std::nullopt,
                     "launcher default"),
            // getsid(2) says 0 for a session whose leader is outside the node's pid namespace.
            [launcherSession = context.launcherSession](const ProbeObservation& seen) {
                const bool newSession = seen.session != 0 && seen.session != launcherSession;
                return std::optional<std::string>(newSession && seen.tty == 0
                                                      ? "new, no controlling terminal"
                                                      : "session " + std::to_string(seen.session) +
                                                            ", tty " + std::to_string(seen.tty));
            }));
    }
}

std::string octal(std::uint32_t value) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", value & 07777U);
    return text;
}

void addProcessChecks(const EffectiveConfig& config, std::vector<VerifyCheck>& out) {
    if (config.hostname) {
        out.push_back(
            check("process", "hostname", config.hostname->value, Severity::Warning,
                  sourceOf(config.hostname->provenance),
                  [](const ProbeObservation& seen) { return std::optional(seen.hostname); }));
    }
    if (config.chdir) {
        out.push_back(check("process", "cwd", config.chdir->value, Severity::Warning,
                            sourceOf(config.chdir->provenance),
                            [](const ProbeObservation& seen) { return std::optional(seen.cwd); }));
    }
    if (config.umask) {
        out.push_back(check("process", "umask", octal(config.umask->value), Severity::Warning,
                            sourceOf(config.umask->provenance), [](const ProbeObservation& seen) {
                                return std::optional(octal(seen.umask));
                            }));
    }
}

bool hasName(const ProbeObservation& seen, const std::string& name) {
    return std::find(seen.environment.begin(), seen.environment.end(), name) !=
           seen.environment.end();
}

// Each --setenv of the plan is set, each --unsetenv unset; without inherit-env nothing else is
// there but PWD, which bwrap sets after its chdir.
void addEnvironmentChecks(const BwrapPlan& plan, std::vector<VerifyCheck>& out) {
    std::set<std::string> expected{"PWD"};
    for (const BwrapOption& option : plan.options) {
        if ((option.name != "--setenv" && option.name != "--unsetenv") || option.values.empty()) {
            continue;
        }
        const bool set = option.name == "--setenv";
        const std::string name = option.values.front();
        if (set) {
            expected.insert(name);
        }
        out.push_back(
            check("environment", name, set ? "set" : "unset", Severity::Warning,
                  sourceOr(option.provenance, "path"), [name](const ProbeObservation& seen) {
                      return std::optional<std::string>(hasName(seen, name) ? "set" : "unset");
                  }));
    }
    if (plan.inheritEnvironment) {
        return;
    }
    out.push_back(check("environment", "others", "none", Severity::Warning,
                        "launcher (empty environment)", [expected](const ProbeObservation& seen) {
                            std::string others;
                            for (const std::string& name : seen.environment) {
                                if (!expected.count(name)) {
                                    others += (others.empty() ? "" : " ") + name;
                                }
                            }
                            return std::optional(others.empty() ? "none" : others);
                        }));
}

// --- findings against the launch ------------------------------------------------------

// What a finding claims about the launch, as a check would see it. `state` absent: what the
// plan makes of that subject (the check's own expectation), for findings that only say the
// item is there.
struct FindingClaim {
    std::string group;
    std::string subject;
    std::optional<std::string> state;
};

// "namespace net (shared with the host)" -> "net"; "export /srv (Public /srv)" -> "/srv":
// the word after `kind` (findings.cpp writes the items this way).
std::string itemSubject(const std::string& item, std::string_view kind) {
    if (item.compare(0, kind.size(), kind) != 0) {
        return {};
    }
    const std::size_t end = item.find(' ', kind.size());
    return item.substr(kind.size(),
                       end == std::string::npos ? std::string::npos : end - kind.size());
}

std::vector<FindingClaim> claimsOf(const Finding& finding) {
    const std::string& id = finding.id;
    const bool error = finding.severity == Severity::Error;
    const FindingClaim sysAdmin{"capability", "cap_sys_admin", "kept"};
    if (id == "ns.shared") {
        const bool joins = finding.item.find("(joins ") != std::string::npos;
        return {
            {"namespace", itemSubject(finding.item, "namespace "), joins ? "joined" : "shared"}};
    }
    if (id == "cap.sys-admin") {
        // An error when the user namespace is the host's, a warning when it is the node's own.
        return {sysAdmin, {"namespace", "user", error ? "shared" : "unshared"}};
    }
    if (id == "cap.sys-admin-chroot") {
        return {sysAdmin, {"capability", "cap_sys_chroot", "kept"}};
    }
    if (id == "ns.procfs-setns") {
        return {sysAdmin};
    }
    const std::string mount = itemSubject(finding.item, "export ");
    if (id == "export.writable" || id == "export.system-writable") {
        return {{"mount", mount, "rw"}};
    }
    if (id == "export.family-file") {
        return {{"mount", mount, error ? "rw" : "ro"}};
    }
    if (id == "export.widened") {
        return {{"mount", mount, std::nullopt}};
    }
    return {};
}

// The check that tests `claim`: the one of its subject, else (capabilities the plan does not
// name) the check of the other capabilities when it saw them all alike.
const VerifyCheck* checkOf(const FindingClaim& claim, const std::vector<VerifyCheck>& checks) {
    const VerifyCheck* others = nullptr;
    for (const VerifyCheck& one : checks) {
        if (one.group == claim.group && one.subject == claim.subject) {
            return &one;
        }
        if (claim.group == "capability" && one.group == "capability" && one.subject == "others") {
            others = &one;
        }
    }
    return others && others->observed != "mixed" ? others : nullptr;
}

std::optional<RuntimeContradiction> contradictionOf(const Finding& finding,
                                                    const std::vector<VerifyCheck>& checks) {
    for (const FindingClaim& claim : claimsOf(finding)) {
        const VerifyCheck* one = checkOf(claim, checks);
        if (!one || !one->observed) {
            continue;
        }
        const std::string claimed = claim.state.value_or(one->expected);
        if (*one->observed != claimed) {
            return RuntimeContradiction{claimed, one->group, one->subject, *one->observed};
        }
    }
    return std::nullopt;
}

const char* outcomeName(CheckOutcome outcome) {
    switch (outcome) {
    case CheckOutcome::Pass:
        return "pass";
    case CheckOutcome::Fail:
        return "fail";
    case CheckOutcome::Unknown:
        break;
    }
    return "unknown";
}

} // namespace

ProbeObservation parseProbeOutput(std::string_view json, const std::string& name) {
    const JsonValue report = detail::parseJson(json, name);
    if (!report.object() || integer(member(report, "probe", name)) != 1) {
        refuseReport(name, "no \"probe\": 1");
    }
    ProbeObservation seen;
    seen.uid = static_cast<std::uint32_t>(integer(member(report, "uid", name)));
    seen.gid = static_cast<std::uint32_t>(integer(member(report, "gid", name)));
    if (const detail::JsonArray* groups = member(report, "groups", name).array()) {
        for (const JsonValue& group : *groups) {
            seen.groups.push_back(static_cast<std::uint32_t>(integer(group)));
        }
    }
    parseCapabilities(member(report, "capabilities", name), seen);
    seen.noNewPrivs = text(member(report, "no_new_privs", name));
    seen.seccomp = text(member(report, "seccomp", name));
    seen.tiocsti = text(member(report, "tiocsti", name));
    parseNamespaces(member(report, "namespaces", name), seen);
    parseMounts(member(report, "mounts", name), seen);
    parseFamilyWalk(member(report, "family_files", name), seen);
    seen.hostname = text(member(report, "hostname", name));
    seen.cwd = text(member(report, "cwd", name));
    seen.umask = static_cast<std::uint32_t>(
        std::strtoul(text(member(report, "umask", name)).c_str(), nullptr, 8));
    seen.environment = strings(member(report, "environment", name));
    seen.pid = integer(member(report, "pid", name));
    seen.session = integer(member(report, "session", name));
    seen.tty = integer(member(report, "tty", name));
    seen.cgroup = text(member(report, "cgroup", name));
    return seen;
}

std::vector<VerifyCheck> verifyExpectations(const EffectiveConfig& config, const BwrapPlan& plan,
                                            const VerifyContext& context) {
    std::vector<VerifyCheck> checks;
    addNamespaceChecks(config, plan, context, checks);
    addCapabilityChecks(plan, context, checks);
    addMountChecks(plan, checks);
    addFamilyCheck(plan, checks);
    addIdentityChecks(config, plan, context, checks);
    addLauncherChecks(config, plan, context, checks);
    addProcessChecks(config, checks);
    addEnvironmentChecks(plan, checks);
    return checks;
}

void compareWithObservation(std::vector<VerifyCheck>& checks, const ProbeObservation& seen) {
    for (VerifyCheck& one : checks) {
        one.observed = one.observe ? one.observe(seen) : std::nullopt;
        one.outcome = !one.observed                   ? CheckOutcome::Unknown
                      : *one.observed == one.expected ? CheckOutcome::Pass
                                                      : CheckOutcome::Fail;
    }
}

std::optional<Severity> highestFailure(const std::vector<VerifyCheck>& checks) {
    std::optional<Severity> highest;
    for (const VerifyCheck& one : checks) {
        if (one.outcome == CheckOutcome::Fail &&
            (!highest || static_cast<int>(one.severity) > static_cast<int>(*highest))) {
            highest = one.severity;
        }
    }
    return highest;
}

std::vector<CheckedFinding> checkFindings(const std::vector<Finding>& findings,
                                          const std::vector<VerifyCheck>& checks) {
    std::vector<CheckedFinding> out;
    for (const Finding& finding : findings) {
        out.push_back({finding, contradictionOf(finding, checks)});
    }
    return out;
}

std::optional<std::string> nodePathOf(const BwrapPlan& plan, const std::string& hostPath) {
    std::optional<std::string> found;
    for (const BwrapOption& option : plan.options) {
        const bool bind =
            option.name == "--ro-bind" || option.name == "--bind" || option.name == "--dev-bind";
        if (bind && option.values.size() == 2 && isSameOrBelow(hostPath, option.values[0])) {
            const std::string rest = hostPath.substr(option.values[0].size());
            found = (option.values[1] == "/" && !rest.empty() ? "" : option.values[1]) + rest;
        }
    }
    return found;
}

std::vector<std::string> exportedTrees(const BwrapPlan& plan) {
    std::vector<std::string> trees;
    for (const BwrapOption& option : plan.options) {
        const bool bind =
            option.name == "--ro-bind" || option.name == "--bind" || option.name == "--dev-bind";
        if (bind && option.values.size() == 2) {
            trees.push_back(option.values[1]);
        }
    }
    return trees;
}

// Every name and value comes from files, the node or the probe: escaped for a terminal.
std::string formatVerifyText(const std::string& node, const std::vector<VerifyCheck>& checks,
                             const std::vector<CheckedFinding>& findings) {
    std::string out = "verify " + escapeText(node) + "\n";
    std::size_t failed = 0, unknown = 0, contradicted = 0;
    for (const VerifyCheck& one : checks) {
        const char* tag = one.outcome == CheckOutcome::Pass   ? "PASS"
                          : one.outcome == CheckOutcome::Fail ? "FAIL"
                                                              : "????";
        out += std::string(tag) + "  " + one.group + " " + escapeText(one.subject) + ": " +
               escapeText(one.expected);
        if (one.outcome == CheckOutcome::Fail) {
            out += ", seen " + escapeText(one.observed.value_or("")) + " (" +
                   std::string(toString(one.severity)) + ")";
            ++failed;
        } else if (one.outcome == CheckOutcome::Unknown) {
            out += ", not observable";
            ++unknown;
        }
        out += one.provenance.empty() ? "\n" : "  [" + escapeText(one.provenance) + "]\n";
    }
    for (const CheckedFinding& checked : findings) {
        if (const auto& c = checked.contradiction) {
            out += "CONTRADICTED BY RUNTIME  finding " + checked.finding.id + " " +
                   escapeText(checked.finding.item) + ": says " + escapeText(c->claimed) +
                   ", check " + c->checkGroup + " " + escapeText(c->checkSubject) + " saw " +
                   escapeText(c->observed) + "\n";
            ++contradicted;
        }
    }
    return out + std::to_string(checks.size()) + " checks, " + std::to_string(failed) +
           " failed, " + std::to_string(unknown) + " not observable" +
           (contradicted ? ", " + std::to_string(contradicted) + " findings contradicted by runtime"
                         : "") +
           "\n";
}

namespace {

JsonValue findingJson(const CheckedFinding& checked) {
    const Finding& f = checked.finding;
    JsonValue contradiction;
    if (const auto& c = checked.contradiction) {
        contradiction = JsonObject{{"claimed", c->claimed},
                                   {"group", c->checkGroup},
                                   {"subject", c->checkSubject},
                                   {"observed", c->observed}};
    }
    return JsonObject{{"id", f.id},
                      {"severity", toString(f.severity)},
                      {"item", f.item},
                      {"source", f.source},
                      {"contradicted_by_runtime", std::move(contradiction)}};
}

} // namespace

std::string formatVerifyJson(const std::string& node, const std::vector<VerifyCheck>& checks,
                             const std::vector<CheckedFinding>& findings) {
    detail::JsonArray items;
    for (const VerifyCheck& one : checks) {
        items.push_back(JsonObject{
            {"group", one.group},
            {"subject", one.subject},
            {"outcome", outcomeName(one.outcome)},
            {"severity", toString(one.severity)},
            {"expected", one.expected},
            {"observed", one.observed ? JsonValue(*one.observed) : JsonValue()},
            {"provenance", one.provenance},
        });
    }
    detail::JsonArray findingItems;
    for (const CheckedFinding& checked : findings) {
        findingItems.push_back(findingJson(checked));
    }
    return detail::writeJson(JsonObject{
        {"node", node}, {"checks", std::move(items)}, {"findings", std::move(findingItems)}});
}

} // namespace redpak
