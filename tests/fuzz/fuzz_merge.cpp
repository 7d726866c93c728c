// SPDX-License-Identifier: Apache-2.0
// Fuzz target: two configs -> merge of a two-node family -> bwrap plan -> dump text
// (core/include/redpak/merge.h, plan.h). Nothing is executed: commands are refused or kept.
//
// The input holds two configs separated by kPairSeparator (fuzz_common.h). Like the
// conformance cases, they are placed in the five layouts (one node with normal + admin file;
// a root and a child, each config in the normal or admin file) and merged in normal and admin
// mode, unexpanded and expanded. Properties checked beyond "no crash, no leak, no UB":
// * errors and refusals name a file and carry a message;
// * a merge with errors is refused by buildPlan;
// * mounts are emitted in mount-point order (a directory before what is below it);
// * Russian doll: when the root's file disables a namespace or a capability and the child
//   has no admin file, the effective configuration does not enable it.
#include "fuzz_common.h"
#include "fuzz_targets.h"
#include "redpak/config/parser.h"
#include "redpak/launch/plan.h"
#include "redpak/merge/expand.h"
#include "redpak/merge/merge.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace redpak::fuzz {
namespace {

const std::set<std::string> kMountOptions = {"--bind",   "--ro-bind",  "--symlink", "--dir",
                                             "--file",   "--tmpfs",    "--proc",    "--dev",
                                             "--mqueue", "--lock-file"};

NodeLocation location(const std::string& base, bool hasAdmin) {
    NodeLocation where;
    where.base = base;
    where.statusFile = base + "/.rednode.yaml";
    where.normalConfig = base + "/etc/redpak.yaml";
    if (hasAdmin) {
        where.adminConfig = base + "/etc/redpak-admin.yaml";
    }
    return where;
}

Config headersOnly(const std::string& alias) {
    Config config;
    config.headers.alias.value = alias;
    return config;
}

FamilyMember member(const std::string& base, const Config& normal, const Config& admin) {
    return FamilyMember{location(base, true), normal, admin, std::nullopt, std::nullopt, {}};
}

// The layouts of shared/conformance/README.md, with NULL = a headers-only config.
struct Layout {
    const char* name;
    std::vector<FamilyMember> family;
    bool childHasAdminDefinitions;
};

std::vector<Layout> layouts(const Config& first, const Config& second) {
    const Config null = headersOnly("NULL");
    const std::string root = "/fuzz/root";
    const std::string child = "/fuzz/root/child";
    return {
        {"node", {member(root, first, second)}, true},
        {"rootnn", {member(root, first, null), member(child, second, null)}, false},
        {"rootna", {member(root, first, null), member(child, null, second)}, true},
        {"rootan", {member(root, null, first), member(child, second, null)}, false},
        {"rootaa", {member(root, null, first), member(child, null, second)}, true},
    };
}

void checkMountOrder(const BwrapPlan& plan) {
    std::optional<std::string> previous;
    for (const BwrapOption& option : plan.options) {
        if (kMountOptions.count(option.name) == 0 || option.values.empty()) {
            continue;
        }
        const std::string& mount = option.values.back();
        if (previous && mountPointLess(mount, *previous)) {
            fuzzFailure("mounts are not sorted by mount point", *previous + " then " + mount);
        }
        previous = mount;
    }
}

// Russian doll (merge-and-launch.md §2): a child's normal file never enables what an
// ancestor's participating file disables.
void checkNarrowing(const Config& rootFile, const EffectiveConfig& effective) {
    if (!rootFile.config) {
        return;
    }
    for (std::size_t ns = 1; ns < kNamespaceCount; ++ns) {
        const auto& parent = rootFile.config->shares[ns];
        const auto& result = effective.shares[ns];
        if (parent && parent->value.state == Edu::Disabled && result &&
            (result->value.state == Edu::Enabled || result->value.joins())) {
            fuzzFailure("a child enabled a namespace its parent disables",
                        std::string(toString(static_cast<Namespace>(ns))));
        }
    }
    for (const CapabilityEntry& parent : rootFile.config->capabilities) {
        if (parent.add) {
            continue;
        }
        for (const EffectiveCapability& result : effective.capabilities) {
            if (result.name == parent.name && result.add) {
                fuzzFailure("a child added a capability its parent drops", parent.name);
            }
        }
    }
}

void mergeAndPlan(const Layout& layout, MergeMode mode, const Expander* expander,
                  const Config& rootFile) {
    MergeOptions options;
    options.mode = mode;
    options.expander = expander;
    EffectiveConfig effective;
    try {
        effective = mergeFamily(layout.family, options);
    } catch (const InputError& error) {
        if (error.diagnostic().file.empty() || error.diagnostic().message.empty()) {
            fuzzFailure("merge refusal without a file or message", error.what());
        }
        return;
    }
    for (const MergeError& error : effective.errors) {
        if (error.diagnostic.message.empty() || error.node.empty() || error.ancestor.empty()) {
            fuzzFailure("merge error without node, ancestor or message", error.diagnostic.format());
        }
    }
    if (!layout.childHasAdminDefinitions && layout.family.size() == 2 && effective.ok()) {
        checkNarrowing(rootFile, effective);
    }
    try {
        const BwrapPlan plan = buildPlan(effective);
        if (!effective.ok()) {
            fuzzFailure("buildPlan accepted a merge with errors", layout.name);
        }
        checkMountOrder(plan);
        const std::string dump = formatDump(plan, "/usr/bin/bwrap", "redwrap");
        if (dump.rfind("DUMP: /usr/bin/bwrap (as redwrap)\n", 0) != 0) {
            fuzzFailure("dump does not start with the DUMP line", dump);
        }
    } catch (const InputError& error) {
        if (error.diagnostic().message.empty()) {
            fuzzFailure("plan refusal without a message", error.what());
        }
    }
}

std::optional<Config> parseOrNothing(std::string_view text, const std::string& file) {
    try {
        return parseConfig(text, file);
    } catch (const InputError& error) {
        checkDiagnostic(error.diagnostic(), file, text);
        return std::nullopt;
    }
}

// A fixed environment, so that a run does not depend on the fuzzing machine.
std::optional<std::string> fixedEnvironment(const std::string& name) {
    if (name == "HOME") {
        return std::string("/home/fuzz");
    }
    return std::nullopt;
}

} // namespace

int fuzzMerge(const std::uint8_t* data, std::size_t size) {
    const auto [firstText, secondText] = splitPair(asText(data, size));
    const std::optional<Config> first = parseOrNothing(firstText, kFirstFile);
    const std::optional<Config> second = parseOrNothing(secondText, kSecondFile);
    if (!first || !second) {
        return 0;
    }
    const Expander refusing(CommandPolicy::refuse(), fixedEnvironment);
    for (const Layout& layout : layouts(*first, *second)) {
        for (const MergeMode mode : {MergeMode::Normal, MergeMode::Admin}) {
            const bool rootFileParticipates =
                std::string_view(layout.name).substr(0, 5) != "roota" || mode == MergeMode::Admin;
            const Config& rootFile = rootFileParticipates ? *first : headersOnly("NULL");
            mergeAndPlan(layout, mode, nullptr, rootFile);
            mergeAndPlan(layout, mode, &refusing, rootFile);
        }
    }
    return 0;
}

} // namespace redpak::fuzz

REDPAK_FUZZ_ENTRY(redpak::fuzz::fuzzMerge)
