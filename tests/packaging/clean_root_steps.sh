#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The steps of the clean-root install test, run as root inside the Debian 12 root by
# clean_root.py (one step per call: `clean_root_steps.sh STEP`). The packages are in /debs.
# Each step prints what it saw and exits non-zero on the first thing that is wrong.
set -eu

user=tester
node_root=/srv/rednodes
helper=${REDPAK_HELPER:-/usr/libexec/redpak-helper}
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
apt_install="apt-get install --yes --no-install-recommends -o Dpkg::Use-Pty=0 -o APT::Keep-Downloaded-Packages=true"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

as_user() {
    runuser -u "$user" -- env HOME="/home/$user" XDG_RUNTIME_DIR="/home/$user/run" "$@"
}

# Installed packages whose name says Qt or QML.
qt_packages() {
    dpkg-query --show --showformat='${db:Status-Abbrev} ${Package}\n' |
        awk '$1 == "ii" && $2 ~ /^(lib)?q(t|ml)6|^libqt/ { print $2 }'
}

install_tools() {
    $apt_install /debs/redpak-tools_*.deb
    qt=$(qt_packages)
    [ -z "$qt" ] || fail "installing redpak-tools alone brought Qt: $qt"
    echo "redpak-tools installed without any Qt package"
}

# An unprivileged user creates a family in their home (a root node exporting the system, a
# leaf below it) and runs a command in the leaf.
launch_as_user() {
    id "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh "$user"
    nodes="/home/$user/nodes"
    as_user mkdir -p "$nodes"
    as_user mkdir -m 700 -p "/home/$user/run"
    as_user redconf create --template root --alias base "$nodes/base"
    as_user redconf create --alias demo "$nodes/base/demo"
    out=$(as_user redwrap --redpath "$nodes/base/demo" -- /bin/sh -c 'echo "in-node uid=$(id -u)"')
    echo "$out"
    [ "$out" = "in-node uid=$(id -u "$user")" ] || fail "redwrap did not run the command in the node: '$out'"
}

install_all() {
    $apt_install /debs/redpak-helper_*.deb /debs/redpak-manager_*.deb
    dpkg-query --show redpak-tools redpak-helper redpak-manager
}

# What an administrator writes: the helper's node root. User data for the purge check.
configure_helper() {
    mkdir -p /etc/redpak "$node_root"
    printf 'root system %s\n' "$node_root" >/etc/redpak/helper.conf
}

bus_call() {
    as_user dbus-send --system --print-reply --reply-timeout=20000 --dest=org.redpak.Helper \
        /org/redpak/Helper "$@" 2>&1
}

# A system bus in the root; the helper is activated by it and refuses what polkit denies.
helper_by_activation() {
    mkdir -p /run/dbus
    dbus-daemon --system --fork --print-pid >/run/dbus/test.pid
    version=$(bus_call org.freedesktop.DBus.Properties.Get string:org.redpak.Helper1 string:Version) ||
        fail "the helper was not activated: $version"
    echo "Version: $version"
    # Which revision is the helper integration test's to check; here: the installed helper
    # answers with one.
    echo "$version" | grep -Eq 'uint32 [1-9][0-9]*$' || fail "unexpected Version reply: $version"
    roots=$(bus_call org.redpak.Helper1.ListRoots) || fail "ListRoots failed: $roots"
    echo "$roots" | grep -q "$node_root" || fail "ListRoots does not list $node_root: $roots"
    echo "ListRoots lists $node_root"
    if refused=$(bus_call org.redpak.Helper1.CreateNode string:system/intruder string:leaf uint32:0); then
        fail "an unprivileged CreateNode was accepted: $refused"
    fi
    echo "CreateNode by $user: $refused"
    echo "$refused" | grep -q 'org.redpak.Helper1.Error.NotAuthorized' ||
        fail "CreateNode was not refused as NotAuthorized: $refused"
    [ ! -e "$node_root/intruder" ] || fail "the refused CreateNode made $node_root/intruder"
    helpers=0
    for process in /proc/[0-9]*; do
        if [ "$(readlink "$process/exe" 2>/dev/null)" = "$helper" ] && [ "$(stat -c %u "$process")" = 0 ]; then
            helpers=$((helpers + 1))
        fi
    done
    [ "$helpers" -gt 0 ] || fail "no $helper runs as root"
    # The same call by root, whom polkit always authorizes, succeeds and is journaled in the
    # helper's state, which only a purge removes.
    created=$(dbus-send --system --print-reply --reply-timeout=20000 --dest=org.redpak.Helper \
        /org/redpak/Helper org.redpak.Helper1.CreateNode string:system/by-root string:leaf uint32:0 2>&1) ||
        fail "CreateNode by root failed: $created"
    [ -f "$node_root/by-root/etc/redpak.yaml" ] || fail "CreateNode by root made no node: $created"
    [ -d /var/lib/redpak ] || fail "the helper keeps no state in /var/lib/redpak"
    echo "CreateNode by root made $node_root/by-root; the helper keeps its state in /var/lib/redpak"
    kill "$(cat /run/dbus/test.pid)"
}

# The application starts with what its package depends on (offscreen: no display here).
gui_starts() {
    env="QT_QPA_PLATFORM=offscreen"
    as_user env "$env" redpak-manager --version
    as_user env "$env" redpak-manager --root "/home/$user/nodes" --screenshot "/home/$user/shot.png"
    head -c 8 "/home/$user/shot.png" | od -An -c | grep -q 'P   N   G' || fail "no PNG screenshot"
    echo "redpak-manager --screenshot made a PNG"
}

# Packages dpkg still knows, with their state (ii installed, rc removed with a postrm or
# configuration files left).
redpak_states() {
    dpkg-query --show --showformat='${db:Status-Abbrev} ${Package}\n' 'redpak-*' 2>/dev/null |
        awk '$1 != "un" { print $1, $2 }'
}

remove_and_purge() {
    apt-get remove --yes -o Dpkg::Use-Pty=0 redpak-manager redpak-helper redpak-tools
    left=$(redpak_states)
    echo "after remove: ${left:-nothing}"
    # redpak-helper keeps its state until purge; the others ship no configuration.
    [ "$left" = "rc redpak-helper" ] || fail "after remove, dpkg knows '$left', expected 'rc redpak-helper'"
    apt-get purge --yes -o Dpkg::Use-Pty=0 redpak-helper
    left=$(redpak_states)
    [ -z "$left" ] || fail "dpkg still knows: $left"
    [ ! -e /var/lib/redpak ] || fail "purge left the helper's state in /var/lib/redpak"
    echo "redpak-tools, redpak-helper and redpak-manager are purged"
}

case "${1:-}" in
    install-tools) install_tools ;;
    launch-as-user) launch_as_user ;;
    install-all) install_all ;;
    configure-helper) configure_helper ;;
    helper-by-activation) helper_by_activation ;;
    gui-starts) gui_starts ;;
    remove-and-purge) remove_and_purge ;;
    *) fail "unknown step '${1:-}'" ;;
esac
