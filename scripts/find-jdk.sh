# Sourced (POSIX sh) by ./mvnw and ./threadhook: exports JAVA_HOME pointing at a JDK >= 21, and
# THREADHOOK_JDK_MAJOR its major version (the server's default JVM options depend on it).
# Looks at JAVA_HOME first, then every JDK under /usr/lib/jvm, then `java` on the PATH.
threadhook_jdk_major() {
  # prints the major version of the JDK at $1, or nothing when $1 is not a JDK
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  # A JDK names its version in its release file (JAVA_VERSION="25.0.3", "1.8.0_292" before 9).
  # Reading it spares starting a JVM per candidate: ./threadhook started three on our machines
  # (0.48 s) before the server's own (docs/benchmarks-history.md, the twentieth session's results).
  if [ -f "$1/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" | head -n 1)
    case "$version" in 1.*) version=${version#1.} ;; esac
    version=${version%%[!0-9]*}
    if [ -n "$version" ]; then
      echo "$version"
      return 0
    fi
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

threadhook_find_jdk() {
  tried=""
  for candidate in "${JAVA_HOME-}" /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    major=$(threadhook_jdk_major "$candidate")
    tried="$tried
  $candidate: ${major:-not a JDK}"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      JAVA_HOME="$candidate"
      THREADHOOK_JDK_MAJOR="$major"
      export JAVA_HOME THREADHOOK_JDK_MAJOR
      return 0
    fi
  done
  echo "Threadhook needs a JDK 21 or newer (java and javac), and none was found." >&2
  echo "Looked at JAVA_HOME, /usr/lib/jvm/* and the PATH:$tried" >&2
  echo "Install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
  return 1
}
