# Sourced by the project's scripts: exports JAVA_HOME for a JDK >= 21 and FLOWFILE_JVM_FLAGS for it.
# Order: $JAVA_HOME if it is >= 21, then the newest JDK >= 21 under /usr/lib/jvm, then `java` on PATH.

flowfile_java_major() { # JDK home -> major version, or nothing
  local release="$1/release" version
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$version"
}

flowfile_find_java() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(flowfile_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    major=$(flowfile_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(flowfile_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then best="$candidate"; fi
  fi
  [ -n "$best" ] && echo "$best"
}

JAVA_HOME=$(flowfile_find_java) || true
if [ -z "${JAVA_HOME:-}" ]; then
  echo "flowfile: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm and PATH); install one, e.g. Temurin 21" >&2
  exit 1
fi
export JAVA_HOME
FLOWFILE_JAVA_MAJOR=$(flowfile_java_major "$JAVA_HOME")
# Arrow Java reaches into java.nio for its off-heap buffers. DuckDB loads a native library through
# JNI: JDK 24+ warn unless native access is granted; on JDK 24+ Arrow's Netty allocator also needs
# sun.misc.Unsafe's memory access (JDK 21 does not know that flag and refuses to start with it).
FLOWFILE_JVM_FLAGS="--add-opens=java.base/java.nio=ALL-UNNAMED"
if [ "$FLOWFILE_JAVA_MAJOR" -ge 24 ]; then
  FLOWFILE_JVM_FLAGS="$FLOWFILE_JVM_FLAGS --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
fi
export FLOWFILE_JAVA_MAJOR FLOWFILE_JVM_FLAGS
