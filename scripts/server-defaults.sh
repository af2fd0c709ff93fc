# Sourced (POSIX sh) by ./threadhook and ./bench, after scripts/find-jdk.sh: how the server's JVM
# runs unless THREADHOOK_JAVA_OPTS says otherwise. Measured in docs/benchmarks.md (profile 34
# for the last three):
# - a 96 MB heap: the server stays under 300 MB resident under load;
# - the parallel collector rather than G1 (the JVM's default): on two cores G1's concurrent
#   threads and write barriers cost the server a fifth of its throughput (send on H2: 3,395
#   msg/s with G1, 4,117 with ParallelGC, same RSS);
# - InlineSmallCode=1000 (JDK 13's default; 2,500 since): C2 does not inline methods it has
#   already compiled to more than 1,000 bytes, so its compilations are smaller and done sooner.
#   Under load C2 had worked ~0.4 core for the first 75–80 s of every run, on the same two cores;
# - compact object headers (JDK 25; experimental before): 8-byte object headers instead of 12,
#   so H2's many small objects take less heap and the collector runs less often.
# Prints them for the JDK that find-jdk.sh chose.
threadhook_default_java_opts() {
  opts="-Xmx96m -XX:+UseParallelGC -XX:InlineSmallCode=1000"
  if [ "${THREADHOOK_JDK_MAJOR:-0}" -ge 25 ]; then
    opts="$opts -XX:+UseCompactObjectHeaders"
  fi
  echo "$opts"
}

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
