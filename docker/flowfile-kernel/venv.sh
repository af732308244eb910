#!/usr/bin/env bash
# Creates or updates the host test environment build/python-venv: the packages of requirements.lock
# (from the wheelhouse build/wheelhouse/cp<XY>/ for the host's Python, which build.sh shares when the
# kernel image has the same Python) plus requirements-host.lock (pytest, ...: build/wheelhouse/host/),
# installed offline from those wheelhouses, with the flowfile package on its path (a .pth file
# pointing at python/). Skipped when the venv's stamp records the same locks and interpreter.
#
# Usage: docker/flowfile-kernel/venv.sh     (prints the venv's directory last)
# Environment: PYTHON (default python3), the interpreter the venv is made from.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
python="${PYTHON:-python3}"
venv="$repo/build/python-venv"
die() { echo "venv.sh: error: $*" >&2; exit 1; }

command -v "$python" >/dev/null 2>&1 || die "no $python on PATH (set PYTHON to a CPython 3.11+ interpreter)"
py_tag="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "$python is Python $py_tag; 3.11 or newer is needed"
"$python" -c 'import venv, ensurepip' 2>/dev/null || die "$python cannot create virtual environments (Debian: apt-get install python3-venv)"

wheelhouse="$repo/build/wheelhouse/cp${py_tag/./}"
host_wheelhouse="$repo/build/wheelhouse/host"
flowfile_fill_wheelhouse "$wheelhouse" "$py_tag" "$here/requirements.lock" "$python" ||
  die "could not fill $wheelhouse"
flowfile_fill_wheelhouse "$host_wheelhouse" host "$here/requirements-host.lock" "$python" ||
  die "could not fill $host_wheelhouse"

stamp="$(cat "$here/requirements.lock" "$here/requirements-host.lock" | sha256sum | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
if [ -f "$venv/.flowfile-stamp" ] && [ "$(cat "$venv/.flowfile-stamp")" = "$stamp" ] &&
   "$venv/bin/python" -c 'import flowfile, pytest, jupyter_client' 2>/dev/null; then
  echo "venv.sh: $venv is up to date"
else
  echo "venv.sh: creating $venv (Python $py_tag, offline from the wheelhouses)"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  timeout 900 "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index \
    --find-links "$wheelhouse" --find-links "$host_wheelhouse" \
    -r "$here/requirements.lock" -r "$here/requirements-host.lock" ||
    die "pip install into $venv failed"
  "$venv/bin/python" -m pip check >/dev/null || die "pip check found inconsistent packages in $venv"
  site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  echo "$here/python" >"$site/flowfile.pth"
  echo "$stamp" >"$venv/.flowfile-stamp"
fi
echo "$venv"
