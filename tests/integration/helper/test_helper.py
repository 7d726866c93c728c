#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Integration tests of redpak-helper with the real components.

The stack (private system bus, the real polkitd with the project's policy and a test rule,
redpak-helper with a node root in a temporary directory, the unprivileged test users
"redpak-ok", granted by the rule, and "redpak-no", denied by it) is helperstack.Stack:
everything started is stopped by PID and everything installed is removed at the end.

Usage: test_helper.py BUILD_BIN_DIR SOURCE_DIR   (exit 77 = skipped, with the reason printed)
"""
import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
import unittest

from helperstack import (LAUNCHER, NO_USER, NODE_USER1, NODE_USER2, OK_USER, PERSON, SKIP, WRITER,
                         Stack, runnable, sha256, skip_reasons)

BIN_DIR = SOURCE_DIR = None
E = "org.redpak.Helper1.Error."
STACK = None


def call(user, *calls):
    """Runs calls [(method, args...)] as `user`; returns the list of results."""
    return STACK.call(user, *calls)


def call1(user, method, *args):
    return call(user, (method,) + args)[0]


def snapshot(root=None):
    return STACK.snapshot(root)


VIEWER = "[Desktop Entry]\nType=Application\nName=Viewer\nExec=/usr/bin/viewer %F\n"


def proc_status(output):
    fields = {}
    for line in output.splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            fields[key.strip()] = value.split()
    return fields


class HelperIntegration(unittest.TestCase):
    maxDiff = None

    def assertError(self, result, name):
        self.assertFalse(result["ok"], "expected %s, got success %r" % (name, result))
        self.assertEqual(result["error"], E + name, result.get("message"))

    def assertOk(self, result):
        self.assertTrue(result["ok"], result)
        return result["value"]

    def create(self, name, config, admin=""):
        self.assertOk(call1(OK_USER, "CreateNodeWithConfig", name, config, admin, 0))

    def read(self, name, kind=0):
        return self.assertOk(call1(OK_USER, "ReadConfig", name, kind))

    def plant(self, name, config):
        """Replaces the normal config of `name` behind the helper's back, as root (still
        root-owned, 0644): what the launch must check again, whoever wrote it."""
        with open(os.path.join(STACK.nodes, name.split("/", 1)[1], "etc/redpak.yaml"), "w") as out:
            out.write(config)

    def journal(self):
        return [json.loads(line) for line in open(os.path.join(STACK.state, "journal"))]

    def test_version_and_roots(self):
        self.assertEqual(self.assertOk(call1(NO_USER, "Version")), 2)
        self.assertEqual(self.assertOk(call1(OK_USER, "ListRoots")), [["test", STACK.nodes]])

    def test_bus_policy(self):
        """Only root may own the name; only the helper's interfaces are reachable."""
        for user in (OK_USER, NO_USER):
            with self.subTest(user=user):
                denied = call(user, ("requestHelperName",), ("setVersion",))
                for result in denied:
                    self.assertFalse(result["ok"], result)
                    self.assertEqual(result["error"], "org.freedesktop.DBus.Error.AccessDenied")

    def test_every_method_refused_without_authorization(self):
        self.create("test/guarded", runnable("guarded"))
        exists, content, digest = self.read("test/guarded")
        files = [("test/guarded/etc/redpak.yaml", digest)]
        before = snapshot()
        cases = [
            ("CreateNode", "test/guarded2", "leaf", 0),
            ("CreateNodeWithConfig", "test/guarded2", runnable("guarded2"), "", 0),
            ("DeleteNode", "test/guarded", 0),
            ("WriteConfig", "test/guarded", 0, runnable("changed"), digest, 0),
            ("WriteConfig", "test/guarded", 1, runnable("changed"), "", 0),
            ("Launch", "test/guarded", ["/bin/true"], 0),
            ("Launch", "test/guarded", ["/bin/true"], 2),
            ("RecordApproval", "test/guarded", files, "looks fine", 0),
            ("WriteApplication", "test/guarded", "viewer", VIEWER, "", 0),
            ("RemoveApplication", "test/guarded", "viewer", sha256(VIEWER), 0),
        ]
        results = call(NO_USER, *cases)
        for case, result in zip(cases, results):
            with self.subTest(method=case[0], args=case[1:]):
                self.assertError(result, "NotAuthorized")
        self.assertEqual(snapshot(), before)
        # Reading is allowed to anyone by the policy's defaults.
        self.assertEqual(self.assertOk(call1(NO_USER, "ReadConfig", "test/guarded", 0))[2], digest)

    def test_rules_see_the_node_detail(self):
        self.create("test/locked", runnable("locked"))
        digest = self.read("test/locked")[2]
        before = snapshot(STACK.nodes)
        self.assertError(call1(OK_USER, "WriteConfig", "test/locked", 0, runnable("x"), digest, 0),
                         "NotAuthorized")
        self.assertEqual(snapshot(STACK.nodes), before)

    def test_create_edit_delete(self):
        uid = pwd.getpwnam(OK_USER).pw_uid
        self.assertOk(call1(OK_USER, "CreateNode", "test/life", "leaf", 0))
        base = os.path.join(STACK.nodes, "life")
        for path in (base, base + "/etc", base + "/etc/redpak.yaml", base + "/.rednode.yaml"):
            info = os.lstat(path)
            self.assertEqual((info.st_uid, info.st_gid), (0, 0), path)
            self.assertEqual(stat.S_IMODE(info.st_mode) & 0o022, 0, path)
        exists, content, digest = self.read("test/life")
        self.assertTrue(exists)
        self.assertIn("alias: life", content)
        self.assertEqual(digest, sha256(open(base + "/etc/redpak.yaml", "rb").read()))

        new = runnable("life", greeting="edited")
        new_digest = self.assertOk(call1(OK_USER, "WriteConfig", "test/life", 0, new, digest, 0))
        self.assertEqual(new_digest, sha256(new))
        self.assertEqual(open(base + "/etc/redpak.yaml").read(), new)
        self.assertEqual(stat.S_IMODE(os.stat(base + "/etc/redpak.yaml").st_mode), 0o644)

        # Stale digest: the file changed since the caller read it; nothing is written.
        self.assertError(call1(OK_USER, "WriteConfig", "test/life", 0, runnable("life"), digest,
                               0), "StaleDigest")
        # Invalid content is refused by the core parser, with file and line.
        invalid = call1(OK_USER, "WriteConfig", "test/life", 0, "headers:\n  alias: [x\n",
                        new_digest, 0)
        self.assertError(invalid, "InvalidConfig")
        self.assertIn("test/life/etc/redpak.yaml:", invalid["message"])
        self.assertEqual(open(base + "/etc/redpak.yaml").read(), new)
        # Every refusal of the write path names the file, including an empty normal config.
        empty = call1(OK_USER, "WriteConfig", "test/life", 0, "", new_digest, 0)
        self.assertError(empty, "InvalidConfig")
        self.assertIn("test/life/etc/redpak.yaml:", empty["message"])
        self.assertEqual(open(base + "/etc/redpak.yaml").read(), new)

        # Admin config: created from "absent", then removed with empty content.
        admin = "headers:\n  alias: life\n"
        admin_digest = self.read("test/life", 1)[2]
        self.assertOk(call1(OK_USER, "WriteConfig", "test/life", 1, "", admin_digest, 0))
        self.assertEqual(self.read("test/life", 1), [False, "", ""])
        self.assertError(call1(OK_USER, "WriteConfig", "test/life", 1, admin, admin_digest, 0),
                         "StaleDigest")
        self.assertEqual(self.assertOk(call1(OK_USER, "WriteConfig", "test/life", 1, admin, "", 0)),
                         sha256(admin))

        journal = [json.loads(line) for line in open(os.path.join(STACK.state, "journal"))]
        writes = [j for j in journal if j["node"] == "test/life" and j["action"] == "config.write"]
        self.assertEqual(writes[0]["old"], digest)
        self.assertEqual(writes[0]["new"], new_digest)
        self.assertTrue(all(j["uid"] == uid for j in writes))
        journal_info = os.stat(os.path.join(STACK.state, "journal"))
        self.assertEqual((journal_info.st_uid, stat.S_IMODE(journal_info.st_mode)), (0, 0o600))

        self.assertError(call1(OK_USER, "CreateNode", "test/life", "leaf", 0), "AlreadyExists")
        self.assertOk(call1(OK_USER, "CreateNode", "test/life/child", "leaf", 0))
        self.assertError(call1(OK_USER, "DeleteNode", "test/life", 0), "InvalidArgument")
        self.assertOk(call1(OK_USER, "DeleteNode", "test/life/child", 0))
        self.assertOk(call1(OK_USER, "DeleteNode", "test/life", 0))
        self.assertFalse(os.path.exists(base))
        self.assertError(call1(OK_USER, "DeleteNode", "test", 0), "InvalidName")

    def test_malformed_names_and_oversized_inputs(self):
        before = snapshot()
        names = ["", "..", "test/..", "test/../outside", "test/a/../b", "/test/a", "test/a/",
                 "test//a", "test/a b", "test/caf\u00e9", "test/" + "a" * 256,
                 "test/" + "/".join(["n"] * 33), "test/" + "a" * 5000, "nosuchroot/a",
                 "../etc", "test/.", "test/a\\b"]
        results = call(OK_USER, *[("CreateNode", name, "leaf", 0) for name in names])
        for name, result in zip(names, results):
            with self.subTest(name=name[:40]):
                self.assertError(result, "InvalidName")
        oversized = [
            ("CreateNodeWithConfig", "test/big", "x" * (1024 * 1024 + 1), "", 0),
            ("Launch", "test/big", ["a"] * 257, 0),
            ("Launch", "test/big", ["a" * 4097], 0),
            ("RecordApproval", "test/big", [], "c" * 4097, 0),
            ("WriteConfig", "test/big", 0, "x", "not-a-digest", 0),
            ("DeleteNode", "test/big", 8),
        ]
        for case, result in zip(oversized, call(OK_USER, *oversized)):
            with self.subTest(method=case[0]):
                self.assertError(result, "InvalidArgument")
        self.assertEqual(snapshot(), before)

    def test_symlink_swap_race(self):
        """A loop swaps test/swap between a real node and a symlink to a node outside the root;
        whatever the timing, the helper never writes, creates or deletes outside."""
        config = runnable("swap")
        self.create("test/swap", config)
        digest = self.read("test/swap")[2]
        victim = os.path.join(STACK.outside, "victim")
        shutil.copytree(os.path.join(STACK.nodes, "swap"), victim, symlinks=True)
        before = snapshot(STACK.outside)
        swap = os.path.join(STACK.nodes, "swap")
        parked = os.path.join(STACK.nodes, "swap.real")
        stop = threading.Event()

        def racer():
            while not stop.is_set():
                os.rename(swap, parked)
                os.symlink(victim, swap)
                time.sleep(0.0005)
                os.unlink(swap)
                os.rename(parked, swap)
                time.sleep(0.0005)

        thread = threading.Thread(target=racer)
        thread.start()
        try:
            calls = []
            for i in range(60):
                calls += [("WriteConfig", "test/swap", 0, config, digest, 0),
                          ("CreateNodeWithConfig", "test/swap/c%d" % i, runnable("c"), "", 0),
                          ("DeleteNode", "test/swap/c%d" % i, 0),
                          ("WriteConfig", "test/swap", 1, "headers:\n  alias: x\n", "", 0),
                          ("WriteConfig", "test/swap", 1, "", sha256("headers:\n  alias: x\n"), 0)]
            results = call(OK_USER, *calls)
        finally:
            stop.set()
            thread.join()
        self.assertEqual(snapshot(STACK.outside), before)
        errors = {r["error"] for r in results if not r["ok"]}
        self.assertTrue(errors <= {E + "Failed", E + "NotFound", E + "StaleDigest",
                                   E + "AlreadyExists"}, errors)
        print("symlink race: %d calls, %d refused (%s)" % (
            len(results), sum(not r["ok"] for r in results), ", ".join(sorted(errors))))

    def test_applications_written_and_removed(self):
        """An authorized user writes, lists, changes and removes an application of a system node:
        root-owned files, written atomically, each change based on the digest the caller saw and
        journaled; refusals (polkit, stale digest, invalid entry) change nothing."""
        self.create("test/apps", runnable("apps"))
        apps = os.path.join(STACK.nodes, "apps/applications")
        entry = os.path.join(apps, "viewer.desktop")
        self.assertEqual(self.assertOk(call1(NO_USER, "ListApplications", "test/apps")), [])
        before = snapshot()
        invalid = VIEWER + "Terminal=maybe\n"
        refusals = call(OK_USER, ("WriteApplication", "test/apps", "viewer", invalid, "", 0),
                        ("WriteApplication", "test/apps", "viewer", VIEWER, sha256("x"), 0))
        self.assertError(refusals[0], "InvalidConfig")
        self.assertIn("test/apps/applications/viewer.desktop:5:", refusals[0]["message"])
        self.assertError(refusals[1], "StaleDigest")
        self.assertError(call1(NO_USER, "WriteApplication", "test/apps", "viewer", VIEWER, "", 0),
                         "NotAuthorized")
        self.assertEqual(snapshot(), before)  # applications/ not even created

        digest = self.assertOk(call1(OK_USER, "WriteApplication", "test/apps", "viewer", VIEWER,
                                     "", 0))
        self.assertEqual(digest, sha256(VIEWER))
        for path, kind, mode in ((apps, stat.S_IFDIR, 0o755), (entry, stat.S_IFREG, 0o644)):
            info = os.lstat(path)
            self.assertEqual((stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), info.st_uid,
                              info.st_gid), (kind, mode, 0, 0), path)
        self.assertEqual(open(entry).read(), VIEWER)
        self.assertEqual(self.assertOk(call1(NO_USER, "ListApplications", "test/apps")),
                         [["viewer", VIEWER, digest]])

        changed = VIEWER.replace("Name=Viewer", "Name=Image Viewer")
        before = snapshot()
        refusals = call(OK_USER, ("WriteApplication", "test/apps", "viewer", changed, "", 0),
                        ("WriteApplication", "test/apps", "viewer", "Name=x\n", digest, 0),
                        ("RemoveApplication", "test/apps", "viewer", sha256(changed), 0))
        for result, error in zip(refusals, ("StaleDigest", "InvalidConfig", "StaleDigest")):
            self.assertError(result, error)
        self.assertError(call1(NO_USER, "RemoveApplication", "test/apps", "viewer", digest, 0),
                         "NotAuthorized")
        self.assertEqual(snapshot(), before)
        new_digest = self.assertOk(call1(OK_USER, "WriteApplication", "test/apps", "viewer",
                                         changed, digest, 0))
        self.assertEqual(open(entry).read(), changed)
        self.assertEqual(os.listdir(apps), ["viewer.desktop"])  # no temporary file left

        self.assertOk(call1(OK_USER, "RemoveApplication", "test/apps", "viewer", new_digest, 0))
        self.assertEqual(os.listdir(apps), [])
        self.assertError(call1(OK_USER, "RemoveApplication", "test/apps", "viewer", new_digest, 0),
                         "NotFound")
        uid = pwd.getpwnam(OK_USER).pw_uid
        changes = [(j["action"], j["file"], j["old"], j["new"], j["uid"]) for j in self.journal()
                   if j["node"] == "test/apps" and j["action"].startswith("application.")]
        self.assertEqual(changes, [
            ("application.write", "applications/viewer.desktop", "", digest, uid),
            ("application.write", "applications/viewer.desktop", digest, new_digest, uid),
            ("application.remove", "applications/viewer.desktop", new_digest, "", uid)])

    def test_applications_of_unsafe_nodes_refused(self):
        """A symlinked applications/ or entry, or files not owned by root: every application
        call is refused and nothing is written, inside the node root or outside."""
        target = os.path.join(STACK.outside, "apps-target")
        os.mkdir(target, 0o755)
        with open(os.path.join(target, "viewer.desktop"), "w") as out:
            out.write(VIEWER)
        self.create("test/applink", runnable("applink"))
        os.symlink(target, os.path.join(STACK.nodes, "applink/applications"))
        self.create("test/entrylink", runnable("entrylink"))
        os.mkdir(os.path.join(STACK.nodes, "entrylink/applications"), 0o755)
        os.symlink(os.path.join(target, "viewer.desktop"),
                   os.path.join(STACK.nodes, "entrylink/applications/viewer.desktop"))
        no_user = pwd.getpwnam(NO_USER)
        self.create("test/userapps", runnable("userapps"))
        os.mkdir(os.path.join(STACK.nodes, "userapps/applications"), 0o755)
        os.chown(os.path.join(STACK.nodes, "userapps/applications"), no_user.pw_uid, 0)
        self.create("test/useretc", runnable("useretc"))
        os.chown(os.path.join(STACK.nodes, "useretc/etc"), no_user.pw_uid, 0)
        # Links are met by core's family check first, which names the file.
        cases = {"test/applink": ("InvalidConfig", "applink/applications: is a symbolic link"),
                 "test/entrylink": ("InvalidConfig",
                                    "applications/viewer.desktop: is a symbolic link"),
                 "test/userapps": ("UnsafeNode", "test/userapps/applications"),
                 "test/useretc": ("UnsafeNode", "useretc/etc")}
        before = snapshot()
        for node, (error, reason) in cases.items():
            with self.subTest(node=node):
                results = call(OK_USER, ("ListApplications", node),
                               ("WriteApplication", node, "viewer", VIEWER, sha256(VIEWER), 0),
                               ("WriteApplication", node, "other", VIEWER, "", 0),
                               ("RemoveApplication", node, "viewer", sha256(VIEWER), 0))
                for result in results:
                    self.assertError(result, error)
                    self.assertIn(reason, result["message"])
        self.assertEqual(snapshot(), before)

    def launch_status(self, user, node, flags=0):
        result = self.assertOk(call1(user, "launchCapture", node, ["/bin/cat", "/proc/self/status"],
                                     flags))
        self.assertEqual(result["status"], 0, result["output"])
        return proc_status(result["output"])

    def test_launch_runs_as_node_user_without_capabilities(self):
        ok_uid = NODE_USER1[1]
        self.create("test/run", runnable("run", config="  set-user: " + NODE_USER1[0]))
        self.create("test/anon", runnable("anon"))
        for node, uid in (("test/run", ok_uid), ("test/anon", 65534)):
            with self.subTest(node=node):
                status = self.launch_status(OK_USER, node)
                self.assertEqual(status["Uid"], [str(uid)] * 4)
                self.assertEqual(status["Gid"], [str(uid)] * 4)
                self.assertEqual(status["Groups"], [])
                for cap in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
                    self.assertEqual(int(status[cap][0], 16), 0, cap)
                self.assertEqual(status["NoNewPrivs"], ["1"])
        # Admin mode needs its own action; the rule grants it to the test user.
        self.assertEqual(self.launch_status(OK_USER, "test/run", 2)["Uid"], [str(ok_uid)] * 4)
        result = self.assertOk(call1(OK_USER, "launchCapture", "test/run",
                                     ["/bin/sh", "-c", "echo $GREETING; exit 3"], 0))
        self.assertEqual((result["output"], result["status"]), ("hello\n", 3))

    def test_list_and_stop_launches(self):
        self.create("test/sleeper", runnable("sleeper"))
        launch_id = self.assertOk(call1(OK_USER, "Launch", "test/sleeper", ["/bin/sleep", "60"], 0))
        launches = {entry[0]: entry for entry in self.assertOk(call1(OK_USER, "ListLaunches"))}
        self.assertEqual(launches[launch_id][1:3], ["test/sleeper", ["/bin/sleep", "60"]])
        self.assertEqual(launches[launch_id][4], pwd.getpwnam(OK_USER).pw_uid)
        # Another user neither sees nor stops it.
        self.assertEqual(self.assertOk(call1(NO_USER, "ListLaunches")), [])
        self.assertError(call1(NO_USER, "StopLaunch", launch_id, 0), "NotFound")
        stopped = call(OK_USER, ("StopLaunch", launch_id, 0), ("waitExit", launch_id, 20))
        self.assertOk(stopped[0])
        self.assertEqual(stopped[1]["value"], 128 + signal.SIGTERM)
        self.assertEqual(self.assertOk(call1(OK_USER, "ListLaunches")), [])
        # Launch, stop and exit are journaled, with who from the bus and the identity.
        ok_uid = pwd.getpwnam(OK_USER).pw_uid
        for _ in range(50):
            mine = [j for j in self.journal() if j.get("launch") == launch_id]
            if len(mine) == 3:
                break
            time.sleep(0.1)
        self.assertEqual([j["action"] for j in mine], ["node.launch", "node.stop", "node.exit"])
        self.assertTrue(all(j["uid"] == ok_uid and j["node"] == "test/sleeper" for j in mine))
        self.assertEqual((mine[0]["user"], mine[0]["group"], mine[0]["admin"]),
                         (65534, 65534, False))
        self.assertEqual(mine[2]["status"], 128 + signal.SIGTERM)
        self.assertTrue(all(j["time"] for j in mine))

    def test_unsafe_launches_refused(self):
        self.create("test/cmd", runnable("cmd", greeting="$(id -u)"))
        self.create("test/execfd", runnable("execfd", exports="  - mode: Execfd\n"
                                                             "    mount: /tmp/x\n"
                                                             "    path: id -u\n"))
        self.create("test/expose", runnable("expose", exports="  - mode: Restricted\n"
                                                             "    mount: /cfg\n"
                                                             "    path: $NODE_PATH/etc\n"))
        # Refused when written (test_identities_not_set_aside_refused); planted here.
        self.create("test/rootuser", runnable("rootuser"))
        self.plant("test/rootuser", runnable("rootuser", config="  set-user: root"))
        self.create("test/writable", runnable("writable"))
        os.chmod(os.path.join(STACK.nodes, "writable/etc/redpak.yaml"), 0o666)
        self.create("test/userdir", runnable("userdir"))
        os.chown(os.path.join(STACK.nodes, "userdir/etc"), pwd.getpwnam(NO_USER).pw_uid, 0)
        self.create("test/disabled", runnable("disabled"))
        status_file = os.path.join(STACK.nodes, "disabled/.rednode.yaml")
        status = open(status_file).read()
        self.assertIn("Enable", status)
        with open(status_file, "w") as out:
            out.write(status.replace("Enable", "Disable"))
        reasons = {"test/cmd": "commands are not run", "test/execfd": "Execfd",
                   "test/expose": "expose", "test/rootuser": "root",
                   "test/writable": "writable/etc/redpak.yaml", "test/userdir": "userdir/etc",
                   "test/disabled": "disabled"}
        for node, reason in reasons.items():
            with self.subTest(node=node):
                result = call1(OK_USER, "Launch", node, ["/bin/true"], 0)
                self.assertError(result, "UnsafeNode")
                self.assertIn(reason, result["message"])

    def test_internal_source_never_read_as_root(self):
        """A user allowed only config.write names /etc/shadow as an Internal source, a user
        allowed only launch launches: nothing of /etc/shadow reaches the node."""
        self.create("test/shadowed", runnable("shadowed"))
        digest = self.read("test/shadowed")[2]
        config = runnable("shadowed", exports="  - mode: Internal\n    mount: /leak\n"
                                              "    path: /etc/shadow\n")
        self.assertOk(call1(WRITER, "WriteConfig", "test/shadowed", 0, config, digest, 0))
        self.assertError(call1(WRITER, "Launch", "test/shadowed", ["/bin/true"], 0),
                         "NotAuthorized")
        result = call1(LAUNCHER, "launchCapture", "test/shadowed", ["/bin/cat", "/leak"], 0)
        first_line = open("/etc/shadow").readline().strip()
        self.assertTrue(first_line)
        self.assertNotIn(first_line, json.dumps(result))
        self.assertError(result, "UnsafeNode")
        self.assertIn("/etc/shadow is not readable by the launch identity 65534:", result["message"])
        self.assertTrue(any(j["action"] == "config.write" and j["node"] == "test/shadowed" and
                            j["uid"] == pwd.getpwnam(WRITER).pw_uid for j in self.journal()))

    def test_internal_source_swapped_for_symlink(self):
        """A local user owns the directory of a system node's Internal source and swaps the
        file for a link to /etc/shadow: the launch is refused."""
        owner = pwd.getpwnam(NO_USER)
        userdir = os.path.join(STACK.outside, "userdata")
        os.mkdir(userdir, 0o755)
        os.chown(userdir, owner.pw_uid, owner.pw_gid)
        source = os.path.join(userdir, "motd")
        with open(source, "w") as out:
            out.write("greetings\n")
        os.chmod(source, 0o644)
        self.create("test/internal", runnable("internal", exports="  - mode: Internal\n"
                                                                 "    mount: /motd\n"
                                                                 "    path: %s\n" % source))
        result = self.assertOk(call1(LAUNCHER, "launchCapture", "test/internal",
                                     ["/bin/cat", "/motd"], 0))
        self.assertEqual((result["output"], result["status"]), ("greetings\n", 0))
        os.unlink(source)
        os.symlink("/etc/shadow", source)
        os.lchown(source, owner.pw_uid, owner.pw_gid)
        result = call1(LAUNCHER, "launchCapture", "test/internal", ["/bin/cat", "/motd"], 0)
        self.assertNotIn(open("/etc/shadow").readline().strip(), json.dumps(result))
        self.assertError(result, "UnsafeNode")
        self.assertIn(source + " is a symbolic link", result["message"])

    def test_identities_not_set_aside_refused(self):
        """set-user / set-group may only name the identities helper.conf sets aside for nodes:
        refused when written (InvalidConfig) and, planted by other means, at launch."""
        person_file = os.path.join(STACK.outside, "person-secret")
        with open(person_file, "w") as out:
            out.write("secret of a person\n")
        person = pwd.getpwnam(PERSON)
        os.chown(person_file, person.pw_uid, person.pw_gid)
        os.chmod(person_file, 0o600)
        self.assertTrue(1000 <= person.pw_uid <= 60000, person.pw_uid)
        self.create("test/who", runnable("who"))
        cases = {
            "set-group shadow": "  set-group: shadow",
            "set-user of a person": "  set-user: " + PERSON,
            "set-user (uid_t)-1": "  set-user: '4294967295'",
            "set-group 0": "  set-user: nobody\n  set-group: '0'",
            "set-user outside node-uids": "  set-user: " + OK_USER,
        }
        for label, config in cases.items():
            with self.subTest(case=label):
                text = runnable("who", config=config)
                written = call1(OK_USER, "WriteConfig", "test/who", 0, text,
                                self.read("test/who")[2], 0)
                self.assertError(written, "InvalidConfig")
                self.assertIn("test/who/etc/redpak.yaml:", written["message"])
                self.assertError(call1(OK_USER, "CreateNodeWithConfig", "test/who2", text, "", 0),
                                 "InvalidConfig")
                self.plant("test/who", text)
                launched = call1(OK_USER, "launchCapture", "test/who",
                                 ["/bin/cat", person_file], 0)
                self.assertError(launched, "UnsafeNode")
                self.assertIn("set-", launched["message"])
                self.assertNotIn("secret of a person", json.dumps(launched))

    def test_launch_as_node_identity_needs_launch_as(self):
        """Launching as a node identity other than the caller's own is its own polkit action,
        with the identity in its details; nobody needs only launch."""
        self.create("test/as1", runnable("as1", config="  set-user: " + NODE_USER1[0]))
        self.create("test/as2", runnable("as2", config="  set-user: " + NODE_USER2[0]))
        self.create("test/asnobody", runnable("asnobody"))
        before = len(self.journal())
        denied = call1(LAUNCHER, "Launch", "test/as1", ["/bin/true"], 0)
        self.assertError(denied, "NotAuthorized")
        self.assertIn("org.redpak.node.launch-as", denied["message"])
        self.assertFalse(any(j["action"] == "node.launch" for j in self.journal()[before:]))
        for user, node, uid in ((LAUNCHER, "test/as2", NODE_USER2[1]),
                                (LAUNCHER, "test/asnobody", 65534),
                                (OK_USER, "test/as1", NODE_USER1[1])):
            with self.subTest(user=user, node=node):
                status = self.launch_status(user, node)
                self.assertEqual(status["Uid"], [str(uid)] * 4)
                self.assertEqual(status["Gid"], [str(uid)] * 4)
        launches = [j for j in self.journal()[before:] if j["action"] == "node.launch"]
        self.assertEqual([(j["node"], j["user"], j["uid"]) for j in launches],
                         [("test/as2", NODE_USER2[1], pwd.getpwnam(LAUNCHER).pw_uid),
                          ("test/asnobody", 65534, pwd.getpwnam(LAUNCHER).pw_uid),
                          ("test/as1", NODE_USER1[1], pwd.getpwnam(OK_USER).pw_uid)])

    def test_record_approval(self):
        self.create("test/audited", runnable("audited"), "headers:\n  alias: audited\n")
        base = os.path.join(STACK.nodes, "audited")
        status = sha256(open(os.path.join(base, ".rednode.yaml"), "rb").read())
        normal = self.read("test/audited")[2]
        admin = self.read("test/audited", 1)[2]
        files = ["test/audited/.rednode.yaml", "test/audited/etc/redpak.yaml",
                 "test/audited/etc/redpak-admin.yaml"]
        before = snapshot()
        for reviewed in ([status, normal, sha256("other")], [status, normal]):
            self.assertError(call1(OK_USER, "RecordApproval", "test/audited",
                                   list(zip(files, reviewed)), "ok", 0), "StaleDigest")
        self.assertEqual(snapshot(), before)
        record_digest = self.assertOk(call1(OK_USER, "RecordApproval", "test/audited",
                                            list(zip(files, [status, normal, admin])),
                                            "reviewed", 0))
        record_path = os.path.join(base, ".rednode-audit.json")
        data = open(record_path, "rb").read()
        self.assertEqual(sha256(data), record_digest)
        record = json.loads(data)
        self.assertEqual((record["uid"], record["approvedBy"], record["comment"]),
                         (pwd.getpwnam(OK_USER).pw_uid, OK_USER, "reviewed"))
        self.assertEqual([f["digest"] for f in record["files"]], [status, normal, admin])
        info = os.stat(record_path)
        self.assertEqual((info.st_uid, stat.S_IMODE(info.st_mode)), (0, 0o644))
        # The core audit reads the helper's record like its own.
        redconf = os.path.join(BIN_DIR, "redconf")
        if os.path.exists(redconf):
            out = subprocess.run([redconf, "audit", "status", "--redpath", base],
                                 capture_output=True, text=True)
            self.assertEqual(out.returncode, 0, out.stdout + out.stderr)


def main():
    global BIN_DIR, SOURCE_DIR, STACK
    BIN_DIR, SOURCE_DIR = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    reasons = skip_reasons()
    if reasons:
        print("SKIP: " + "; ".join(reasons))
        return SKIP
    STACK = Stack(BIN_DIR, SOURCE_DIR)
    try:
        STACK.start()
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(HelperIntegration)
        result = unittest.TextTestRunner(verbosity=2).run(suite)
        if not result.wasSuccessful():
            print("---- helper log ----\n" + STACK.log("helper"))
        return 0 if result.wasSuccessful() else 1
    finally:
        STACK.stop()


if __name__ == "__main__":
    sys.exit(main())
