# Sourced (POSIX sh) by ./threadhook and ./bench: how the server's JVM runs unless
# THREADHOOK_JAVA_OPTS says otherwise. Measured in docs/benchmarks.md: with a 96 MB heap the
# server stays under 300 MB resident under load. The parallel collector rather than G1 (the
# JVM's default): on two cores G1's concurrent threads and write barriers cost the server a fifth
# of its throughput (send on H2: 3,395 msg/s with G1, 4,117 with ParallelGC, same RSS).
THREADHOOK_DEFAULT_JAVA_OPTS="-Xmx96m -XX:+UseParallelGC"

# glibc's malloc gives threads that allocate outside the Java heap (the JIT's compilers, the
# JDK's native code) arenas of their own, up to eight per core, and keeps what they free. Two
# arenas hold the server's resident memory lower and steadier under load: max RSS 274–280 MB
# against 272–305 MB over five alternating pairs of e2e and drain runs on H2, at the same rates
# (docs/benchmarks.md, profile 28). Servers the bench starts inherit it. A value already set wins.
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export MALLOC_ARENA_MAX

# The class-data archive of the server's jar: written when the first server after a build exits,
# it makes every later start about 0.7 s faster (1.7 s → 1.0 s to ready, measured). The JVM
# (JDK 25) does not replace an archive whose jar changed — it runs without one and writes none —
# so an archive older than the jar is removed here and the next server's exit writes a new one.
threadhook_cds_opts() {
  archive="$1/threadhook-server/target/threadhook.jsa"
  if [ -f "$archive" ] && [ "$1/threadhook-server/target/threadhook.jar" -nt "$archive" ]; then
    rm -f "$archive"
  fi
  echo "-XX:SharedArchiveFile=$1/threadhook-server/target/threadhook.jsa -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
}
