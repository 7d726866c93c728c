#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that no function of the given source trees is longer than a limit.

Usage: check_function_length.py MAX_LINES DIR...

A function is a definition that starts at the beginning of a line (the project's style does not
indent namespace bodies; clang-format keeps it so) with its opening brace at the end of that
line or of the lines of its signature, and ends at the next line that is a lone "}" at column 0.
Its length counts the lines from signature to closing brace. Prints the longer ones as
FILE:LINE: NAME (N lines) and exits 1 when there is one.
"""
import pathlib
import re
import sys

SIGNATURE = re.compile(r"^(?!namespace\b|struct\b|class\b|enum\b|union\b|extern\b|#|//|}|\s)"
                       r"[^;]*\(")
NAME = re.compile(r"([~\w:<>]+)\s*\(")


def long_functions(path, limit):
    lines = path.read_text().splitlines()
    found = []
    index = 0
    while index < len(lines):
        if not SIGNATURE.match(lines[index]):
            index += 1
            continue
        start = index
        while index < len(lines) and not lines[index].rstrip().endswith("{") and \
                not lines[index].rstrip().endswith(";"):
            index += 1
        if index >= len(lines) or lines[index].rstrip().endswith(";"):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and lines[end].rstrip() not in ("}", "};"):
            end += 1
        length = end - start + 1
        if length > limit:
            name = NAME.search(lines[start])
            found.append(f"{path}:{start + 1}: {name.group(1) if name else '?'} ({length} lines)")
        index = end + 1
    return found


def main(argv):
    limit = int(argv[0])
    problems = []
    checked = 0
    for root in argv[1:]:
        for path in sorted(pathlib.Path(root).rglob("*.cpp")):
            checked += 1
            problems += long_functions(path, limit)
    print("\n".join(problems) if problems else f"{checked} files, no function over {limit} lines")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
