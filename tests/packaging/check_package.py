#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks what users get from `cmake --install` and from the Debian and RPM packages.

install MODE: `cmake --install` into a fresh DESTDIR.
deb MODE:     `cpack -G DEB` into a temporary directory: one package per component
              (redpak-tools, redpak-helper, redpak-manager), their control fields, maintainer
              scripts and file lists, lintian, then `dpkg-deb -x` of all of them.
rpm MODE:     `cpack -G RPM`: the same three packages, `rpm -qpl`, `rpm -qpR`, scriptlets,
              rpmlint when installed, then their files extracted with rpm2cpio.
Each then checks the installed tree as a distribution would (exact file list, desktop entry,
AppStream metainfo, polkit and D-Bus files, man pages, bash completion) and run the installed
redconf and redwrap from where they were installed.

Every problem is collected and printed; the exit status is 1 when there is any.
"""

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

DESKTOP_ID = "org.redpak.Manager"
HELPER_BUS_NAME = "org.redpak.Helper"
CLI_COMMANDS = ("redconf", "redwrap")


class Problems:
    """Collects failures so that one run reports all of them."""

    def __init__(self):
        self.items = []

    def add(self, message):
        print(f"FAIL: {message}", flush=True)
        self.items.append(message)

    def check(self, condition, message):
        if not condition:
            self.add(message)
        return condition


def run(cmd, **kwargs):
    """Runs a command, capturing text output; never raises on a non-zero status."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", 300)
    return subprocess.run([str(c) for c in cmd], check=False, **kwargs)


def require_tools(problems, names):
    missing = [name for name in names if shutil.which(name) is None]
    for name in missing:
        problems.add(f"tool '{name}' is not installed (scripts/install-deps.sh installs it from scripts/deps.txt)")
    return not missing


class Layout:
    """Install directories (absolute, as configured) and the enabled components."""

    def __init__(self, args):
        self.dirs = {
            "bindir": args.bindir,
            "libexecdir": args.libexecdir,
            "datadir": args.datadir,
            "mandir": args.mandir,
            "sysconfdir": args.sysconfdir,
            "unitdir": args.unitdir,
        }
        self.components = set(args.components.split(";")) if args.components else set()
        self.components.add("cli")
        self.version = args.version

    def path(self, template):
        """Absolute installed path of a template such as `{bindir}/redconf`."""
        return template.format(**self.dirs)

    def rel(self, template):
        return self.path(template).lstrip("/")


