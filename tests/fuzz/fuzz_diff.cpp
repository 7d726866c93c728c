// SPDX-License-Identifier: Apache-2.0
// Fuzz target for the semantic diff (core/include/redpak/diff.h).
//
// The input holds two configs separated by kPairSeparator (fuzz_common.h): before and after.
// Properties checked beyond "no crash, no leak, no UB":
// * a config compared with itself has no change (files and effective configurations);
// * the diff is antisymmetric: after -> before has as many changes, with added and removed
//   swapped, and as many neutral ones (a modified command stays widening both ways on
//   purpose: a different command can do anything, so directions are not compared);
// * changes come widening first, then narrowing, then neutral;
// * two effective configurations have no change exactly when their canonical texts are
//   equal (the audit records rely on that digest);
// * the text and JSON renderings are produced for every diff.
#include "fuzz_common.h"
#include "fuzz_targets.h"
#include "redpak/config/parser.h"
#include "redpak/review/diff.h"

#include <optional>
#include <string>
#include <vector>

namespace redpak::fuzz {
namespace {

std::optional<Config> parseOrNothing(std::string_view text, const std::string& file) {
    try {
        return parseConfig(text, file);
    } catch (const InputError& error) {
        checkDiagnostic(error.diagnostic(), file, text);
        return std::nullopt;
    }
}

std::size_t count(const Diff& diff, ChangeKind kind) {
    std::size_t n = 0;
    for (const Change& change : diff.changes) {
        n += change.kind == kind ? 1U : 0U;
    }
    return n;
}

void checkOrder(const Diff& diff) {
    int previous = 0;
    for (const Change& change : diff.changes) {
        const int rank = static_cast<int>(change.direction);
        if (rank < previous) {
            fuzzFailure("changes are not sorted widening, narrowing, neutral",
                        formatDiffText(diff));
        }
        previous = rank;
    }
}

void checkAntisymmetric(const Diff& forward, const Diff& backward) {
    if (forward.changes.size() != backward.changes.size() ||
        count(forward, ChangeKind::Added) != count(backward, ChangeKind::Removed) ||
        count(forward, ChangeKind::Removed) != count(backward, ChangeKind::Added) ||
        forward.count(Direction::Neutral) != backward.count(Direction::Neutral)) {
        fuzzFailure("the diff is not antisymmetric",
                    formatDiffText(forward) + "\n--- reversed ---\n" + formatDiffText(backward));
    }
}

void render(const Diff& diff) {
    if (diff.summary().empty() || formatDiffText(diff).empty() || formatDiffJson(diff).empty()) {
        fuzzFailure("empty rendering of a diff");
    }
    checkOrder(diff);
}

std::optional<EffectiveConfig> effectiveOf(const Config& config, const std::string& base) {
    NodeLocation location;
    location.base = base;
    location.statusFile = base + "/.rednode.yaml";
    location.normalConfig = base + "/etc/redpak.yaml";
    try {
        return mergeForReview(
            {FamilyMember{location, config, std::nullopt, std::nullopt, std::nullopt, {}}},
            MergeMode::Normal);
    } catch (const InputError& error) {
        if (error.diagnostic().message.empty()) {
            fuzzFailure("merge refusal without a message", error.what());
        }
        return std::nullopt;
    }
}

} // namespace

int fuzzDiff(const std::uint8_t* data, std::size_t size) {
    const auto [beforeText, afterText] = splitPair(asText(data, size));
    const std::optional<Config> before = parseOrNothing(beforeText, kFirstFile);
    const std::optional<Config> after = parseOrNothing(afterText, kSecondFile);
    if (!before || !after) {
        return 0;
    }
    if (!diffConfigs(*before, *before).empty()) {
        fuzzFailure("a config differs from itself", formatDiffText(diffConfigs(*before, *before)));
    }
    const Diff forward = diffConfigs(*before, *after);
    const Diff backward = diffConfigs(*after, *before);
    render(forward);
    checkAntisymmetric(forward, backward);

    // The same node directory for both, as when a node's config is edited.
    const auto effectiveBefore = effectiveOf(*before, "/fuzz/node");
    const auto effectiveAfter = effectiveOf(*after, "/fuzz/node");
    if (!effectiveBefore || !effectiveAfter) {
        return 0;
    }
    if (!diffEffective(*effectiveBefore, *effectiveBefore).empty()) {
        fuzzFailure("an effective configuration differs from itself");
    }
    const Diff effective = diffEffective(*effectiveBefore, *effectiveAfter);
    render(effective);
    checkAntisymmetric(effective, diffEffective(*effectiveAfter, *effectiveBefore));
    const bool sameText = canonicalText(*effectiveBefore) == canonicalText(*effectiveAfter);
    if (sameText != effective.empty()) {
        fuzzFailure("canonical texts and the effective diff disagree",
                    canonicalText(*effectiveBefore) + "\n--- after ---\n" +
                        canonicalText(*effectiveAfter) + "\n--- diff ---\n" +
                        formatDiffText(effective));
    }
    return 0;
}

} // namespace redpak::fuzz

REDPAK_FUZZ_ENTRY(redpak::fuzz::fuzzDiff)
