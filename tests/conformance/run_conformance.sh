#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Replays the shared reference cases (../shared/conformance) against build/bin.
# usage: run_conformance.sh SHARED_DIR BIN_DIR
# Exit 77 (ctest SKIP_RETURN_CODE) with the reason when the shared material is absent.
shared=$1
bindir=$2
if [ ! -f "$shared/conformance/run.py" ] || [ ! -d "$shared/conformance/basic" ]; then
    echo "SKIP: shared conformance cases not found in $shared/conformance (the repository is used without ../shared)"
    exit 77
fi
exec python3 "$shared/conformance/run.py" "$shared/conformance/basic" "$bindir" --verbose