def expected_files(layout, list_file, components=None):
    """Relative paths of the files the enabled components (or only `components`) must install,
    and only those."""
    wanted = layout.components if components is None else set(components)
    expected = set()
    for number, line in enumerate(Path(list_file).read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split()
        if len(fields) != 2:
            raise SystemExit(f"{list_file}:{number}: expected 'COMPONENT PATH', got '{line}'")
        component, template = fields
        if component in wanted:
            expected.add(layout.rel(template))
    return expected


def installed_files(root):
    return {str(p.relative_to(root)) for p in Path(root).rglob("*") if p.is_file() or p.is_symlink()}


def check_file_list(problems, what, actual, expected):
    print(f"{what}: {len(actual)} files installed, {len(expected)} expected")
    for path in sorted(expected - actual):
        problems.add(f"{what}: missing {path}")
    for path in sorted(actual - expected):
        problems.add(f"{what}: unexpected {path} (add it to tests/packaging/expected-files.txt if it belongs)")


def check_no_build_paths(problems, root, build_dir, source_dir):
    """Text files must not refer to the tree the package was built in."""
    for path in Path(root).rglob("*"):
        if not path.is_file() or path.suffix == ".gz":
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        for tree in (build_dir, source_dir):
            if tree.encode() in data:
                problems.add(f"{path.relative_to(root)} refers to the build machine's {tree}")


def check_binaries(problems, root, layout):
    """Installed programs carry no RPATH into the build tree and are executable."""
    programs = [layout.rel("{bindir}/" + name) for name in CLI_COMMANDS]
    if "gui" in layout.components:
        programs.append(layout.rel("{bindir}/redpak-manager"))
    if "helper" in layout.components:
        programs += [layout.rel("{libexecdir}/redpak-helper"), layout.rel("{libexecdir}/redpak-helper-launch")]
    for rel in programs:
        path = Path(root, rel)
        if not path.exists():
            continue  # reported by the file list
        problems.check(os.access(path, os.X_OK), f"{rel} is not executable")
        dynamic = run(["readelf", "-d", path]).stdout
        problems.check("RPATH" not in dynamic and "RUNPATH" not in dynamic,
                       f"{rel} keeps an RPATH/RUNPATH: {dynamic.strip().splitlines()[-1:]}")


def check_desktop_integration(problems, root, layout):
    desktop = Path(root, layout.rel("{datadir}/applications/" + DESKTOP_ID + ".desktop"))
    metainfo = Path(root, layout.rel("{datadir}/metainfo/" + DESKTOP_ID + ".metainfo.xml"))
    if desktop.exists():
        result = run(["desktop-file-validate", desktop])
        errors = [l for l in (result.stdout + result.stderr).splitlines() if "error:" in l or "warning:" in l]
        problems.check(result.returncode == 0 and not errors,
                       f"desktop-file-validate {desktop.name}: {result.stdout}{result.stderr}")
        entry = dict(l.split("=", 1) for l in desktop.read_text().splitlines() if "=" in l and not l.startswith("#"))
        problems.check(entry.get("Exec", "").split()[0:1] == ["redpak-manager"], "desktop entry must run redpak-manager")
        problems.check(entry.get("Icon") == DESKTOP_ID, f"desktop entry Icon must be {DESKTOP_ID}")
        for key in ("Name", "GenericName", "Comment", "Keywords"):
            problems.check(f"{key}[fr]" in entry, f"desktop entry has no French {key}[fr]")
        icon_rel = layout.rel("{datadir}/icons/hicolor/scalable/apps/" + DESKTOP_ID + ".svg")
        problems.check(Path(root, icon_rel).exists(), f"the desktop entry's icon {icon_rel} is not installed")
    if metainfo.exists():
        result = run(["appstreamcli", "validate", "--no-net", "--explain", metainfo])
        problems.check(result.returncode == 0, f"appstreamcli validate {metainfo.name}:\n{result.stdout}{result.stderr}")
        component = ET.parse(metainfo).getroot()
        launchable = component.findtext("launchable")
        problems.check(launchable == DESKTOP_ID + ".desktop",
                       f"metainfo launchable '{launchable}' is not the installed desktop entry")
        binaries = {b.text for b in component.iter("binary")}
        for binary in binaries:
            problems.check(Path(root, layout.rel("{bindir}/" + binary)).exists(),
                           f"metainfo provides binary {binary}, which is not installed")


def check_helper_files(problems, root, layout):
    policy = Path(root, layout.rel("{datadir}/polkit-1/actions/org.redpak.policy"))
    bus_conf = Path(root, layout.rel("{datadir}/dbus-1/system.d/" + HELPER_BUS_NAME + ".conf"))
    activation = Path(root, layout.rel("{datadir}/dbus-1/system-services/" + HELPER_BUS_NAME + ".service"))
    unit = Path(root, layout.rel("{unitdir}/redpak-helper.service"))
    helper = layout.path("{libexecdir}/redpak-helper")

    if policy.exists():
        dtd = Path("/usr/share/polkit-1/policyconfig-1.dtd")
        cmd = ["xmllint", "--noout"] + (["--dtdvalid", dtd] if dtd.exists() else []) + [policy]
        result = run(cmd)
        problems.check(result.returncode == 0, f"xmllint {policy.name}: {result.stderr}")
        if result.returncode == 0:
            actions = [a.get("id", "") for a in ET.parse(policy).getroot().iter("action")]
            problems.check(bool(actions), "the polkit policy declares no action")
            for action in actions:
                problems.check(action.startswith("org.redpak."), f"polkit action {action} is outside org.redpak.")
    if bus_conf.exists():
        result = run(["xmllint", "--noout", bus_conf])
        problems.check(result.returncode == 0, f"xmllint {bus_conf.name}: {result.stderr}")
        if result.returncode == 0:
            owners = [p for p in ET.parse(bus_conf).getroot().iter("policy")
                      if p.get("user") == "root" and any(a.get("own") == HELPER_BUS_NAME for a in p.iter("allow"))]
            problems.check(bool(owners), f"the bus policy does not let root own {HELPER_BUS_NAME}")
    if activation.exists():
        keys = dict(l.split("=", 1) for l in activation.read_text().splitlines() if "=" in l)
        problems.check(keys.get("Name") == HELPER_BUS_NAME, f"activation file Name is not {HELPER_BUS_NAME}")
        problems.check(keys.get("Exec", "").split()[0:1] == [helper],
                       f"activation file Exec '{keys.get('Exec')}' is not the installed helper {helper}")
        problems.check(keys.get("User") == "root", "activation file must run the helper as User=root")
        problems.check(keys.get("SystemdService") == "redpak-helper.service",
                       "activation file must name SystemdService=redpak-helper.service")
    if unit.exists():
        keys = dict(l.split("=", 1) for l in unit.read_text().splitlines() if "=" in l)
        problems.check(keys.get("BusName") == HELPER_BUS_NAME, f"systemd unit BusName is not {HELPER_BUS_NAME}")
        problems.check(keys.get("ExecStart", "").split()[0:1] == [helper],
                       f"systemd unit ExecStart '{keys.get('ExecStart')}' is not the installed helper {helper}")
        if shutil.which("systemd-analyze"):
            check_unit_syntax(problems, unit, Path(root, layout.rel("{libexecdir}/redpak-helper")))
        else:
            print("note: systemd-analyze is not installed: the unit's syntax is not verified")


def check_unit_syntax(problems, unit, staged_helper):
    """systemd-analyze verify, on a copy pointing at the staged helper (verify wants ExecStart
    to exist); unknown keys are only warnings there, so any message is a failure."""
    with tempfile.TemporaryDirectory(prefix="redpak-pkg-unit-") as tmp:
        copy = Path(tmp, unit.name)
        copy.write_text(re.sub(r"(?m)^ExecStart=\S+", f"ExecStart={staged_helper}", unit.read_text()))
        result = run(["systemd-analyze", "verify", "--man=no", copy])
        problems.check(result.returncode == 0 and not result.stderr.strip(),
                       f"systemd-analyze verify {unit.name}: {result.stderr.strip()}")


def check_man_pages(problems, root, layout):
    pages = ["{mandir}/man1/redconf.1.gz", "{mandir}/man1/redwrap.1.gz", "{mandir}/man1/redpak-probe.1.gz"]
    if "gui" in layout.components:
        pages.append("{mandir}/man1/redpak-manager.1.gz")
    if "helper" in layout.components:
        pages += ["{mandir}/man8/redpak-helper.8.gz", "{mandir}/man8/redpak-helper-launch.8.gz"]
    for template in pages:
        path = Path(root, layout.rel(template))
        if not path.exists():
            continue
        source = gzip.decompress(path.read_bytes()).decode()
        env = dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="80")
        result = run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=source, env=env)
        problems.check(result.returncode == 0 and not result.stderr.strip(),
                       f"groff warnings in {path.name}: {result.stderr.strip()}")


