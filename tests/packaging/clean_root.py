#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Installs the three .deb packages on a clean Debian 12 root and uses them there.

The root is made by mmdebstrap (variant apt) from Debian's archive, with the host's apt
sources, and kept as a tarball in the cache directory so that a rerun downloads nothing:
every .deb apt fetches, for the root or in it, goes to the cache directory too, which starts
as hard links to the host's own /var/cache/apt/archives. Each run unpacks a fresh root and
runs clean_root_steps.sh in it as root, in namespaces of its own (in_root):
  install-tools         redpak-tools alone, and no Qt package comes with it
  launch-as-user        an unprivileged user creates a node and runs a command in it
  install-all           redpak-helper and redpak-manager (Qt comes now)
  configure-helper      the administrator's /etc/redpak/helper.conf and node root
  helper-by-activation  a system bus activates the helper; an unauthorized call is refused
  gui-starts            redpak-manager starts (offscreen) with what its package depends on
  remove-and-purge      apt removes then purges the three packages
and then checks that nothing is left but user data and what the administrator wrote.
Exit status: 0 passed, 1 failed, 77 skipped (the archive cannot be reached).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

SKIP = 77
SUITE = "bookworm"
DEFAULT_SOURCES = f"deb http://deb.debian.org/debian {SUITE} main"
HOST_SOURCES = Path("/etc/apt/sources.list.d/debian.sources")
HOST_ARCHIVES = Path("/var/cache/apt/archives")
# A cached root older than this is made again: its package lists would lag the archive.
ROOT_MAX_AGE_SECONDS = 3 * 24 * 3600
# The longest step, installing the GUI with Qt, takes about a minute with the .debs at hand.
STEP_TIMEOUT_SECONDS = 600
STEPS = ("install-tools", "launch-as-user", "install-all", "configure-helper",
         "helper-by-activation", "gui-starts", "remove-and-purge")
# What the steps or the system write besides packaged files, and what the issue lets stay:
# caches, logs and package databases, runtime directories, the user's data (home and nodes)
# and what the administrator wrote.
NOT_LEFTOVERS = re.compile(r"^(proc|dev|run|tmp|var/tmp|var/cache|var/log|var/lib/apt|var/lib/dpkg"
                           r"|var/backups|home/tester|srv/rednodes|etc/redpak/helper\.conf$"
                           r"|etc/redpak$|etc/ld\.so\.cache$|debs|redpak-steps\.sh$|\.host$)(/|$)")


def run(cmd, **kwargs):
    kwargs.setdefault("text", True)
    return subprocess.run([str(c) for c in cmd], check=False, **kwargs)


def archive_url(sources):
    """The first archive of the apt sources, to check that it can be reached."""
    match = re.search(r"(?m)^(?:URIs:|deb)\s+(\S+)", sources)
    return (match.group(1) if match else "http://deb.debian.org/debian").rstrip("/")


def archive_unreachable(url):
    """None when Debian's archive answers, else why not."""
    try:
        with urllib.request.urlopen(f"{url}/dists/{SUITE}/InRelease", timeout=20) as reply:
            return None if reply.status == 200 else f"HTTP {reply.status}"
    except OSError as error:
        return str(error)


def link_host_archives(cache):
    """The host's downloaded .debs, as hard links (copies would cost gigabytes)."""
    linked = 0
    for deb in HOST_ARCHIVES.glob("*.deb"):
        target = cache / deb.name
        if target.exists():
            continue
        try:
            os.link(deb, target)
            linked += 1
        except OSError:
            return linked  # another file system: apt downloads what it needs
    return linked


def make_base_root(tarball, archives, sources):
    """mmdebstrap of a minimal root with apt, using and filling the .deb cache."""
    if tarball.exists() and time.time() - tarball.stat().st_mtime < ROOT_MAX_AGE_SECONDS:
        print(f"reusing {tarball}")
        return True
    partial = tarball.with_suffix(".partial.tar")
    cmd = ["mmdebstrap", "--mode=root", "--variant=apt", "--include=passwd,mount", "--format=tar",
           "--skip=cleanup/apt/lists", "--skip=download/empty", "--skip=essential/unlink",
           "--aptopt=APT::Keep-Downloaded-Packages true",
           f'--setup-hook=mkdir -p "$1/var/cache/apt/archives" && mount --bind {archives} "$1/var/cache/apt/archives"',
           '--customize-hook=umount "$1/var/cache/apt/archives"',
           SUITE, partial, sources]
    started = time.monotonic()
    result = run(cmd)
    print(f"mmdebstrap: {time.monotonic() - started:.0f} s, exit {result.returncode}")
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        return False
    partial.rename(tarball)
    return True


# Enters the root: private mount, pid, uts and ipc namespaces, a /proc of the new pid
# namespace, the host's /dev, the packages and the .deb cache bound in, then pivot_root (not
# chroot: the kernel refuses user namespaces, which redwrap's bwrap makes, to a chrooted
# process). Not bwrap: it sets no_new_privs, and the system bus activates services through
# its setuid launch helper.
ENTER_ROOT = r"""
set -e
root=$1 archives=$2 debs=$3 steps=$4
shift 4
mount --make-rprivate /
mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t tmpfs tmpfs "$root/tmp"
mount -t tmpfs tmpfs "$root/run"
mount --bind "$archives" "$root/var/cache/apt/archives"
mkdir -p "$root/debs" "$root/.host"
touch "$root/redpak-steps.sh" "$root/etc/resolv.conf"
mount --bind -o ro "$debs" "$root/debs"
mount --bind -o ro "$steps" "$root/redpak-steps.sh"
mount --bind -o ro /etc/resolv.conf "$root/etc/resolv.conf"
cd "$root"
pivot_root . .host
cd /
umount -l /.host
rmdir /.host
exec /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
"""


