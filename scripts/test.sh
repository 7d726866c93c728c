#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what is missing, builds everything in build/ and runs the whole test suite.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$(nproc)"
ctest --test-dir build --output-on-failure --timeout 600

# Unit tests under ASan + UBSan, short fuzzing runs
# The sanitizer build (preset "asan", build-asan/) compiles only what the unit tests need: their
# executables (ctest's list of label `unit`) and the command-line tools some of them run.
# Then each fuzz target of tests/fuzz runs for REDPAK_FUZZ_SMOKE_SECONDS (default 30) in
# build-fuzz/; a crash, leak or timeout fails CI (see README "Hardening").
cmake --preset asan >/dev/null
mapfile -t unit_tests < <(ctest --test-dir build-asan -N -L unit | sed -n 's/^ *Test *#[0-9]*: //p')
mapfile -t asan_targets < <(ninja -C build-asan -t targets all | cut -d: -f1 |
    grep -Fx -e redconf -e redwrap -e redpak-helper-launch "${unit_tests[@]/#/-e}")
cmake --build build-asan --parallel "$(nproc)" --target "${asan_targets[@]}"
ctest --preset asan-unit --timeout 600
for fuzz_target in fuzz_parser fuzz_merge fuzz_expand fuzz_diff fuzz_yaml_subset; do
    tests/fuzz/run.sh "$fuzz_target" "${REDPAK_FUZZ_SMOKE_SECONDS:-30}"
done
