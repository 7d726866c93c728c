#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Interleaved timing of two commands (used by bench.sh). hyperfine times a command in a batch
# of runs; on this kind of machine the time of bwrap drifts by several tenths of a millisecond
# from one batch to the next (namespace teardown finishes in kernel workers after each run), which
# is as large as the launcher overhead being measured. Here A and B alternate (ABBA...), so that
# every drift hits both, and the figure is the median of the paired differences B - A.
#
#   pairs.py RUNS A_COMMAND... --- B_COMMAND...
#
# Prints one JSON object: {"a": median ms, "b": median ms, "diff": median of B - A in ms,
# "ratio": b / a}. Both commands run with stdout and stderr on /dev/null and an empty
# environment: redwrap gives bwrap an empty one (the configured variables are --setenv
# options), so plain bwrap gets the same. A failing run stops everything.
import json
import os
import statistics
import sys
import time

SEPARATOR = "---"
WARMUP = 20


def main():
    if len(sys.argv) < 5 or SEPARATOR not in sys.argv[2:]:
        sys.exit("usage: pairs.py RUNS A_COMMAND... --- B_COMMAND...")
    runs = int(sys.argv[1])
    rest = sys.argv[2:]
    split = rest.index(SEPARATOR)
    first, second = rest[:split], rest[split + 1:]
    devnull = os.open(os.devnull, os.O_RDWR)
    redirect = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]

    def timed(command):
        start = time.perf_counter_ns()
        pid = os.posix_spawn(command[0], command, {}, file_actions=redirect)
        _, status = os.waitpid(pid, 0)
        elapsed = (time.perf_counter_ns() - start) / 1e6
        if status != 0:
            sys.exit("pairs.py: command failed (wait status %d): %s" % (status, " ".join(command)))
        return elapsed

    for _ in range(WARMUP):
        timed(first)
        timed(second)
    times_a, times_b, differences = [], [], []
    for run in range(runs):
        if run % 2:
            a = timed(first)
            b = timed(second)
        else:
            b = timed(second)
            a = timed(first)
        times_a.append(a)
        times_b.append(b)
        differences.append(b - a)
    a, b = statistics.median(times_a), statistics.median(times_b)
    print(json.dumps({"a": a, "b": b, "diff": statistics.median(differences), "ratio": b / a}))


if __name__ == "__main__":
    main()
