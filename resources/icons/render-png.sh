#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Re-renders the committed PNG icons from the scalable emblem after it changes.
# The PNGs are committed so that building needs no SVG renderer (rsvg-convert: librsvg2-bin).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for size in 16 22 24 32 48 64 128 256; do
    mkdir -p "$here/${size}x${size}"
    rsvg-convert --width "$size" --height "$size" \
        --output "$here/${size}x${size}/org.redpak.Manager.png" "$here/org.redpak.Manager.svg"
done
