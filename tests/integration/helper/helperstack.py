# SPDX-License-Identifier: Apache-2.0
"""The real component stack behind redpak-helper, shared by the integration tests that need it
(tests/integration/helper: the D-Bus API; tests/integration/gui_helper: the GUI's client).

Stack.start() starts a private system bus (dbus-daemon with its own socket, the project's bus
policy included; clients get its address as DBUS_SYSTEM_BUS_ADDRESS), the real polkitd with
the project's policy installed in /usr/share/polkit-1/actions and a test rule in
/etc/polkit-1/rules.d, and redpak-helper with a node root "test" in a temporary directory.
Clients are unprivileged test users: OK_USER (granted by the rule) and NO_USER (denied by it,
except reading), WRITER (granted only config.write), LAUNCHER (granted only launch, and
launch-as for NODE_USER2 alone). helper.conf sets aside the uids and gids NODE_IDS for nodes;
NODE_USER1 and NODE_USER2 are node identities in that range, PERSON a login account (uid in
UID_MIN..UID_MAX). Stack.stop() stops everything started, by PID, and removes everything
installed.
"""
import grp
import hashlib
import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import tempfile
import time

SKIP = 77
POLKITD = "/usr/lib/polkit-1/polkitd"
ACTIONS_FILE = "/usr/share/polkit-1/actions/org.redpak.policy"
RULES_FILE = "/etc/polkit-1/rules.d/10-redpak-helper-integration.rules"
OK_USER, NO_USER = "redpak-ok", "redpak-no"
WRITER, LAUNCHER = "redpak-writer", "redpak-launcher"
NODE_IDS = (61500, 61599)
NODE_USER1, NODE_USER2 = ("redpak-node1", 61500), ("redpak-node2", 61501)
PERSON = "redpak-person"
HERE = os.path.dirname(os.path.abspath(__file__))

RULES = """// Installed by tests/integration/helper/helperstack.py, removed when its test ends.
polkit.addRule(function(action, subject) {
    if (action.id.indexOf("org.redpak.") != 0)
        return polkit.Result.NOT_HANDLED;
    // Details reach the rules: this node is never writable.
    if (action.id == "org.redpak.config.write" && action.lookup("node") == "test/locked")
        return polkit.Result.NO;
    if (subject.user == "%(ok)s")
        return polkit.Result.YES;
    if (subject.user == "%(no)s" && action.id != "org.redpak.config.read")
        return polkit.Result.NO;
    if (subject.user == "%(writer)s")
        return action.id == "org.redpak.config.write" ? polkit.Result.YES
                                                      : polkit.Result.NOT_HANDLED;
    if (subject.user == "%(launcher)s") {
        if (action.id == "org.redpak.node.launch")
            return polkit.Result.YES;
        // The identity reaches the rules: only this node identity is granted.
        if (action.id == "org.redpak.node.launch-as" && action.lookup("user") == "%(node2)s" &&
            action.lookup("uid") == "%(node2uid)d")
            return polkit.Result.YES;
    }
    return polkit.Result.NOT_HANDLED;
});
""" % {"ok": OK_USER, "no": NO_USER, "writer": WRITER, "launcher": LAUNCHER,
       "node2": NODE_USER2[0], "node2uid": NODE_USER2[1]}

RUNNABLE = """headers:
  alias: %(alias)s
config:
%(config)s
exports:
  - mode: Restricted
    mount: /usr
  - mode: Symlink
    mount: /bin
    path: usr/bin
  - mode: Symlink
    mount: /lib
    path: usr/lib
  - mode: Symlink
    mount: /lib64
    path: usr/lib64
  - mode: Procfs
    mount: /proc
  - mode: Devfs
    mount: /dev
%(exports)s
environ:
  - key: GREETING
    value: '%(greeting)s'
"""

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=%(socket)s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus"
           send_interface="org.freedesktop.DBus.Introspectable"/>
  </policy>
  <include>/usr/share/dbus-1/system.d/org.freedesktop.PolicyKit1.conf</include>
  <include>%(helper_policy)s</include>
