#!/usr/bin/env bash
# Builds the flowfile-kernel image on a machine that reaches no container registry and whose
# containers reach no network:
#   1. checks that the Docker daemon answers;
#   2. picks the base image: --base / $FLOWFILE_KERNEL_BASE_IMAGE, else python:3.12-slim when it is
#      present locally, else flowfile-base:bookworm when present, else python:3.12-slim when it can be
#      pulled within 30 s, else builds flowfile-base:bookworm from a Debian rootfs (debootstrap +
#      docker import; needs root);
#   3. fills the host wheelhouse build/wheelhouse/cp<XY>/ for the base image's Python from
#      requirements.lock (skipped when its marker records the same lock hash);
#   4. downloads iptables and its libraries with the host's apt (build/debs/<release>/: the kernel's
#      network guard, bin/flowfile-netguard; the host must run the base image's Debian release);
#   5. links the wheels into the build context (wheels/) and runs `docker build`, tagging
#      <tag> and <repository>:lock-<first 12 hex of the lock's sha256>-py<XY> (the base's Python).
# Idempotent: a second run with nothing changed takes seconds (wheelhouse skip, layer cache).
#
# Usage: docker/flowfile-kernel/build.sh [--tag NAME] [--base IMAGE]
# Heavy steps (debootstrap, pip download, docker build) run under flock /tmp/flowfile-build.lock.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

tag="flowfile-kernel:latest"
base="${FLOWFILE_KERNEL_BASE_IMAGE:-}"
local_base="flowfile-base:bookworm"
upstream_base="python:3.12-slim"
lock_file="$here/requirements.lock"
python="${PYTHON:-python3}"

usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "build.sh: error: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) [ $# -ge 2 ] || die "--tag needs a value"; tag="$2"; shift 2 ;;
    --tag=*) tag="${1#--tag=}"; shift ;;
    --base) [ $# -ge 2 ] || die "--base needs a value"; base="$2"; shift 2 ;;
    --base=*) base="${1#--base=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

now() { date +%s.%N; }
seconds_since() { awk -v from="$1" -v to="$(now)" 'BEGIN { printf "%.1f", to - from }'; }
started="$(now)"
declare -a timings=()
step_started=""
step() { step_started="$(now)"; echo "build.sh: == $*"; }
step_done() { timings+=("$(printf '%-22s %7s s' "$1" "$(seconds_since "$step_started")")"); }
print_timings() {
  echo "build.sh: timings"
  local line
  for line in "${timings[@]}"; do echo "  $line"; done
  printf '  %-22s %7s s\n' "total" "$(seconds_since "$started")"
}

image_exists() { timeout 20 docker image inspect "$1" >/dev/null 2>&1; }

# --- 1. Docker ---------------------------------------------------------------------------------
step "checking the Docker daemon"
command -v docker >/dev/null 2>&1 || die "the docker command is not installed (Debian: apt-get install docker.io; or run scripts/setup as root)"
if ! docker_err="$(timeout 20 docker info 2>&1 >/dev/null)"; then
  die "the Docker daemon does not answer ('docker info' failed: ${docker_err:-timed out after 20 s}). Start it (as root: dockerd >/tmp/dockerd.log 2>&1 &, or scripts/setup) and check you may use /var/run/docker.sock"
fi
step_done "docker info"

# --- 2. Base image -----------------------------------------------------------------------------
build_local_base() {
  [ "$(id -u)" = 0 ] || die "the base image $local_base is missing and building it needs root (debootstrap + chroot). Run this script as root once, or pass --base IMAGE with a local Debian/Python image"
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap is not installed (apt-get install debootstrap), needed to build $local_base"
  rootfs="$(mktemp -d /var/tmp/flowfile-base.XXXXXX)"
  # debootstrap mounts /proc and /sys inside the target: unmount before deleting, never cross mounts.
  cleanup_rootfs() {
    local m
    for m in proc sys dev/pts dev; do umount -l "$rootfs/$m" 2>/dev/null || true; done
    rm -rf --one-file-system "$rootfs"
  }
  trap cleanup_rootfs EXIT
  echo "build.sh: debootstrap bookworm into $rootfs (about a minute)"
  local debootstrap_started; debootstrap_started="$(now)"
  flowfile_with_build_lock timeout 1800 debootstrap --variant=minbase \
    --include=python3,python3-venv,python3-pip,ca-certificates \
    bookworm "$rootfs" http://deb.debian.org/debian >/tmp/flowfile-debootstrap.log 2>&1 ||
    die "debootstrap failed (log: /tmp/flowfile-debootstrap.log, last lines: $(tail -n 3 /tmp/flowfile-debootstrap.log | tr '\n' ' '))"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* 2>/dev/null || true
  echo "build.sh: docker import $local_base"
  tar -C "$rootfs" -c . | timeout 900 docker import \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'LABEL io.flowfile.base=debootstrap-bookworm-minbase' \
    --change 'CMD ["python3"]' \
    - "$local_base" >/dev/null || die "docker import of $local_base failed"
  cleanup_rootfs
  trap - EXIT
  timings+=("$(printf '%-22s %7s s' "(debootstrap+import)" "$(seconds_since "$debootstrap_started")")")
}

