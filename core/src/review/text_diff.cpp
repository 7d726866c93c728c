// SPDX-License-Identifier: Apache-2.0
#include "redpak/review/text_diff.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace redpak {

namespace {

std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

struct Edit {
    char op;       // ' ', '-', '+'
    std::size_t a; // line index in before (for ' ' and '-')
    std::size_t b; // line index in after (for ' ' and '+')
};

// Longest common subsequence on the part that differs (common prefix and suffix removed).
// Above kMaxCells the middle is shown as removed then added: still a correct diff.
std::vector<Edit> lineEdits(const std::vector<std::string_view>& a,
                            const std::vector<std::string_view>& b) {
    constexpr std::size_t kMaxCells = 4'000'000;
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
        ++prefix;
    }
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
        ++suffix;
    }
    const std::size_t n = a.size() - prefix - suffix;
    const std::size_t m = b.size() - prefix - suffix;
    std::vector<Edit> edits;
    for (std::size_t i = 0; i < prefix; ++i) {
        edits.push_back({' ', i, i});
    }
    if ((n + 1) * (m + 1) <= kMaxCells) {
        std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
        const auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& {
            return lcs[i * (m + 1) + j];
        };
        for (std::size_t i = n; i-- > 0;) {
            for (std::size_t j = m; j-- > 0;) {
                at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1
                                                          : std::max(at(i + 1, j), at(i, j + 1));
            }
        }
        std::size_t i = 0;
        std::size_t j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
                edits.push_back({' ', prefix + i++, prefix + j++});
            } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
                edits.push_back({'-', prefix + i++, prefix + j});
            } else {
                edits.push_back({'+', prefix + i, prefix + j++});
            }
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            edits.push_back({'-', prefix + i, prefix});
        }
        for (std::size_t j = 0; j < m; ++j) {
            edits.push_back({'+', prefix + n, prefix + j});
        }
    }
    for (std::size_t k = 0; k < suffix; ++k) {
        edits.push_back({' ', a.size() - suffix + k, b.size() - suffix + k});
    }
    return edits;
}

} // namespace

std::string unifiedDiff(std::string_view before, std::string_view after,
                        const std::string& beforeLabel, const std::string& afterLabel) {
    if (before == after) {
        return {};
    }
    constexpr std::size_t kContext = 3;
    const std::vector<std::string_view> a = splitLines(before);
    const std::vector<std::string_view> b = splitLines(after);
    const std::vector<Edit> edits = lineEdits(a, b);
    std::string out = "--- " + beforeLabel + "\n+++ " + afterLabel + "\n";
    std::size_t k = 0;
    while (k < edits.size()) {
        if (edits[k].op == ' ') {
            ++k;
            continue;
        }
        // A hunk: from kContext lines before this change to kContext lines after the last
        // change that is at most 2*kContext lines further.
        const std::size_t start = k >= kContext ? k - kContext : 0;
        std::size_t end = k;
        std::size_t lastChange = k;
        while (end < edits.size()) {
            if (edits[end].op != ' ') {
                lastChange = end;
            } else if (end - lastChange > 2 * kContext) {
                break;
            }
            ++end;
        }
        end = std::min(edits.size(), lastChange + kContext + 1);
        std::size_t aCount = 0;
        std::size_t bCount = 0;
        std::string body;
        for (std::size_t e = start; e < end; ++e) {
            const Edit& edit = edits[e];
            const std::string_view line = edit.op == '+' ? b[edit.b] : a[edit.a];
            body += edit.op;
            body.append(line.data(), line.size());
            body += '\n';
            aCount += edit.op != '+';
            bCount += edit.op != '-';
        }
        const std::size_t aStart = aCount ? edits[start].a + 1 : edits[start].a;
        const std::size_t bStart = bCount ? edits[start].b + 1 : edits[start].b;
        out += "@@ -" + std::to_string(aStart) + "," + std::to_string(aCount) + " +" +
               std::to_string(bStart) + "," + std::to_string(bCount) + " @@\n" + body;
        k = end;
    }
    if (!before.empty() && before.back() != '\n') {
        out += "\\ No newline at end of the audited file\n";
    }
    if (!after.empty() && after.back() != '\n') {
        out += "\\ No newline at end of the current file\n";
    }
    return out;
}

} // namespace redpak
