#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The GUI's helper client against the real redpak-helper.

Starts the stack of tests/integration/helper (helperstack.Stack: private system bus, real
polkitd with the project's policy and a test rule, redpak-helper serving a root-owned node
root "test"), creates the fixture nodes through the helper, then runs the QtTest program
tst_gui_helper as each unprivileged test user (privileges dropped with setpriv), told the bus
address through DBUS_SYSTEM_BUS_ADDRESS: once as the authorized user (which also approves a
system node from the GUI and checks its drift with the built redconf, and writes and removes an
application of a system node from the Applications page's model), once as the denied user,
whose run must leave the node root, the outside tree and the helper's journal unchanged.

Usage: test_gui_helper.py BUILD_BIN_DIR SOURCE_DIR TST_GUI_HELPER   (exit 77 = skipped)
"""
import json
import os
import pwd
import shutil
import subprocess
import sys
import unittest

SOURCE_DIR = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else ""
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests/integration/helper"))
from helperstack import NO_USER, OK_USER, SKIP, Stack, runnable, skip_reasons  # noqa: E402

STACK = None
PROGRAM = None

ADMIN_NOTE = """headers:
  alias: %s
environ:
  - key: ADMIN_NOTE
    value: 'from admin'
"""

# (name, normal config, admin config); parents before children.
FIXTURES = [
    ("test/edit", runnable("edit"), ""),
    ("test/save", runnable("save"), ""),
    ("test/conflict", runnable("conflict"), ""),
    ("test/parent", runnable("parent"), ADMIN_NOTE % "parent"),
    ("test/parent/child", runnable("child"), ""),
    ("test/run", runnable("run", greeting="hello"), ADMIN_NOTE % "run"),
    ("test/unsafe", runnable("unsafe", greeting="$(id -u)"), ""),
    ("test/audited", runnable("audited"), ""),
    ("test/audited/member", runnable("member"), ADMIN_NOTE % "member"),
    ("test/apps", runnable("apps"), ""),
]


BIN_DIR = None


def run_program(user, caller):
    """Runs tst_gui_helper as `user` (uid, gid, no supplementary groups, no capabilities)."""
    entry = pwd.getpwnam(user)
    argv = ["setpriv", "--reuid=%d" % entry.pw_uid, "--regid=%d" % entry.pw_gid,
            "--clear-groups", "--inh-caps=-all", "--", PROGRAM]
    env = {"DBUS_SYSTEM_BUS_ADDRESS": STACK.address, "REDPAK_TEST_NODE_ROOT": STACK.nodes,
           "REDPAK_TEST_CALLER": caller, "REDPAK_TEST_BIN_DIR": BIN_DIR,
           "PATH": "/usr/bin:/bin", "HOME": "/",
           "LANG": "C.UTF-8"}
    out = subprocess.run(argv, env=env, cwd="/", capture_output=True, text=True, timeout=900)
    print("---- tst_gui_helper as %s (%s) ----\n%s%s" % (user, caller, out.stdout, out.stderr))
    return out


def journal():
    path = os.path.join(STACK.state, "journal")
    if not os.path.exists(path):
        return []
    return [json.loads(line) for line in open(path)]


class GuiHelperIntegration(unittest.TestCase):
    maxDiff = None

    def test_authorized_caller(self):
        before = len(journal())
        out = run_program(OK_USER, "authorized")
        self.assertEqual(out.returncode, 0, "tst_gui_helper failed as " + OK_USER)
        # The helper acted for the GUI process's user, as polkit's subject says.
        uid = pwd.getpwnam(OK_USER).pw_uid
        entries = journal()[before:]
        writes = [e for e in entries if e["action"] == "config.write"]
        self.assertTrue(any(e["node"] == "test/save" for e in writes), entries)
        self.assertTrue(any(e["node"] == "test/conflict" for e in writes), entries)
        # The GUI's "Approve" on a system node went through the helper's audit.approve.
        approvals = [e for e in entries if e["action"] == "audit.approve"]
        self.assertEqual([e["node"] for e in approvals], ["test/audited/member"], entries)
        # The Applications page wrote and removed an entry of a system node through the helper.
        applications = [(e["action"], e["file"]) for e in entries if e["node"] == "test/apps"]
        self.assertEqual(applications, [("application.write", "applications/hello.desktop"),
                                        ("application.remove", "applications/hello.desktop")])
        record = os.path.join(STACK.nodes, "audited/member/.rednode-audit.json")
        self.assertEqual(os.stat(record).st_uid, 0)
        self.assertTrue(all(e["uid"] == uid for e in entries), entries)

    def test_denied_caller_changes_nothing(self):
        before = STACK.snapshot()
        out = run_program(NO_USER, "denied")
        self.assertEqual(out.returncode, 0, "tst_gui_helper failed as " + NO_USER)
        self.assertEqual(STACK.snapshot(), before)


def main():
    global STACK, PROGRAM, BIN_DIR
    bin_dir = os.path.abspath(sys.argv[1])
    BIN_DIR = bin_dir
    PROGRAM = os.path.abspath(sys.argv[3])
    reasons = skip_reasons()
    if shutil.which("setpriv", path="/usr/bin:/bin") is None:
        reasons.append("setpriv is not installed (package util-linux)")
    if reasons:
        print("SKIP: " + "; ".join(reasons))
        return SKIP
    STACK = Stack(bin_dir, SOURCE_DIR)
    try:
        STACK.start()
        created = STACK.call(OK_USER, *[("CreateNodeWithConfig", name, normal, admin, 0)
                                        for name, normal, admin in FIXTURES])
        for (name, _, _), result in zip(FIXTURES, created):
            if not result["ok"]:
                raise RuntimeError("fixture %s: %s" % (name, result))
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(GuiHelperIntegration)
        result = unittest.TextTestRunner(verbosity=2).run(suite)
        if not result.wasSuccessful():
            print("---- helper log ----\n" + STACK.log("helper"))
        return 0 if result.wasSuccessful() else 1
    finally:
        STACK.stop()


if __name__ == "__main__":
    sys.exit(main())
