#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Start-up benchmark of redwrap (issue #3), with hyperfine. Not a test: it prints figures.
#
#   tests/bench/bench.sh [BIN_DIR]      (default: build/bin)
#
# 1. `redwrap --dump-only` on a three-level tree vs a trivial static C++ program;
# 2. `redwrap -- /bin/true` vs plain `bwrap` with the same arguments.
# Prints medians (ms, over ROUNDS alternating rounds of RUNS runs), differences and ratios.
# Targets: dump-only <= 1 ms above the trivial program, real launch < 1 ms over plain bwrap.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
bindir=$(cd "${1:-$top/build/bin}" && pwd)
runs=${RUNS:-200}
work=$(mktemp -d /tmp/redpak-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

# A three-level tree in the spirit of the templates: the root exports the system read-only,
# the middle node adds environment and a data directory, the leaf narrows capabilities.
mkdir -p "$work/cfg" "$work/data"
cat >"$work/cfg/root.yaml" <<'EOF'
headers:
  alias: root
environ:
  - key: PS1
    value: '$NODE_ALIAS($LEAF_ALIAS)> '
  - key: LANG
    mode: Static
    value: C.UTF-8
exports:
  - {mode: Restricted, mount: /usr}
  - {mode: Symlink, mount: /bin, path: usr/bin}
  - {mode: Symlink, mount: /lib, path: usr/lib}
  - {mode: Symlink, mount: /lib64, path: usr/lib64}
  - {mode: Procfs, mount: /proc}
  - {mode: Devfs, mount: /dev}
  - {mode: Tmpfs, mount: /tmp}
config:
  path: /usr/bin:/bin
  share_net: disabled
  die-with-parent: enabled
  capabilities:
    - {cap: cap_net_raw, add: 0}
EOF
cat >"$work/cfg/mid.yaml" <<EOF
headers:
  alias: mid
environ:
  - {key: APP_HOME, value: '\$NODE_PATH/var'}
exports:
  - {mode: Public, mount: /data, path: $work/data}
config:
  hostname: \$LEAF_ALIAS
  ldpath: /usr/lib
EOF
cat >"$work/cfg/leaf.yaml" <<'EOF'
headers:
  alias: leaf
environ:
  - {key: APP, value: '$LEAF_ALIAS'}
config:
  chdir: /tmp
  capabilities:
    - {cap: cap_chown, add: 0}
EOF
"$bindir/redconf" create --alias root --config "$work/cfg/root.yaml" "$work/root" >/dev/null
"$bindir/redconf" create --alias mid --config "$work/cfg/mid.yaml" "$work/root/mid" >/dev/null
"$bindir/redconf" create --alias leaf --config "$work/cfg/leaf.yaml" "$work/root/mid/leaf" >/dev/null
leaf="$work/root/mid/leaf"

# The trivial program, linked fully statically (the most favourable start-up there is).
printf 'int main() { return 0; }\n' >"$work/trivial.cpp"
g++ -O2 -static -o "$work/trivial" "$work/trivial.cpp"

# Plain bwrap with exactly the arguments redwrap would pass (from its dump).
# (JSON dump: values may hold spaces, e.g. PS1.)
mapfile -d '' -t bwrap_args < <("$bindir/redwrap" --dump-only --dump-format json --redpath "$leaf" |
    python3 -c 'import json,sys
for o in json.load(sys.stdin)["options"]:
    for a in [o["option"]] + o["values"]:
        sys.stdout.write(a + "\0")')

# As root, hyperfine runs with a real-time priority (chrt -f 50) so that other load on the
# machine (parallel builds) does not land in the figures; REDPAK_BENCH_RT=0 turns it off.
rt=()
if [ "$(id -u)" -eq 0 ] && [ "${REDPAK_BENCH_RT:-1}" = 1 ] && command -v chrt >/dev/null; then
    rt=(chrt -f 50)
fi

# Median over every sample of a command, all rounds together.
median() { # JSON...
    python3 -c 'import json,statistics,sys
print("%.3f" % (statistics.median(t for f in sys.argv[1:] for t in json.load(open(f))["results"][0]["times"]) * 1000))' "$@"
}

run_once() { # NAME ROUND COMMAND...
    local name=$1 round=$2
    shift 2
    "${rt[@]}" hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/$name.$round.json" \
        "$(printf '%q ' "$@")" >/dev/null 2>&1
}

# Rounds alternate the commands so that a change of load on the machine hits both sides.
rounds=${ROUNDS:-3}
for round in $(seq "$rounds"); do
    run_once trivial "$round" "$work/trivial"
    run_once dump "$round" "$bindir/redwrap" --dump-only --redpath "$leaf"
    run_once bwrap "$round" /usr/bin/bwrap "${bwrap_args[@]}" -- /bin/true
    run_once launch "$round" "$bindir/redwrap" --redpath "$leaf" -- /bin/true
done
trivial=$(median "$work"/trivial.*.json)
dump=$(median "$work"/dump.*.json)
plain=$(median "$work"/bwrap.*.json)
launch=$(median "$work"/launch.*.json)

python3 - "$trivial" "$dump" "$plain" "$launch" "${rt[*]:+ under ${rt[*]}}" <<'EOF'
import sys
t, d, b, l = map(float, sys.argv[1:5])
print("redwrap start-up benchmark (hyperfine medians, ms)%s" % ("" if len(sys.argv) < 6 else sys.argv[5]))
print("  trivial static C++ program        %8.3f" % t)
print("  redwrap --dump-only (3 levels)    %8.3f   +%.3f ms  x%.2f   target <= +1 ms: %s"
      % (d, d - t, d / t, "met" if d - t <= 1.0 else "MISSED"))
print("  bwrap ARGS -- /bin/true           %8.3f" % b)
print("  redwrap -- /bin/true              %8.3f   +%.3f ms  x%.2f   target < +1 ms: %s"
      % (l, l - b, l / b, "met" if l - b < 1.0 else "MISSED"))
EOF
