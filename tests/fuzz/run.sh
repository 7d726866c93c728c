#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds (in build-fuzz/) and runs one libFuzzer target of tests/fuzz for a given time.
#
# usage: tests/fuzz/run.sh TARGET SECONDS      e.g. tests/fuzz/run.sh fuzz_parser 600
#
# TARGET is named after its source file (tests/fuzz/TARGET.cpp). The corpus grows in
# build-fuzz/corpus/TARGET; the seeds (tests/fuzz/seeds, the templates, the YAML test fixtures,
# the small hostile files and the kept regressions) are read each run. A crash, leak or timeout
# is written to build-fuzz/artifacts/TARGET/ and makes the script exit non-zero: copy the file to
# tests/data/fuzz-regressions/TARGET/ so that tst_fuzz_replay keeps replaying it.
# Last line: "TARGET: N execs, X exec/s, C crashes". Environment: REDPAK_FUZZ_BUILD (build dir).
set -euo pipefail

if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 TARGET SECONDS" >&2
    exit 2
fi
target=$1
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${REDPAK_FUZZ_BUILD:-$top/build-fuzz}

if [ ! -f "$here/$target.cpp" ]; then
    echo "run.sh: no fuzz target $target (expected $here/$target.cpp)" >&2
    exit 2
fi

mkdir -p "$build"
if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=clang CXX=clang++ cmake -S "$top" -B "$build" -G Ninja -DREDPAK_FUZZ=ON \
        -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build/configure.log" 2>&1 ||
        { cat "$build/configure.log" >&2; exit 1; }
fi
cmake --build "$build" --target "$target" >"$build/$target.build.log" 2>&1 ||
    { cat "$build/$target.build.log" >&2; exit 1; }

# Seeds: pairs of configs for the two-config targets, single configs for the others.
seeds="$build/seeds/$target"
rm -rf "$seeds"
mkdir -p "$seeds" "$build/corpus/$target" "$build/artifacts/$target"
case "$target" in
fuzz_merge | fuzz_diff) cp "$here"/seeds/pair/* "$seeds/" ;;
*)
    cp "$here"/seeds/config/* "$seeds/"
    find "$top/resources/templates" "$top/tests/data" "$top/tests/unit" -name '*.yaml' -size -64k \
        -not -path '*/fuzz-regressions/*' -exec cp --backup=numbered -t "$seeds/" {} + 2>/dev/null || true
    ;;
esac
regressions="$top/tests/data/fuzz-regressions/$target"
[ -d "$regressions" ] && cp "$regressions"/* "$seeds/" 2>/dev/null || true

log="$build/artifacts/$target/last-run.log"
before=$(find "$build/artifacts/$target" -type f ! -name '*.log' | wc -l)
status=0
# ASan's quarantine (256 MiB by default) would fill most of the 512 MiB RSS limit by itself
# and turn a long run into a false out-of-memory: 64 MiB keeps use-after-free detection.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=64} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$build/fuzz/$target" -max_total_time="$seconds" -timeout=2 -rss_limit_mb=512 \
    -dict="$here/yaml.dict" -artifact_prefix="$build/artifacts/$target/" -print_final_stats=1 \
    "$build/corpus/$target" "$seeds" >"$log" 2>&1 || status=$?
after=$(find "$build/artifacts/$target" -type f ! -name '*.log' | wc -l)
crashes=$((after - before))

# Executions and rate: the final stats when libFuzzer printed them, else its last status line.
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
if [ -z "$execs" ]; then
    execs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
    rate=$(grep -oE 'exec/s: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+')
fi
if [ "$status" -ne 0 ]; then
    grep -E 'ERROR|SUMMARY|Test unit written|property violated|==[0-9]+==' "$log" | head -n 40 >&2 || true
    echo "run.sh: $target failed (exit $status), full log: $log" >&2
    [ "$crashes" -eq 0 ] && crashes=1
fi
echo "$target: ${execs:-0} execs, ${rate:-0} exec/s, $crashes crashes"
exit "$status"
