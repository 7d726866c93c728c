// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the fuzz targets of tests/fuzz and by their replay unit test.
//
// Each target is a function `int fuzzXxx(const uint8_t*, size_t)` in fuzz_xxx.cpp. The
// libFuzzer build gets LLVMFuzzerTestOneInput from REDPAK_FUZZ_ENTRY; the replay test
// (tst_fuzz_replay, label unit) compiles the same files with REDPAK_FUZZ_REPLAY and calls the
// functions directly on the seeds and on every crash kept in tests/data/fuzz-regressions/.
// A violated property aborts (fuzzFailure), which both libFuzzer and the test report.
#pragma once

#include "redpak/base/diagnostic.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

namespace redpak::fuzz {

// Two configs in one input (merge and diff targets): the text before and after this line.
// Keep in sync with extract_seeds.py and yaml.dict.
inline constexpr std::string_view kPairSeparator = "#==== second config ====\n";

// Names under which fuzzed texts are parsed; diagnostics must carry them.
inline const std::string kFirstFile = "/fuzz/first/etc/redpak.yaml";
inline const std::string kSecondFile = "/fuzz/second/etc/redpak.yaml";

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

inline std::pair<std::string_view, std::string_view> splitPair(std::string_view text) {
    const auto at = text.find(kPairSeparator);
    if (at == std::string_view::npos) {
        return {text, std::string_view{}};
    }
    return {text.substr(0, at), text.substr(at + kPairSeparator.size())};
}

// Reports a broken property and aborts, so that the input is kept as a crash.
[[noreturn]] inline void fuzzFailure(std::string_view what, std::string_view detail = {}) {
    std::fprintf(stderr, "fuzz property violated: %.*s\n%.*s\n", static_cast<int>(what.size()),
                 what.data(), static_cast<int>(detail.size()), detail.data());
    std::abort();
}

// Every refusal must name the file it was given and point inside the text (or nowhere).
inline void checkDiagnostic(const Diagnostic& diagnostic, const std::string& expectedFile,
                            std::string_view text) {
    if (diagnostic.file != expectedFile) {
        fuzzFailure("diagnostic does not name the file", diagnostic.format());
    }
    if (diagnostic.message.empty()) {
        fuzzFailure("diagnostic without a message", diagnostic.format());
    }
    std::size_t lines = 1;
    for (const char c : text) {
        lines += c == '\n' ? 1U : 0U;
    }
    if (diagnostic.line < 0 || static_cast<std::size_t>(diagnostic.line) > lines + 1 ||
        diagnostic.column < 0) {
        fuzzFailure("diagnostic position outside the text", diagnostic.format());
    }
}

} // namespace redpak::fuzz

// Defines the libFuzzer entry point for `function`, except in the replay test.
#ifdef REDPAK_FUZZ_REPLAY
#define REDPAK_FUZZ_ENTRY(function)
#else
#define REDPAK_FUZZ_ENTRY(function)                                                                \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {            \
        return function(data, size);                                                               \
    }
#endif