step "choosing the base image"
if [ -n "$base" ]; then
  if ! image_exists "$base"; then
    if [ "$base" = "$local_base" ]; then
      build_local_base # made here, never pulled
    else
      flowfile_with_build_lock timeout 120 docker pull "$base" || die "base image $base is not present locally and cannot be pulled"
    fi
  fi
elif image_exists "$upstream_base"; then
  base="$upstream_base"
elif image_exists "$local_base"; then
  base="$local_base"
elif timeout 30 docker pull "$upstream_base" >/dev/null 2>&1; then
  base="$upstream_base"
else
  echo "build.sh: $upstream_base is not present and cannot be pulled: building the local base $local_base"
  build_local_base
  base="$local_base"
fi
py_tag="$(timeout 60 docker run --rm --network none --entrypoint python3 "$base" \
  -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" ||
  die "cannot run python3 in the base image $base (it needs python3 with the venv module)"
py_xy="${py_tag/./}"
echo "build.sh: base image $base (Python $py_tag)"
step_done "base image"

# --- 3. Wheelhouse -----------------------------------------------------------------------------
[ -f "$lock_file" ] || die "missing $lock_file (generate it with lock.sh)"
lock_sha="$(sha256sum "$lock_file" | cut -d' ' -f1)"
wheelhouse="$repo/build/wheelhouse/cp$py_xy"
step "wheelhouse $wheelhouse"
flowfile_fill_wheelhouse "$wheelhouse" "$py_tag" "$lock_file" "$python" ||
  die "could not fill the wheelhouse $wheelhouse for Python $py_tag"
echo "build.sh: $(find "$wheelhouse" -name '*.whl' | wc -l) wheels, $(du -sh "$wheelhouse" | cut -f1)"
step_done "wheelhouse"

# --- 4. iptables packages (the network guard) ----------------------------------------------------
# Containers reach no package mirror, so the packages come from the host's apt, for the base's release.
step "iptables packages"
netguard_packages="iptables libip4tc2 libip6tc2 libxtables12 netbase libmnl0 libnetfilter-conntrack3 libnfnetlink0 libnftnl11"
base_release="$(timeout 60 docker run --rm --network none --entrypoint sh "$base" -c '. /etc/os-release && echo "$VERSION_CODENAME"' 2>/dev/null)" ||
  die "cannot read /etc/os-release in the base image $base"
host_release="$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")"
[ "$base_release" = "$host_release" ] ||
  die "the base image $base is Debian '$base_release' and this host is '${host_release:-not Debian}': the kernel's iptables packages are downloaded with the host's apt, so they must match (pass --base with a $host_release image)"
debs="$repo/build/debs/$base_release"
if [ ! -f "$debs/.complete" ] || [ "$(cat "$debs/.complete")" != "$netguard_packages" ]; then
  command -v apt-get >/dev/null 2>&1 || die "apt-get is missing: the kernel's iptables packages come from the host's apt"
  rm -rf "$debs"; mkdir -p "$debs"
  # shellcheck disable=SC2086
  download_debs() { (cd "$debs" && flowfile_with_build_lock timeout 300 apt-get download $netguard_packages >/tmp/flowfile-debs.log 2>&1); }
  if ! download_debs; then
    # a machine whose package lists were never fetched: as root, fetch them once and try again
    [ "$(id -u)" = 0 ] && timeout 600 apt-get update -q >/dev/null 2>&1 && download_debs ||
      die "apt-get download of the iptables packages failed (log: /tmp/flowfile-debs.log: $(tail -n 2 /tmp/flowfile-debs.log | tr '\n' ' '); run apt-get update as root first)"
  fi
  echo "$netguard_packages" >"$debs/.complete"
fi
rm -rf "$here/debs"; mkdir -p "$here/debs"
cp "$debs"/*.deb "$here/debs/"
echo "build.sh: $(find "$here/debs" -name '*.deb' | wc -l) packages for $base_release"
step_done "iptables packages"

# --- 5. Build context and image ----------------------------------------------------------------
step "docker build $tag"
context_wheels="$here/wheels"
mkdir -p "$context_wheels"
for file in "$context_wheels"/*.whl; do
  [ -e "$file" ] || continue
  [ -e "$wheelhouse/$(basename "$file")" ] || rm -f "$file"
done
for file in "$wheelhouse"/*.whl; do
  target="$context_wheels/$(basename "$file")"
  [ -e "$target" ] || ln "$file" "$target" 2>/dev/null || cp "$file" "$target"
done
repository="$tag"
if [[ "${tag##*/}" == *:* ]]; then repository="${tag%:*}"; fi
lock_tag="$repository:lock-${lock_sha:0:12}-py$py_xy"
flowfile_with_build_lock timeout 3600 docker build \
  --build-arg "BASE_IMAGE=$base" \
  --build-arg "LOCK_SHA256=$lock_sha" \
  --build-arg "PYTHON_VERSION=$py_tag" \
  -t "$tag" -t "$lock_tag" "$here" || die "docker build failed (see above)"
step_done "docker build"

size="$(timeout 20 docker image inspect -f '{{.Size}}' "$tag")"
echo "build.sh: built $tag and $lock_tag from $base ($((size / 1000 / 1000)) MB, lock sha256 $lock_sha)"
print_timings
