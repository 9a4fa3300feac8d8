# Sourced by ./spd and .ci/run: sets JAVA_HOME to a JDK of 21 or newer, or explains what to install.
# Order: $JAVA_HOME, then `java` on the PATH, then the usual install locations (newest first).

spd_java_major() {
  # Prints the major version of the JDK at $1 (a JAVA_HOME), or nothing when it is not a JDK.
  local home="$1"
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  # The JDK's `release` file names its version without starting a JVM (fast); fall back to asking java.
  if [ -f "$home/release" ]; then
    local version
    version="$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$home/release" | head -n 1)"
    if [ -n "$version" ]; then
      echo "$version"
      return 0
    fi
  fi
  "$home/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

spd_find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    local on_path
    on_path="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    candidates+=("$on_path")
  fi
  local dir
  for dir in $(ls -d /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
               "$HOME"/.sdkman/candidates/java/* 2>/dev/null | sort -rV); do
    candidates+=("$dir")
  done
  local home major
  for home in "${candidates[@]}"; do
    major="$(spd_java_major "$home")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$home"
      export SPD_JAVA_MAJOR="$major"
      return 0
    fi
  done
  echo "spd: no JDK of version 21 or newer was found (looked at \$JAVA_HOME, java on the PATH and /usr/lib/jvm)." >&2
  echo "spd: install one (e.g. 'sudo apt install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}
