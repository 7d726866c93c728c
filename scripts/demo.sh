#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what is missing, builds into build/, creates a demo tree of rednodes in a folder
# owned by the user (${REDPAK_DEMO_DIR:-$HOME/redpak-demo}) and opens it in redpak-manager.
# Without a display (no DISPLAY nor WAYLAND_DISPLAY) it prints the tree and saves a screenshot
# of the window instead.
#
#   platform            root template: host system read-only, namespaces unshared, no CAP_SYS_ADMIN
#   `-- apps            a given config: a variable, a tmpfs home, no network
#       `-- browser     a given config: its own prompt, a private downloads folder
#
# Run as root (apt) or as a user who already has the packages. With sudo, the tree goes to the
# invoking user's home and belongs to that user.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$(nproc)" --target redconf redwrap redpak-manager
redconf="$top/build/bin/redconf"
manager="$top/build/bin/redpak-manager"

# Whose tree: the invoking user under sudo, else the current user.
owner=${SUDO_USER:-$(id -un)}
owner_home=$(getent passwd "$owner" | cut -d: -f6)
demo=${REDPAK_DEMO_DIR:-${owner_home:-$HOME}/redpak-demo}

if [ -e "$demo/platform" ]; then
    echo "demo: $demo/platform exists; remove it to recreate the demo tree" >&2
else
    mkdir -p "$demo"
    given=$(mktemp -d)
    trap 'rm -rf "$given"' EXIT
    # Given configs are validated by redconf before anything is written.
    cat >"$given/apps.yaml" <<'YAML'
headers:
  alias: apps
config:
  die-with-parent: enabled
  share_net: disabled
environ:
  - key: APPS_LAYER
    mode: Static
    value: demo
exports:
  - mode: Tmpfs
    mount: /home/$LEAF_ALIAS
YAML
    cat >"$given/browser.yaml" <<'YAML'
headers:
  alias: browser
config:
  hostname: $LEAF_ALIAS
  chdir: /home/$LEAF_ALIAS
environ:
  - key: PS1
    value: '[$LEAF_ALIAS] $NODE_ALIAS> '
    info: the prompt shows which node the shell runs in
exports:
  - mode: Private
    mount: /home/$LEAF_ALIAS/Downloads
    path: $NODE_PATH/downloads
    info: kept between runs, visible only when browser is launched
YAML
    "$redconf" create --template root --alias platform "$demo/platform"
    "$redconf" create --config "$given/apps.yaml" --alias apps "$demo/platform/apps"
    "$redconf" create --config "$given/browser.yaml" --alias browser "$demo/platform/apps/browser"
    mkdir -p "$demo/platform/apps/browser/downloads"
    if [ "$(id -u)" -eq 0 ] && [ "$owner" != root ]; then
        chown -R "$owner:" "$demo"
    fi
fi

"$redconf" tree "$demo"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$manager" --root "$demo" --redpath "$demo/platform/apps/browser"
fi
shot="$demo/redpak-manager.png"
QT_QPA_PLATFORM=offscreen "$manager" --root "$demo" --redpath "$demo/platform/apps/browser" \
    --screenshot "$shot"
[ "$(id -u)" -ne 0 ] || chown "$owner:" "$shot"
echo "demo: no display; the window was rendered to $shot"
