#!/usr/bin/env bash
# Runs the tests of the kernel-side flowfile package on the host: prepares build/python-venv
# (venv.sh; quick when up to date) and runs pytest in python/ (all of tests/ unless told otherwise).
# Exits non-zero on failures.
#
# Usage: docker/flowfile-kernel/test.sh [pytest arguments...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/venv.sh" >/dev/null
venv="$(cd "$here/../.." && pwd)/build/python-venv"
cd "$here/python"
exec timeout 1800 "$venv/bin/python" -m pytest "$@"
