#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Extracts fuzzing seeds from the conformance cases (shared/conformance/basic).

Each case file holds two configs (CONF1, CONF2). The unique bodies become parser seeds
(seeds/config/NAME.yaml); each (CONF1, CONF2) pair becomes a two-config seed for the merge
and diff targets (seeds/pair/CASE.txt, the two bodies separated by the line that
fuzz_common.h splits on). Run it again when the cases change; the output is committed so
that fuzzing works without shared/.

usage: extract_seeds.py CASES_DIR OUT_DIR
"""
import hashlib
import os
import re
import sys

PAIR_SEPARATOR = "\n#==== second config ====\n"  # keep in sync with fuzz_common.h


def read_confs(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    confs = []
    i = 0
    while i < len(lines):
        m = re.match(r"^== (CONF[12]) (\S+)$", lines[i])
        if m:
            body = []
            i += 2  # the separator line after the title
            while i < len(lines) and lines[i] != "":
                body.append(lines[i])
                i += 1
            confs.append((m.group(2), "\n".join(body) + "\n"))
            continue
        i += 1
    return confs


def main():
    cases, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(out, "config"), exist_ok=True)
    os.makedirs(os.path.join(out, "pair"), exist_ok=True)
    seen = set()
    for case in sorted(os.listdir(cases)):
        confs = read_confs(os.path.join(cases, case))
        for name, body in confs:
            digest = hashlib.sha1(body.encode()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            with open(os.path.join(out, "config", name + ".yaml"), "w", encoding="utf-8") as f:
                f.write(body)
        if len(confs) == 2:
            with open(os.path.join(out, "pair", case + ".txt"), "w", encoding="utf-8") as f:
                f.write(confs[0][1] + PAIR_SEPARATOR.lstrip("\n") + confs[1][1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
