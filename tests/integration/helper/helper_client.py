#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Client of org.redpak.Helper1 for the integration tests, run as an unprivileged test user.

Usage: helper_client.py < CALLS_JSON
CALLS_JSON (standard input: calls may carry megabytes) is a list of {"method": NAME, "args": [...]}; prints one JSON list with, per call,
{"ok": true, "value": ...} or {"ok": false, "error": DBUS_ERROR_NAME, "message": TEXT}.
The pseudo-method "launchCapture" (args: node, command, flags) calls LaunchWithOutput with
the write end of a pipe, reads the output until EOF and waits for LaunchExited:
value = {"id": ID, "output": TEXT, "status": STATUS}.
"""
import json
import os
import sys

import dbus
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

DBusGMainLoop(set_as_default=True)
BUS = dbus.SystemBus()
HELPER = BUS.get_object("org.redpak.Helper", "/org/redpak/Helper")
IFACE = dbus.Interface(HELPER, "org.redpak.Helper1")
exits = {}
BUS.add_signal_receiver(lambda launch_id, status: exits.__setitem__(int(launch_id), int(status)),
                        signal_name="LaunchExited", dbus_interface="org.redpak.Helper1",
                        path="/org/redpak/Helper")


def plain(value):
    """dbus types to JSON-able values."""
    if isinstance(value, (list, tuple, dbus.Array, dbus.Struct)):
        return [plain(v) for v in value]
    if isinstance(value, dbus.Boolean):
        return bool(value)
    if isinstance(value, (int, dbus.UInt64, dbus.UInt32, dbus.Int64, dbus.Int32)):
        return int(value)
    if isinstance(value, (str, dbus.String)):
        return str(value)
    return value


def wait_for_exit(launch_id, seconds):
    context = GLib.MainContext.default()
    deadline = GLib.get_monotonic_time() + seconds * 1000000
    while launch_id not in exits and GLib.get_monotonic_time() < deadline:
        context.iteration(False)
        GLib.usleep(10000)
    return exits.get(launch_id)


def launch_capture(node, command, flags):
    read_end, write_end = os.pipe()
    launch_id = int(IFACE.LaunchWithOutput(node, command, dbus.UInt32(flags),
                                           dbus.types.UnixFd(write_end)))
    os.close(write_end)
    output = b""
    while True:
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        output += chunk
    os.close(read_end)
    return {"id": launch_id, "output": output.decode(errors="replace"),
            "status": wait_for_exit(launch_id, 30)}


def run(call):
    method, args = call["method"], call.get("args", [])
    if method == "launchCapture":
        return launch_capture(*args)
    if method == "waitExit":
        return wait_for_exit(args[0], args[1])
    if method == "requestHelperName":
        return BUS.request_name("org.redpak.Helper", dbus.bus.NAME_FLAG_DO_NOT_QUEUE)
    if method == "setVersion":
        return HELPER.Set("org.redpak.Helper1", "Version", dbus.UInt32(2),
                          dbus_interface="org.freedesktop.DBus.Properties")
    if method == "Version":
        return HELPER.Get("org.redpak.Helper1", "Version",
                          dbus_interface="org.freedesktop.DBus.Properties")
    return getattr(IFACE, method)(*args)


def main():
    results = []
    for call in json.load(sys.stdin):
        try:
            results.append({"ok": True, "value": plain(run(call))})
        except dbus.DBusException as error:
            results.append({"ok": False, "error": error.get_dbus_name(),
                            "message": error.get_dbus_message()})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