def in_root(root, debs, archives, steps_script, *command):
    return ["unshare", "--mount", "--pid", "--uts", "--ipc", "--fork", "--kill-child",
            "sh", "-c", ENTER_ROOT, "sh", root, archives, debs, steps_script, *command]


def files_of(root):
    """Every file, link and directory of the root, relative, but what may be left."""
    found = set()
    for directory, subdirs, names in os.walk(root):
        rel_dir = os.path.relpath(directory, root)
        for name in subdirs + names:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            if not NOT_LEFTOVERS.match(rel):
                found.add(rel)
        subdirs[:] = [d for d in subdirs if not NOT_LEFTOVERS.match(d if rel_dir == "." else f"{rel_dir}/{d}")]
    return found


def packaged_files(root):
    """Files and directories only the redpak packages installed (dpkg's lists; a directory
    another package shares, such as usr/share, stays after the purge)."""
    ours, others = set(), set()
    for listing in Path(root, "var/lib/dpkg/info").glob("*.list"):
        paths = {line.lstrip("/") for line in listing.read_text().splitlines() if line.strip("/")}
        if listing.name.startswith("redpak-"):
            ours |= paths
        else:
            others |= paths
    return ours - others


def build_debs(build_dir, out):
    result = run(["cpack", "-G", "DEB", "--config", Path(build_dir, "CPackConfig.cmake"), "-B", out],
                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    debs = sorted(p.name for p in Path(out).glob("*.deb"))
    if result.returncode != 0 or len(debs) != 3:
        print(f"FAIL: cpack -G DEB made {debs}:\n{result.stdout}")
        return False
    for stale in Path(out, "_CPack_Packages").glob("*"):
        shutil.rmtree(stale, ignore_errors=True)
    print(f"packages: {', '.join(debs)}")
    return True


def run_steps(root, debs, archives, steps_script):
    """Runs every step; returns the files the system had before the steps that use the
    packages (without the packages' own), or None when a step failed."""
    before = None
    for step in STEPS:
        if step == "configure-helper":
            before = files_of(root) - packaged_files(root)
        started = time.monotonic()
        try:
            result = run(in_root(root, debs, archives, steps_script, "/bin/sh", "/redpak-steps.sh", step),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=STEP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            print(f"FAIL: step {step} took more than {STEP_TIMEOUT_SECONDS} s")
            return None
        output = result.stdout.strip()
        if result.returncode != 0 or step in ("install-tools", "install-all"):
            output = "\n".join(output.splitlines()[-40:])
        print(f"--- {step}: {time.monotonic() - started:.1f} s, exit {result.returncode}\n{output}", flush=True)
        if result.returncode != 0:
            print(f"FAIL: step {step}")
            return None
    return before


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--cache-dir", required=True, help="keeps the root tarball and the .debs apt fetched")
    args = parser.parse_args()

    sources = HOST_SOURCES.read_text() if HOST_SOURCES.exists() else DEFAULT_SOURCES
    why = archive_unreachable(archive_url(sources))
    if why:
        print(f"SKIP: Debian's archive {archive_url(sources)} cannot be reached ({why}): no clean-root install")
        return SKIP
    missing = [tool for tool in ("mmdebstrap", "unshare", "pivot_root", "cpack", "tar") if shutil.which(tool) is None]
    if missing or os.geteuid() != 0:
        print(f"FAIL: the clean-root test runs as root with {', '.join(missing) or 'its tools'} "
              "(scripts/deps.txt)")
        return 1

    started = time.monotonic()
    cache = Path(args.cache_dir).resolve()
    archives = cache / "archives"
    archives.mkdir(parents=True, exist_ok=True)
    print(f"{link_host_archives(archives)} .deb linked from the host's apt cache")
    tarball = cache / f"debian-{SUITE}-apt.tar"
    sources_file = cache / "debian.sources" if HOST_SOURCES.exists() else cache / "debian.list"
    sources_file.write_text(sources)
    if not make_base_root(tarball, archives, sources_file):
        print("FAIL: mmdebstrap could not make the clean root")
        return 1

    steps_script = Path(__file__).with_name("clean_root_steps.sh")
    with tempfile.TemporaryDirectory(prefix="redpak-clean-root-", dir=cache) as work:
        root, debs = Path(work, "root"), Path(work, "debs")
        root.mkdir()
        if not build_debs(args.build_dir, debs):
            return 1
        result = run(["tar", "--extract", "--numeric-owner", "--preserve-permissions",
                      "--file", tarball, "--directory", root])
        if result.returncode != 0:
            print("FAIL: could not unpack the clean root")
            return 1
        before = run_steps(root, debs, archives, steps_script)
        if before is None:
            return 1
        left = sorted(files_of(root) - before)
        for path in left:
            print(f"FAIL: left after purge: /{path}")
        print(f"clean root: {time.monotonic() - started:.0f} s in all, {len(left)} path(s) left after purge")
        return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
