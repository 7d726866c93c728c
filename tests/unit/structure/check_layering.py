#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that the folders of core/ depend on each other in one direction.

Usage: check_layering.py CORE_DIR LAYER... [--below LAYER PATH...]...

LAYER... is the order of core/CMakeLists.txt (REDPAK_CORE_LAYERS), lowest first. A file of
core/src/F or core/include/redpak/F may include only headers of F or of a layer before F
(public "redpak/G/x.h" or private "G/x.h"). Each `--below LAYER PATH...` also holds every file
at or under PATH to the layers before LAYER (redwrap and the helper's launcher must not see the
review code).
Prints each offending include as FILE:LINE and exits 1 when there is one.
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"(?:redpak/)?([a-z_]+)/[^"]+"')


def sources(root):
    root = pathlib.Path(root)
    if root.is_file():
        header = root.with_suffix(".h")  # a source's own header holds it as much as the source
        return [root, header] if root.suffix == ".cpp" and header.is_file() else [root]
    return sorted(p for p in root.rglob("*") if p.suffix in (".h", ".cpp"))


def below_groups(arguments):
    """[(LAYER, [PATH...]), ...] from `--below LAYER PATH... --below ...`."""
    groups = []
    for argument in arguments:
        if argument == "--below":
            groups.append(None)
        elif groups and groups[-1] is None:
            groups[-1] = (argument, [])
        else:
            groups[-1][1].append(argument)
    return groups


def folder_of(core, path):
    rel = path.relative_to(core).parts
    if rel[0] == "include":
        return rel[2] if len(rel) > 3 else None
    return rel[1] if rel[0] == "src" and len(rel) > 2 else None


def offending_includes(path, allowed, layers):
    found = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        match = INCLUDE.match(line)
        if match and match.group(1) in layers and match.group(1) not in allowed:
            found.append(f"{path}:{number}: includes layer '{match.group(1)}'")
    return found


def main(argv):
    core = pathlib.Path(argv[0])
    rest = argv[1:]
    split = rest.index("--below") if "--below" in rest else len(rest)
    layers, groups = rest[:split], below_groups(rest[split:])
    problems = []
    checked = 0
    for path in sources(core):
        folder = folder_of(core, path)
        if folder is None:
            continue
        if folder not in layers:
            problems.append(f"{path}: folder '{folder}' is not a layer of core/CMakeLists.txt")
            continue
        checked += 1
        problems += offending_includes(path, layers[: layers.index(folder) + 1], layers)
    for limit, paths in groups:
        for root in paths:
            for path in sources(root):
                checked += 1
                problems += offending_includes(path, layers[: layers.index(limit)], layers)
    print("\n".join(problems) if problems else f"{checked} files, layers in order: {' '.join(layers)}")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
