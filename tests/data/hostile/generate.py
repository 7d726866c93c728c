#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the large files of the hostile corpus (too big or too repetitive to commit).

usage: generate.py OUT_DIR

Every file is a configuration that must be refused; see README.md in this directory.
The limits they probe are those of core/include/redpak/parser.h: 1 MiB per file, nesting
depth 32, no anchors/aliases. Files "near-limit-*" stay under 1 MiB on purpose: they must
be refused for their content, quickly and without using much memory.
"""
import os
import sys

MIB = 1024 * 1024
HEADERS = "headers:\n  alias: hostile\n"


def over_limit_padding():
    # A valid config made one byte too large by a trailing comment.
    body = HEADERS + "# "
    return body + "x" * (MIB + 1 - len(body) - 1) + "\n"


def nested_flow(depth, closed=True):
    return HEADERS + "  info: " + "[" * depth + ("]" * depth if closed else "") + "\n"


def nested_block_maps(depth):
    lines = [HEADERS.rstrip("\n"), "config:"]
    for level in range(depth):
        lines.append("  " * (level + 1) + "k%d:" % level)
    lines[-1] += " leaf"
    return "\n".join(lines) + "\n"


def nested_block_sequences(depth):
    return HEADERS + "environ:\n  " + "- " * depth + "x\n"


def billion_laughs():
    lines = ["headers:", "  alias: hostile", '  a0: &a0 "lol"']
    for level in range(1, 10):
        prev = "*a%d" % (level - 1)
        lines.append("  a%d: &a%d [%s]" % (level, level, ", ".join([prev] * 10)))
    lines.append("  info: *a9")
    return "\n".join(lines) + "\n"


def alias_fan_out():
    # One anchor referenced by ~100k aliases, under 1 MiB.
    refs = ", ".join(["*a"] * 100000)
    return HEADERS + "  name: &a x\n  info: [" + refs + "]\n"


def wide_flow_sequence():
    items = ",".join(["0"] * ((MIB - 4096) // 2))
    return HEADERS + "  info: [" + items + "]\n"


def many_environ_then_error():
    # ~1 MiB of valid, distinct environ entries, then one unknown key at the very end:
    # a parser with quadratic duplicate detection or per-entry copies shows here.
    parts = [HEADERS, "environ:\n"]
    size = sum(len(p) for p in parts)
    index = 0
    while size < MIB - 4096:
        entry = "  - {key: V%d, value: x}\n" % index
        parts.append(entry)
        size += len(entry)
        index += 1
    parts.append("  - {key: LAST, value: x, unknown: y}\n")
    return "".join(parts)


def many_documents():
    return (HEADERS + "---\n") * (MIB // (len(HEADERS) + 4) - 16)


def many_lines_then_error():
    return HEADERS + "\n" * (MIB - 4096) + "unknown: section\n"


def long_key():
    return HEADERS + "config:\n  " + "k" * (MIB - 4096) + ": v\n"


FILES = {
    "huge-over-limit-by-one-byte.yaml": over_limit_padding,
    "huge-16-mib.yaml": lambda: HEADERS + "  info: " + "x" * (16 * MIB) + "\n",
    "deep-nesting-flow-33.yaml": lambda: nested_flow(33),
    "deep-nesting-flow-100000.yaml": lambda: nested_flow(100000),
    "deep-nesting-flow-unclosed-500000.yaml": lambda: nested_flow(500000, closed=False),
    "deep-nesting-block-maps-40.yaml": lambda: nested_block_maps(40),
    "deep-nesting-block-maps-700.yaml": lambda: nested_block_maps(700),
    "deep-nesting-block-sequences-5000.yaml": lambda: nested_block_sequences(5000),
    "billion-laughs.yaml": billion_laughs,
    "alias-fan-out-100000.yaml": alias_fan_out,
    "near-limit-wide-flow-sequence.yaml": wide_flow_sequence,
    "near-limit-many-environ-then-error.yaml": many_environ_then_error,
    "near-limit-many-documents.yaml": many_documents,
    "near-limit-many-lines-then-error.yaml": many_lines_then_error,
    "near-limit-long-key.yaml": long_key,
}


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, make in FILES.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(make())
    return 0


if __name__ == "__main__":
    sys.exit(main())