</busconfig>
"""


def runnable(alias, config="  verbose: 0", exports="", greeting="hello"):
    """A node config that redwrap can launch: /usr and friends exported, GREETING set."""
    return RUNNABLE % {"alias": alias, "config": config, "exports": exports,
                       "greeting": greeting}


def sha256(data):
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode()).hexdigest()


def skip_reasons():
    """Why this machine cannot run the stack (empty when it can)."""
    reasons = []
    if os.geteuid() != 0:
        reasons.append("needs root (installs a polkit policy and rule, starts polkitd)")
    for program in ("dbus-daemon", "dbus-send", "bwrap", "useradd"):
        if shutil.which(program, path="/usr/sbin:/usr/bin:/sbin:/bin") is None:
            reasons.append(program + " is not installed")
    if not os.access(POLKITD, os.X_OK):
        reasons.append(POLKITD + " is not installed (package polkitd)")
    if subprocess.run(["/usr/bin/python3", "-c", "import dbus, gi"],
                      capture_output=True).returncode != 0:
        reasons.append("python3-dbus / python3-gi are not installed")
    return reasons


class Stack:
    """The processes and files the tests need, all removed by stop()."""

    def __init__(self, bin_dir, source_dir):
        self.bin_dir = bin_dir
        self.source_dir = source_dir
        self.processes = []
        self.created_users = []
        self.created_groups = []
        self.installed = []  # (path, previous content or None)
        self.tmp = tempfile.mkdtemp(prefix="redpak-helper-it-")
        os.chmod(self.tmp, 0o755)
        self.nodes = os.path.join(self.tmp, "nodes")
        self.outside = os.path.join(self.tmp, "outside")
        self.state = os.path.join(self.tmp, "state")
        self.address = "unix:path=" + os.path.join(self.tmp, "bus.sock")
        self.helper = None

    def install(self, path, content):
        previous = open(path, "rb").read() if os.path.exists(path) else None
        self.installed.append((path, previous))
        with open(path, "wb") as out:
            out.write(content)

    def spawn(self, argv, name):
        log = open(os.path.join(self.tmp, name + ".log"), "wb")
        env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DBUS_SYSTEM_BUS_ADDRESS": self.address}
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)
        self.processes.append(process)
        return process

    def wait_for_name(self, name, process):
        for _ in range(100):
            if process.poll() is not None:
                raise RuntimeError("%s exited: %s" % (name, self.log(name)))
            out = subprocess.run(
                ["dbus-send", "--system", "--print-reply", "--dest=org.freedesktop.DBus",
                 "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:" + name],
                env={"DBUS_SYSTEM_BUS_ADDRESS": self.address}, capture_output=True, text=True)
            if "boolean true" in out.stdout:
                return
            time.sleep(0.1)
        raise RuntimeError(name + " did not appear on the bus")

    def log(self, name):
        path = os.path.join(self.tmp, name + ".log")
        return open(path, errors="replace").read() if os.path.exists(path) else ""

    def add_user(self, user, *options):
        try:
            pwd.getpwnam(user)
        except KeyError:
            # capture_output: useradd warns about system uids above SYS_UID_MAX.
            subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin"] +
                           list(options) + [user], check=True, capture_output=True)
            self.created_users.append(user)

    def start(self):
        for user in (OK_USER, NO_USER, WRITER, LAUNCHER):
            self.add_user(user, "--system")
        for user, uid in (NODE_USER1, NODE_USER2):
            try:
                grp.getgrnam(user)
            except KeyError:
                subprocess.run(["groupadd", "--system", "--gid", str(uid), user], check=True)
                self.created_groups.append(user)
            self.add_user(user, "--system", "--uid", str(uid), "--gid", str(uid))
        # Not a system account: a person's uid, in UID_MIN..UID_MAX.
        self.add_user(PERSON, "--no-user-group", "--gid", "users")
        os.makedirs(self.nodes, mode=0o755)
        os.makedirs(self.outside, mode=0o755)
        bus_config = os.path.join(self.tmp, "bus.conf")
        with open(bus_config, "w") as out:
            out.write(BUS_CONFIG % {
                "socket": os.path.join(self.tmp, "bus.sock"),
                "helper_policy": os.path.join(self.source_dir,
                                              "resources/dbus/org.redpak.Helper.conf")})
        helper_config = os.path.join(self.tmp, "helper.conf")
        with open(helper_config, "w") as out:
            out.write("root test %s\nstate-dir %s\nidle-timeout 600\nnode-uids %d-%d\n"
                      "node-gids %d-%d\n" % ((self.nodes, self.state) + NODE_IDS + NODE_IDS))
        os.chmod(helper_config, 0o644)

        self.install(ACTIONS_FILE, open(os.path.join(self.source_dir, "polkit/org.redpak.policy"),
                                        "rb").read())
        self.install(RULES_FILE, RULES.encode())
        os.chmod(RULES_FILE, 0o644)

        bus = self.spawn(["dbus-daemon", "--config-file=" + bus_config, "--nofork"], "dbus")
        self.wait_for_name("org.freedesktop.DBus", bus)
        polkitd = self.spawn([POLKITD, "--no-debug"], "polkitd")
        self.wait_for_name("org.freedesktop.PolicyKit1", polkitd)
        self.helper = self.spawn([os.path.join(self.bin_dir, "redpak-helper"), "--config",
                                  helper_config], "helper")
        self.wait_for_name("org.redpak.Helper", self.helper)

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        for path, previous in reversed(self.installed):
            if previous is None:
                os.unlink(path)
            else:
                with open(path, "wb") as out:
                    out.write(previous)
        for user in reversed(self.created_users):
            subprocess.run(["userdel", user], check=False)
        for group in self.created_groups:
            try:
                grp.getgrnam(group)  # userdel removes a user's own group itself
            except KeyError:
                continue
            subprocess.run(["groupdel", group], check=False)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def call(self, user, *calls):
        """Runs helper calls [(method, args...)] as `user` through helper_client.py; returns
        the list of results ({"ok", "value"} or {"ok", "error", "message"})."""
        spec = [{"method": c[0], "args": list(c[1:])} for c in calls]
        entry = pwd.getpwnam(user)
        out = subprocess.run(
            ["/usr/bin/python3", os.path.join(HERE, "helper_client.py")],
            input=json.dumps(spec),
            user=entry.pw_uid, group=entry.pw_gid, extra_groups=[], cwd="/",
            env={"DBUS_SYSTEM_BUS_ADDRESS": self.address, "PATH": "/usr/bin:/bin"},
            capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError("client failed: " + out.stderr)
        return json.loads(out.stdout)

    def snapshot(self, root=None):
        """Every path below root (default: the node root, the outside tree and the helper's
        state) with its type, mode, owner, content digest and modification time."""
        if root is None:
            state = {}
            for part in (self.nodes, self.outside, self.state):
                state.update(self.snapshot(part))
            return state
        state = {}
        for directory, dirs, files in os.walk(root):
            for name in dirs + files:
                path = os.path.join(directory, name)
                info = os.lstat(path)
                content = ""
                if stat.S_ISREG(info.st_mode):
                    content = sha256(open(path, "rb").read())
                elif stat.S_ISLNK(info.st_mode):
                    content = os.readlink(path)
                state[path] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), info.st_uid,
                               content, info.st_mtime_ns if stat.S_ISREG(info.st_mode) else 0)
        return state
