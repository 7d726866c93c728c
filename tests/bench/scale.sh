#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Scale benchmark of the tree commands. Not a test: it prints figures.
#
#   tests/bench/scale.sh [BIN_DIR]      (default: build/bin; RUNS=5 runs per measure)
#
# Trees made as an integrator makes them, with `redconf create`: a root (root template), GROUPS
# groups (leaf template) and 99 leaves per group: 1,000 and 10,000 nodes. For each tree it
# prints the median wall time and the peak RSS of `redconf tree`, `lint --recursive`,
# `audit status --recursive` and `impact` of the root's config (every node is a descendant),
# and `redpak-manager --bench-timings` (offscreen): time to the first frame, to every node
# inspected, peak RSS, and time to show a change of one leaf's file (the median of each).
# Then `redwrap --dump-only` on a family of four nodes holding 10,000 and 100,000 exports in
# all (a config file holds at most 1 MiB), and the ratio 100k/10k: linear-logarithmic growth
# gives about 11.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
bindir=$(cd "${1:-$top/build/bin}" && pwd)
runs=${RUNS:-5}
work=$(mktemp -d /tmp/redpak-scale.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Median wall time (ms) and peak RSS (MB) of a command over $runs runs, output discarded.
measure() { # LABEL COMMAND...
    local label=$1
    shift
    python3 - "$runs" "$label" "$@" <<'EOF'
import resource, statistics, subprocess, sys, time
runs, label, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times, peaks = [], []
for _ in range(runs):
    start = time.perf_counter()
    pid = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).pid
    _, status, usage = __import__("os").wait4(pid, 0)
    times.append((time.perf_counter() - start) * 1000)
    peaks.append(usage.ru_maxrss / 1024)
print(f"  {label:<34} {statistics.median(times):9.1f} ms {max(peaks):8.1f} MB")
EOF
}

# Medians over $runs runs of the figures redpak-manager --bench-timings prints for a tree.
measure_gui() { # TREE
    QT_QPA_PLATFORM=offscreen python3 - "$runs" "$bindir/redpak-manager" "$1" <<'EOF'
import json, statistics, subprocess, sys
runs, manager, tree = int(sys.argv[1]), sys.argv[2], sys.argv[3]
figures = []
for _ in range(runs):
    out = subprocess.run([manager, "--bench-timings", "--root", tree], check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    figures.append(json.loads(out.splitlines()[-1]))
median = lambda key: statistics.median(f[key] for f in figures)
print(f"  {'redpak-manager first frame':<34} {median('first_frame_ms'):9.1f} ms")
print(f"  {'redpak-manager fully inspected':<34} {median('fully_inspected_ms'):9.1f} ms "
      f"{max(f['peak_rss_mb'] for f in figures):8.1f} MB")
print(f"  {'redpak-manager one leaf changed':<34} {median('leaf_refresh_ms'):9.1f} ms")
EOF
}

make_tree() { # DIR GROUPS
    local dir=$1 groups=$2
    "$bindir/redconf" create --template root --alias root "$dir" >/dev/null
    for g in $(seq 1 "$groups"); do
        "$bindir/redconf" create --alias "g$g" "$dir/g$g" >/dev/null
        for l in $(seq 1 99); do
            "$bindir/redconf" create --alias "l$g-$l" "$dir/g$g/l$l" >/dev/null
        done
    done
}

for groups in 10 100; do
    tree="$work/tree$groups"
    make_tree "$tree" "$groups"
    nodes=$(find "$tree" -name .rednode.yaml | wc -l)
    cp "$tree/etc/redpak.yaml" "$work/root-config.yaml"
    echo "tree of $nodes nodes"
    measure "redconf tree" "$bindir/redconf" tree "$tree"
    measure "redconf lint --recursive" "$bindir/redconf" lint --recursive --fail-on error "$tree"
    measure "redconf audit status --recursive" "$bindir/redconf" audit status --recursive \
        --redpath "$tree"
    measure "redconf impact (root config)" "$bindir/redconf" impact --fail-on error \
        --with "$work/root-config.yaml" "$tree"
    if [[ -x $bindir/redpak-manager ]]; then
        measure_gui "$tree"
    fi
done

# A family of four nodes sharing `total` exports (one Tmpfs per mount point).
make_exports() { # DIR TOTAL
    local dir=$1 total=$2 path=$1
    for n in 1 2 3 4; do
        python3 - "$work/exports$n.yaml" "$n" "$((total / 4))" <<'EOF'
import sys
out, node, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(out, "w") as f:
    f.write(f"headers:\n  alias: n{node}\nexports:\n")
    for i in range(count):
        f.write(f"  - {{mode: Tmpfs, mount: /n{node}/{i}}}\n")
EOF
        "$bindir/redconf" create --alias "n$n" --config "$work/exports$n.yaml" "$path" >/dev/null
        leaf=$path
        path="$path/n$((n + 1))"
    done
    echo "$leaf"
}

echo "redwrap --dump-only, family of 4 nodes"
declare -A medians
for total in 10000 100000; do
    leaf=$(make_exports "$work/exp$total" "$total")
    line=$(measure "$total exports" "$bindir/redwrap" --dump-only --redpath "$leaf" -- /bin/true)
    echo "$line"
    medians[$total]=$(awk '{print $(NF-3)}' <<<"$line")
done
python3 -c "import sys; print('  ratio 100k/10k %.1f' % (float(sys.argv[2]) / float(sys.argv[1])))" \
    "${medians[10000]}" "${medians[100000]}"