def help_options(text):
    """Long options (--name) mentioned by a --help output."""
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", text))


def check_documented(problems, name, options, page):
    """The man page `page` mentions every long option of `options`."""
    if not page.exists():
        return
    text = gzip.decompress(page.read_bytes()).decode().replace("\\-", "-")
    for option in sorted(options):
        problems.check(option in text, f"{page.name} does not document {option} (from {name} --help)")


def redconf_commands(help_text):
    """Command names of `redconf --help`: the first word of each line of its command list."""
    commands = []
    in_list = False
    for line in help_text.splitlines():
        if re.match(r"^\s*commands?:?\s*$", line, re.IGNORECASE):
            in_list = True
            continue
        if in_list:
            match = re.match(r"^\s+([a-z][a-z0-9-]*)\b", line)
            if match:
                commands.append(match.group(1))
            elif line.strip() and not line.startswith(" "):
                in_list = False
    return commands


def complete(completion_file, words):
    """COMPREPLY of the bash completion for the command line `words` (last word being completed)."""
    script = (
        f"source /usr/share/bash-completion/bash_completion 2>/dev/null; source '{completion_file}'; "
        f"COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}; "
        f"COMP_LINE='{' '.join(words)}'; COMP_POINT=${{#COMP_LINE}}; "
        f"func=$(complete -p {words[0]} | sed -E 's/.*-F ([^ ]+).*/\\1/'); "
        f"$func {words[0]} '{words[-1]}' '{words[-2] if len(words) > 1 else ''}'; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    )
    result = run(["bash", "-c", script])
    return set(result.stdout.split()), result


def check_clis(problems, root, layout, work):
    """Runs the installed CLIs, checks their man pages and completions cover their options."""
    redconf = Path(root, layout.rel("{bindir}/redconf"))
    redwrap = Path(root, layout.rel("{bindir}/redwrap"))
    completion_dir = Path(root, layout.rel("{datadir}/bash-completion/completions"))
    man1 = Path(root, layout.rel("{mandir}/man1"))
    if not redconf.exists() or not redwrap.exists():
        problems.add("redconf/redwrap are not installed: cannot run them (the targets are not built yet?)")
        return

    result = run([redconf, "--help"])
    problems.check(result.returncode == 0, f"installed redconf --help exits {result.returncode}: {result.stderr}")
    redconf_help = result.stdout + result.stderr
    commands = redconf_commands(redconf_help)
    problems.check({"create", "tree", "config", "mergeconfig"} <= set(commands),
                   f"redconf --help lists commands {commands}, expected at least create, tree, config, mergeconfig")

    redwrap_help = run([redwrap, "--help"])
    problems.check(redwrap_help.returncode == 0, f"installed redwrap --help exits {redwrap_help.returncode}")

    node = Path(work, "nodes", "pkgtest")
    node.parent.mkdir(parents=True)
    result = run([redconf, "create", "--alias", "pkgtest", node])
    problems.check(result.returncode == 0, f"installed redconf create exits {result.returncode}: {result.stderr}")
    problems.check(Path(node, ".rednode.yaml").exists() and Path(node, "etc/redpak.yaml").exists(),
                   "installed redconf create made no rednode (status file + etc/redpak.yaml)")
    result = run([redwrap, "--dump-only", "--redpath", node, "--", "/bin/true"])
    problems.check(result.returncode == 0, f"installed redwrap --dump-only exits {result.returncode}: {result.stderr}")
    lines = result.stdout.splitlines()
    problems.check(bool(lines) and re.match(r"^DUMP: /\S*bwrap \(as .*redwrap\)$", lines[0]) is not None,
                   f"redwrap --dump-only first line is {lines[:1]}, expected 'DUMP: <bwrap> (as <argv0>)'")
    problems.check(all(l.startswith("  --") for l in lines[1:]) and len(lines) > 1,
                   "redwrap --dump-only must print one bwrap option per line after the DUMP line")

    # Man pages and completions must know every long option the programs document.
    command_options = {}
    for command in commands:
        result = run([redconf, command, "--help"])
        problems.check(result.returncode == 0, f"installed redconf {command} --help exits {result.returncode}")
        command_options[command] = help_options(result.stdout)
    redconf_options = set().union(help_options(redconf_help), *command_options.values())
    for name, options in (("redconf", redconf_options),
                          ("redwrap", help_options(redwrap_help.stdout + redwrap_help.stderr))):
        check_documented(problems, name, options, Path(man1, f"{name}.1.gz"))
        completion = Path(completion_dir, name)
        if completion.exists():
            syntax = run(["bash", "-n", completion])
            problems.check(syntax.returncode == 0, f"bash -n {completion.name}: {syntax.stderr}")
    completion = Path(completion_dir, "redconf")
    if completion.exists() and commands:
        offered, result = complete(completion, ["redconf", ""])
        problems.check(set(commands) <= offered,
                       f"completing 'redconf ' offers {sorted(offered)}, missing {sorted(set(commands) - offered)} "
                       f"{result.stderr.strip()}")
        for command, options in command_options.items():
            offered, result = complete(completion, ["redconf", command, "--"])
            problems.check(options <= offered, f"completing 'redconf {command} --' misses "
                           f"{sorted(options - offered)} {result.stderr.strip()}")
    completion = Path(completion_dir, "redwrap")
    if completion.exists():
        options = help_options(redwrap_help.stdout)
        offered, result = complete(completion, ["redwrap", "--"])
        problems.check(options <= offered,
                       f"completing 'redwrap --' misses {sorted(options - offered)} {result.stderr.strip()}")


def check_gui_runs(problems, root, layout, work):
    """The installed GUI starts on its own (QML compiled in, no path into the build tree)."""
    gui = Path(root, layout.rel("{bindir}/redpak-manager"))
    if not gui.exists():
        return
    shot = Path(work, "redpak-manager.png")
    nodes = Path(work, "nodes")
    nodes.mkdir(exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(work), XDG_RUNTIME_DIR=str(work))
    result = run([gui, "--root", nodes, "--screenshot", shot], env=env, timeout=120)
    problems.check(result.returncode == 0 and shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n",
                   f"installed redpak-manager --screenshot exits {result.returncode} without a PNG: {result.stderr[-2000:]}")
    help_text = run([gui, "--help"], env=env).stdout
    check_documented(problems, "redpak-manager", help_options(help_text),
                     Path(root, layout.rel("{mandir}/man1/redpak-manager.1.gz")))
    version = run([gui, "--version"], env=env)
    problems.check(version.returncode == 0 and layout.version in version.stdout,
                   f"installed redpak-manager --version prints {version.stdout.strip()!r}, expected {layout.version}")


def check_helper_runs(problems, root, layout):
    """The installed helper starts (its libraries resolve) and knows its options."""
    helper = Path(root, layout.rel("{libexecdir}/redpak-helper"))
    if not helper.exists():
        return
    result = run([helper, "--help"])
    problems.check(result.returncode == 0 and "--config" in result.stdout,
                   f"installed redpak-helper --help exits {result.returncode}: {result.stderr}")
    check_documented(problems, "redpak-helper", help_options(result.stdout),
                     Path(root, layout.rel("{mandir}/man8/redpak-helper.8.gz")))


def check_all(problems, root, layout, args, what):
    check_file_list(problems, what, installed_files(root), expected_files(layout, args.expected))
    check_no_build_paths(problems, root, args.build_dir, args.source_dir)
    check_binaries(problems, root, layout)
    if "gui" in layout.components:
        check_desktop_integration(problems, root, layout)
    if "helper" in layout.components:
        check_helper_files(problems, root, layout)
    check_man_pages(problems, root, layout)
    with tempfile.TemporaryDirectory(prefix="redpak-pkg-run-") as work:
        check_clis(problems, root, layout, work)
        if "gui" in layout.components:
            check_gui_runs(problems, root, layout, work)
    if "helper" in layout.components:
        check_helper_runs(problems, root, layout)


def check_install(problems, layout, args, work):
    root = Path(work, "destdir")
    result = run(["cmake", "--install", args.build_dir], env=dict(os.environ, DESTDIR=str(root)))
    if not problems.check(result.returncode == 0, f"cmake --install failed:\n{result.stdout}{result.stderr}"):
        return
    check_all(problems, root, layout, args, "cmake --install")


def control_fields(deb):
    fields = {}
    last = None
    for line in run(["dpkg-deb", "--field", deb]).stdout.splitlines():
        if line.startswith(" ") and last:
            fields[last] += "\n" + line
        elif ":" in line:
            last, value = line.split(":", 1)
            fields[last] = value.strip()
    return fields


def package_of(path):
    """Debian package shipping `path` on this machine, or None."""
    result = run(["dpkg-query", "--search", path])
    if result.returncode != 0:
        return None
    return result.stdout.split(":", 1)[0].split(",")[0].strip()


def qml_imports(source_dir):
    imports = set()
    for qml in Path(source_dir, "qml").rglob("*.qml"):
        for match in re.finditer(r"^\s*import\s+([A-Za-z][\w.]*)", qml.read_text(), re.MULTILINE):
            imports.add(match.group(1))
    return imports


def check_qml_dependencies(problems, depends, source_dir):
    """Every Qt QML module the GUI imports is shipped by a package the .deb depends on."""
    qml_root = run(["qtpaths6", "--query", "QT_INSTALL_QML"]).stdout.strip() or "/usr/lib/x86_64-linux-gnu/qt6/qml"
    imports = qml_imports(source_dir)
    problems.check(bool(imports) or not Path(source_dir, "qml").exists(), "found no QML import in qml/")
    for module in sorted(imports):
        qmldir = Path(qml_root, *module.split("."), "qmldir")
        if not qmldir.exists():
            continue  # the application's own module, compiled into the binary
        package = package_of(str(qmldir))
        problems.check(package is not None and package in depends,
                       f"the GUI imports {module}, shipped by {package}, which the package does not depend on")


# Package of each install component, and what each must depend on (beyond the libraries
# dpkg-shlibdeps or rpmbuild find, which are checked by name where they tell a component apart).
PACKAGES = {"cli": "redpak-tools", "helper": "redpak-helper", "gui": "redpak-manager"}
DEB_DEPENDS = {
    "cli": {"libc6", "bubblewrap"},
    "helper": {"redpak-tools", "dbus", "polkitd", "libqt6dbus6"},
    "gui": {"redpak-tools", "qml6-module-qtquick", "qml6-module-qtquick-controls", "libqt6quick6", "qt6-qpa-plugins"},
}
RPM_REQUIRES = {
    "cli": {"bubblewrap", "libc.so.6()(64bit)"},
    "helper": {"redpak-tools", "dbus", "polkit", "libQt6DBus.so.6()(64bit)"},
    "gui": {"redpak-tools", "qt6-qtdeclarative", "libQt6Quick.so.6()(64bit)"},
}
# A package pulling any of these would bring Qt onto a target without a display.
QT_PACKAGE = re.compile(r"(?i)^(lib)?q(t|ml)6|^libQt6")
UPPER_BOUND = re.compile(r"<<|<=|\(\s*<|\s<\s|\s<=\s")


def build_packages(problems, args, generator, out, pattern):
    """cpack -G GENERATOR into `out`; the packages made, by component, or None on failure."""
    result = run(["cpack", "-G", generator, "--config", Path(args.build_dir, "CPackConfig.cmake"), "-B", out])
    made = {}
    for path in Path(out).glob(pattern):
        for component, package in PACKAGES.items():
            if re.match(re.escape(package) + r"[-_][0-9]", path.name):
                made[component] = path
    if not problems.check(result.returncode == 0, f"cpack -G {generator} failed:\n{result.stdout}{result.stderr}"):
        return None
    return made


def check_made(problems, layout, made, what):
    for component in sorted(layout.components - set(made)):
        problems.add(f"cpack made no {what} for component {component} ({PACKAGES[component]})")
    for component in sorted(set(made) - layout.components):
        problems.add(f"cpack made a {what} for the disabled component {component}")
    return set(made) == layout.components


def relation_names(field):
    return {d.split("(")[0].strip() for d in re.split(r"[,|]", field or "") if d.strip()}


def check_deb_control(problems, component, deb, fields, version, arch):
    package = PACKAGES[component]
    problems.check(deb.name == f"{package}_{version}_{arch}.deb", f"package file name is {deb.name}")
    problems.check(fields.get("Package") == package, f"Package is {fields.get('Package')}, expected {package}")
    problems.check(fields.get("Version") == version, f"{package}: Version is {fields.get('Version')}")
    problems.check(fields.get("Section") == "admin", f"{package}: Section is {fields.get('Section')}")
    problems.check(fields.get("Architecture") == arch, f"{package}: Architecture is {fields.get('Architecture')}")
    problems.check(bool(fields.get("Maintainer")), f"{package}: no Maintainer field")
    problems.check("\n" in fields.get("Description", ""), f"{package}: Description has no extended description")
    depends = relation_names(fields.get("Depends"))
    for wanted in sorted(DEB_DEPENDS[component] - depends):
        problems.add(f"{package}: Depends lacks {wanted}: {fields.get('Depends')}")
    for field in ("Depends", "Recommends", "Pre-Depends"):
        problems.check(not UPPER_BOUND.search(fields.get(field, "")),
                       f"{package}: {field} has an upper bound: {fields.get(field)}")
    if component == "cli":
        qt = sorted(d for d in relation_names(fields.get("Depends")) | relation_names(fields.get("Recommends"))
                    if QT_PACKAGE.search(d))
        problems.check(not qt, f"redpak-tools depends on Qt: {qt}")
    if component != "cli":
        problems.check(f"redpak-tools (= {version})" in fields.get("Depends", ""),
                       f"{package} must depend on redpak-tools (= {version}): {fields.get('Depends')}")
    if component == "gui":
        problems.check("redpak-helper" in relation_names(fields.get("Recommends")),
                       f"redpak-manager must recommend redpak-helper: {fields.get('Recommends')}")
    return depends


def check_deb_scripts(problems, component, deb, layout, work):
    """Only redpak-helper has maintainer scripts: they stop, forget and purge the helper."""
    package = PACKAGES[component]
    control = Path(work, "control-" + package)
    run(["dpkg-deb", "--control", deb, control])
    problems.check(Path(control, "md5sums").exists(), f"{package} has no md5sums")
    wanted = {"postinst", "prerm", "postrm"} if component == "helper" else set()
    present = {s for s in ("preinst", "postinst", "prerm", "postrm", "config") if Path(control, s).exists()}
    problems.check(present == wanted, f"{package} has maintainer scripts {sorted(present)}, expected {sorted(wanted)}")
    for script in sorted(present):
        path = Path(control, script)
        problems.check(os.access(path, os.X_OK), f"{package} {script} is not executable")
        syntax = run(["sh", "-n", path])
        problems.check(syntax.returncode == 0, f"sh -n {package} {script}: {syntax.stderr}")
        problems.check("@" not in re.sub(r"#.*", "", path.read_text()), f"{package} {script} has an unconfigured @VARIABLE@")
    prerm = Path(control, "prerm")
    if component == "helper" and prerm.exists():
        match = re.search(r"(?m)^helper=(\S+)$", prerm.read_text())
        problems.check(match is not None and match.group(1) == layout.path("{libexecdir}/redpak-helper"),
                       f"prerm stops {match.group(1) if match else 'no helper'}, not the packaged helper")


def check_deb_contents(problems, component, deb, layout, args):
    package = PACKAGES[component]
    names = set()
    for line in run(["dpkg-deb", "--contents", deb]).stdout.splitlines():
        perms, owner = line.split()[0:2]
        name = line.split()[-1] if " -> " not in line else line.split(" -> ")[0].split()[-1]
        problems.check(owner == "root/root", f"{package}: {name} is owned by {owner}, not root/root")
        if perms.startswith("-"):
            names.add(name.lstrip("./"))
            executable = re.search(r"/(bin|libexec)/[^/]+$", name) is not None
            wanted_perms = "-rwxr-xr-x" if executable else "-rw-r--r--"
            problems.check(perms == wanted_perms, f"{package}: {name} has mode {perms}, expected {wanted_perms}")
    check_file_list(problems, deb.name, names, expected_files(layout, args.expected, [component]))


def check_lintian(problems, debs):
    """lintian as Debian runs it: no error and no warning (overrides carry their reason)."""
    if shutil.which("lintian") is None:
        problems.add("tool 'lintian' is not installed (scripts/deps.txt)")
        return
    result = run(["lintian", "--fail-on", "error,warning", "--tag-display-limit", "0"] + sorted(debs), timeout=600)
    tags = [l for l in result.stdout.splitlines() if re.match(r"^[EW]: ", l)]
    print(f"lintian: {len(tags)} error(s)/warning(s)\n{result.stdout}{result.stderr}".rstrip())
    problems.check(result.returncode == 0 and not tags, "lintian reports errors or warnings:\n" + "\n".join(tags))


def check_deb(problems, layout, args, work):
    made = build_packages(problems, args, "DEB", Path(work, "cpack"), "*.deb")
    if made is None or not check_made(problems, layout, made, ".deb"):
        return
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    root = Path(work, "root")
    for component, deb in sorted(made.items()):
        depends = check_deb_control(problems, component, deb, control_fields(deb), args.version, arch)
        if component == "gui":
            check_qml_dependencies(problems, depends, args.source_dir)
        check_deb_scripts(problems, component, deb, layout, work)
        check_deb_contents(problems, component, deb, layout, args)
        result = run(["dpkg-deb", "--extract", deb, root])
        problems.check(result.returncode == 0, f"dpkg-deb --extract {deb.name}: {result.stderr}")
    check_static_programs(problems, args.build_dir)
    check_lintian(problems, made.values())
    check_all(problems, root, layout, args, "the .deb packages")


def check_static_programs(problems, build_dir):
    """glibc is linked dynamically (tools/CMakeLists.txt: a static glibc crashes in the host's
    NSS modules) by every program but redpak-probe, which calls no NSS function."""
    for name in ("redwrap", "redconf"):
        program = Path(build_dir, "bin", name)
        if program.exists():
            problems.check("INTERP" in run(["readelf", "--program-headers", program]).stdout,
                           f"{name} links glibc statically: its NSS lookups can crash")


def rpm_query(rpm, *options):
    return run(["rpm", "-qp", "--nosignature", *options, rpm])


def check_rpm_one(problems, component, rpm, layout, args):
    package = PACKAGES[component]
    name = rpm_query(rpm, "--queryformat", "%{NAME} %{VERSION}").stdout.strip()
    problems.check(name == f"{package} {args.version}", f"{rpm.name} is '{name}', expected '{package} {args.version}'")
    listing = rpm_query(rpm, "-lv")
    problems.check(listing.returncode == 0, f"rpm -qpl {rpm.name}: {listing.stderr}")
    entries = [l.split(" -> ")[0].split() for l in listing.stdout.splitlines() if l.strip()]
    files = {e[-1].lstrip("/") for e in entries if not e[0].startswith("d")}
    directories = {e[-1].lstrip("/") for e in entries if e[0].startswith("d")}
    check_file_list(problems, rpm.name, files, expected_files(layout, args.expected, [component]))
    # Besides its files, a package owns only its own directories, never a shared one.
    own = {layout.rel("{datadir}/doc/" + package)}
    if component == "cli":
        own |= {layout.rel("{datadir}/redpak"), layout.rel("{datadir}/redpak/templates")}
    problems.check(directories == own, f"{rpm.name} owns the directories {sorted(directories)}, expected {sorted(own)}")
    requires = rpm_query(rpm, "-R").stdout.splitlines()
    names = {r.split()[0] for r in requires if r.strip()}
    for wanted in sorted(RPM_REQUIRES[component] - names):
        problems.add(f"{package}: Requires lacks {wanted}: {requires}")
    # rpmlib(...) are features of rpm itself, which rpmbuild states that way.
    bounded = [r for r in requires if re.search(r"\s<=?\s", r) and not r.startswith("rpmlib(")]
    problems.check(not bounded, f"{package}: Requires with an upper bound: {bounded}")
    if component == "cli":
        qt = sorted(n for n in names if QT_PACKAGE.search(n))
        problems.check(not qt, f"redpak-tools requires Qt: {qt}")
    else:
        problems.check(f"redpak-tools = {args.version}" in [r.strip() for r in requires],
                       f"{package} must require redpak-tools = {args.version}: {requires}")
    scripts = rpm_query(rpm, "--scripts").stdout
    problems.check(bool(scripts.strip()) == (component == "helper"),
                   f"{package}: scriptlets {scripts.strip()[:200]!r}; only redpak-helper has some")
    problems.check("@" not in re.sub(r"#.*", "", scripts), f"{package}: a scriptlet has an unconfigured @VARIABLE@")


def check_rpmlint(problems, rpms, config):
    """rpmlint, when installed, with the project's configuration (resources/rpm/rpmlint.toml:
    the license and compression the packages use, and each filtered check with its reason):
    no error and no warning."""
    if shutil.which("rpmlint") is None:
        print("note: rpmlint is not installed: the RPM packages are not linted")
        return
    result = run(["rpmlint", "--config", config, *sorted(rpms)], timeout=600)
    print(f"rpmlint:\n{result.stdout}{result.stderr}".rstrip())
    match = re.search(r"(\d+) errors?, (\d+) warnings?", result.stdout)
    problems.check(match is not None and match.groups() == ("0", "0"), "rpmlint reports errors or warnings")


def check_rpm(problems, layout, args, work):
    made = build_packages(problems, args, "RPM", Path(work, "cpack"), "*.rpm")
    if made is None or not check_made(problems, layout, made, ".rpm"):
        return
    root = Path(work, "root")
    root.mkdir()
    for component, rpm in sorted(made.items()):
        check_rpm_one(problems, component, rpm, layout, args)
        extract = run(["sh", "-c", f"rpm2cpio '{rpm}' | cpio -idm --quiet"], cwd=root)
        problems.check(extract.returncode == 0, f"rpm2cpio {rpm.name}: {extract.stderr}")
    check_rpmlint(problems, made.values(), Path(args.source_dir, "resources/rpm/rpmlint.toml"))
    check_all(problems, root, layout, args, "the .rpm packages")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("install", "deb", "rpm"))
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--expected", required=True, help="expected-files.txt")
    parser.add_argument("--components", default="", help="';'-separated: gui, helper (cli is implied)")
    parser.add_argument("--version", required=True)
    for directory in ("bindir", "libexecdir", "datadir", "mandir", "sysconfdir", "unitdir"):
        parser.add_argument(f"--{directory}", required=True)
    args = parser.parse_args()

    problems = Problems()
    tools = ["cmake", "readelf", "groff", "bash"]
    layout = Layout(args)
    if "gui" in layout.components:
        tools += ["desktop-file-validate", "appstreamcli"]
    if "helper" in layout.components:
        tools += ["xmllint"]
    if args.mode == "deb":
        tools += ["cpack", "dpkg-deb", "dpkg-shlibdeps"]
    if args.mode == "rpm":
        tools += ["cpack", "rpm", "rpmbuild", "rpm2cpio", "cpio"]
    if require_tools(problems, tools):
        with tempfile.TemporaryDirectory(prefix=f"redpak-pkg-{args.mode}-") as work:
            {"install": check_install, "deb": check_deb, "rpm": check_rpm}[args.mode](problems, layout, args, work)

    print(f"{args.mode}: {len(problems.items)} problem(s); components: {', '.join(sorted(layout.components))}")
    return 1 if problems.items else 0


if __name__ == "__main__":
    sys.exit(main())
