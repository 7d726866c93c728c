#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Start-up benchmark of redwrap (issue #3). Not a test: it prints figures.
#
#   tests/bench/bench.sh [BIN_DIR]      (default: build/bin)
#
# 1. `redwrap --dump-only` on a three-level tree vs a trivial static C++ program: hyperfine
#    medians over ROUNDS alternating rounds of RUNS runs, then interleaved pairs;
# 2. `redwrap -- /bin/true` vs plain `bwrap` with the same arguments and the same (empty)
#    environment, and an exec-only launcher (the floor of any launcher) vs bwrap: interleaved
#    pairs only (PAIRS pairs, tests/bench/pairs.py). bwrap's own time drifts by up to a
#    millisecond between hyperfine batches (namespace teardown finishes in kernel workers), more
#    than the overhead measured; alternating A and B run by run cancels that drift.
# Prints medians, the median of the paired differences and the ratio of the medians.
# Targets: dump-only <= 1 ms above the trivial program, real launch < 1 ms over plain bwrap.
#
# Run as root, it measures the launch three ways, because root changes what bwrap does:
# * as an unprivileged user (nobody; the normal use, risk analysis rec. 5): the headline;
#   the trivial program and the dump run as nobody too;
# * as root: redwrap drops CAP_SYS_ADMIN from its bounding set before bwrap (rec. 1), and
#   bwrap then sets the sandbox up without the capability, which can be slower than plain
#   bwrap run by root with every capability: that difference is bwrap's, not the launcher's;
# * as root with CAP_SYS_ADMIN already out of the bounding set of both sides: the launcher's
#   own cost for root.
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
# The least a launcher can do: exec its arguments (the floor of any launcher's overhead).
printf '#include <unistd.h>\nint main(int, char** argv) { execv(argv[1], argv + 1); return 127; }\n' \
    >"$work/exec.cpp"
g++ -O2 -static -o "$work/exec" "$work/exec.cpp"

# Plain bwrap with exactly the arguments redwrap would pass (from its dump).
# (JSON dump: values may hold spaces, e.g. PS1.)
mapfile -d '' -t bwrap_args < <("$bindir/redwrap" --dump-only --dump-format json --redpath "$leaf" |
    python3 -c 'import json,sys
for o in json.load(sys.stdin)["options"]:
    for a in [o["option"]] + o["values"]:
        sys.stdout.write(a + "\0")')

# As root, the measures run with a real-time priority (chrt -f 50) so that other load on the
# machine (parallel builds) does not land in the figures; REDPAK_BENCH_RT=0 turns it off.
as_root=0
[ "$(id -u)" -eq 0 ] && as_root=1
rt=()
if [ "$as_root" = 1 ] && [ "${REDPAK_BENCH_RT:-1}" = 1 ] && command -v chrt >/dev/null; then
    rt=(chrt -f 50)
fi
# The results directory is writable by the unprivileged side.
mkdir -p "$work/results"
chmod 777 "$work/results"

# Median over every sample of a command, all rounds together.
median() { # JSON...
    python3 -c 'import json,statistics,sys
print("%.3f" % (statistics.median(t for f in sys.argv[1:] for t in json.load(open(f))["results"][0]["times"]) * 1000))' "$@"
}

# WRAPPER: a command prefix for hyperfine or pairs.py as one word-split string ("" for none,
# "setpriv --reuid=nobody ..." for the unprivileged side).
run_once() { # NAME ROUND WRAPPER COMMAND...
    local name=$1 round=$2 wrapper
    read -r -a wrapper <<<"$3"
    shift 3
    "${rt[@]}" "${wrapper[@]}" hyperfine -N --warmup 20 --runs "$runs" \
        --export-json "$work/results/$name.$round.json" "$(printf '%q ' "$@")" >/dev/null 2>&1
}

# The sides of the launch comparison (see the top of this file), as wrappers.
if [ "$as_root" = 1 ]; then
    user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
    sides=(user root rootcap)
else
    user=""
    sides=(user)
fi
wrapper_of() { # SIDE
    case "$1" in
    user) echo "$user" ;;
    root) echo "" ;;
    rootcap) echo "setpriv --bounding-set=-sys_admin" ;;
    esac
}

# Rounds alternate the commands so that a change of load on the machine hits both.
rounds=${ROUNDS:-3}
for round in $(seq "$rounds"); do
    run_once trivial "$round" "$user" "$work/trivial"
    run_once dump "$round" "$user" "$bindir/redwrap" --dump-only --redpath "$leaf"
done
trivial_median=$(median "$work"/results/trivial.*.json)
dump_median=$(median "$work"/results/dump.*.json)

pairs=${PAIRS:-1000}
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)
paired() { # WRAPPER A... --- B...
    local wrapper
    read -r -a wrapper <<<"$1"
    shift
    "${rt[@]}" "${wrapper[@]}" "$python" "$top/tests/bench/pairs.py" "$pairs" "$@"
}
paired_results=("$(paired "$user" "$work/trivial" --- "$bindir/redwrap" --dump-only --redpath "$leaf")")
for side in "${sides[@]}"; do
    wrapper=$(wrapper_of "$side")
    paired_results+=("$side"
        "$(paired "$wrapper" /usr/bin/bwrap "${bwrap_args[@]}" -- /bin/true \
            --- "$work/exec" /usr/bin/bwrap "${bwrap_args[@]}" -- /bin/true)"
        "$(paired "$wrapper" /usr/bin/bwrap "${bwrap_args[@]}" -- /bin/true \
            --- "$bindir/redwrap" --redpath "$leaf" -- /bin/true)")
done

python3 - "$as_root" "${rt[*]:+ under ${rt[*]}}" "$rounds x $runs" "$pairs" "$trivial_median" \
    "$dump_median" "${paired_results[@]}" <<'EOF'
import json, sys
as_root, header, batches, pairs = sys.argv[1] == "1", sys.argv[2], sys.argv[3], sys.argv[4]
t, d = float(sys.argv[5]), float(sys.argv[6])
labels = {"user": "as nobody" if as_root else "as this user",
          "root": "as root",
          "rootcap": "as root, CAP_SYS_ADMIN out of both bounding sets"}
def verdict(ok):
    return "met" if ok else "MISSED"
print("redwrap start-up benchmark (ms)%s" % header)
print("dump, hyperfine medians (%s runs):" % batches)
print("  trivial static C++ program        %8.3f" % t)
print("  redwrap --dump-only (3 levels)    %8.3f   %+.3f ms  x%.2f   target <= +1 ms: %s"
      % (d, d - t, d / t, verdict(d - t <= 1.0)))
dump = json.loads(sys.argv[7])
print("interleaved pairs (%s pairs): medians, median of the paired differences, ratio" % pairs)
print("  dump: trivial %.3f, redwrap %.3f   %+.3f ms  x%.2f   target <= +1 ms: %s"
      % (dump["a"], dump["b"], dump["diff"], dump["ratio"], verdict(dump["diff"] <= 1.0)))
rest = sys.argv[8:]
for i in range(0, len(rest), 3):
    side, floor, launch = rest[i], json.loads(rest[i + 1]), json.loads(rest[i + 2])
    print("  launch %s:" % labels[side])
    print("    bwrap ARGS -- /bin/true         %8.3f" % launch["a"])
    print("    exec-only launcher              %8.3f   %+.3f ms  (the floor of any launcher)"
          % (floor["b"], floor["diff"]))
    print("    redwrap -- /bin/true            %8.3f   %+.3f ms  x%.2f   target < +1 ms: %s"
          % (launch["b"], launch["diff"], launch["ratio"], verdict(launch["diff"] < 1.0)))
EOF
