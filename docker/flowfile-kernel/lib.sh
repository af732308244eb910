# Shell functions shared by lock.sh, build.sh and venv.sh (sourced, bash).

# The `--platform` arguments that make `pip download` pick manylinux x86_64 wheels from
# manylinux_2_36 (glibc of Debian bookworm) down to manylinux2014, so wheels published only as
# manylinux_2_28 (or any other level in between) are found.
flowfile_pip_platform_args() {
  local minor
  for minor in $(seq 36 -1 17); do
    printf -- '--platform manylinux_2_%s_x86_64 ' "$minor"
  done
  printf -- '--platform manylinux2014_x86_64 --platform manylinux2010_x86_64 --platform manylinux1_x86_64\n'
}

# Runs a heavy command (debootstrap, pip download, docker build) under the build lock shared with the
# Maven build, waiting at most an hour for it, unless this process tree holds the lock already (flock
# is not re-entrant across processes).
FLOWFILE_BUILD_LOCK="${FLOWFILE_BUILD_LOCK:-/tmp/flowfile-build.lock}"
flowfile_with_build_lock() {
  if [ -n "${FLOWFILE_BUILD_LOCK_HELD:-}" ]; then
    "$@"
  else
    local rc=0
    FLOWFILE_BUILD_LOCK_HELD=1 flock -E 75 -w 3600 "$FLOWFILE_BUILD_LOCK" "$@" || rc=$?
    [ $rc -ne 75 ] || echo "gave up waiting 1 h for the build lock $FLOWFILE_BUILD_LOCK" >&2
    return $rc
  fi
}

# flowfile_fill_wheelhouse DIR TARGET LOCK_FILE [PYTHON]
# Makes DIR hold exactly the wheels pinned in LOCK_FILE. TARGET is a Python version "X.Y" (wheels for
# CPython X.Y on manylinux x86_64, whatever the host is) or "host" (wheels for PYTHON itself).
# Skipped when DIR/.lock-sha256 records LOCK_FILE's hash. Returns non-zero with a message on failure.
flowfile_fill_wheelhouse() {
  local dir="$1" target="$2" lock_file="$3" python="${4:-python3}" lock_sha
  lock_sha="$(sha256sum "$lock_file" | cut -d' ' -f1)"
  if [ -f "$dir/.lock-sha256" ] && [ "$(cat "$dir/.lock-sha256")" = "$lock_sha" ]; then
    echo "wheelhouse $dir is up to date with $(basename "$lock_file")"
    return 0
  fi
  mkdir -p "$dir"
  rm -f "$dir/.lock-sha256"
  local -a platform=()
  if [ "$target" != host ]; then
    # shellcheck disable=SC2207
    platform=(--implementation cp --python-version "$target" --abi "cp${target/./}" $(flowfile_pip_platform_args))
  fi
  echo "downloading the wheels of $(basename "$lock_file") into $dir"
  if ! flowfile_with_build_lock timeout 1800 "$python" -m pip download --quiet --disable-pip-version-check \
      --no-deps --only-binary=:all: "${platform[@]}" -d "$dir" -r "$lock_file"; then
    echo "pip download of the wheels in $lock_file failed (is the package index reachable?)" >&2
    return 1
  fi
  # Keep exactly the locked wheels: drop those of earlier locks.
  "$python" - "$dir" "$lock_file" <<'PY' || return 1
import os, re, sys
norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()
wanted = {}
for line in open(sys.argv[2]):
    line = line.split("#")[0].strip()
    if line:
        name, version = line.split("==")
        wanted[norm(name)] = version
found = set()
for file in os.listdir(sys.argv[1]):
    if file.endswith(".whl"):
        name, version = file[:-4].split("-")[:2]
        if wanted.get(norm(name)) == version:
            found.add(norm(name))
        else:
            os.remove(os.path.join(sys.argv[1], file))
missing = sorted(set(wanted) - found)
if missing:
    sys.exit(f"the wheelhouse {sys.argv[1]} has no wheel for: {', '.join(missing)}")
PY
  echo "$lock_sha" >"$dir/.lock-sha256"
}
