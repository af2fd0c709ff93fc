# Sourced (POSIX sh) by ./threadhook and ./bench, after scripts/find-jdk.sh: how the server's JVM
# runs unless THREADHOOK_JAVA_OPTS says otherwise. Measured in docs/benchmarks.md:
# - a 96 MB heap: the server stays under 300 MB resident under load;
# - half of it for the young generation (-Xmn48m; a third by default, which the collector then
#   shrank to an eden of ~16 MB under load, collected ten times a second): fewer young
#   collections, about 35 % less time in them, and e2e's p99 at 2,000 msg/s a third to two thirds
#   lower in alternating runs on both databases (docs/benchmarks.md, profile 35);
# - the parallel collector rather than G1 (the JVM's default): on two cores G1's concurrent
#   threads and write barriers cost the server a fifth of its throughput (send on H2: 3,395
#   msg/s with G1, 4,117 with ParallelGC, same RSS);
# - on the embedded H2, two more (profile 34): InlineSmallCode=1000 (2,500 by default on x64
#   since JDK 16), so C2 does not inline methods it has already compiled to more than 1,000
#   bytes: H2's deep calls had made C2's compilations huge, and C2 worked ~0.4 core for the
#   first 80 s under load; with it C2 is done by ~60 s. And compact object headers (JDK 25;
#   experimental before): 8-byte headers instead of 12, so the heap holds more of H2's many
#   small objects between collections. Drains after a 40 s warm-up ran about a quarter faster
#   at a quarter less CPU per delivery, e2e at 2,000/s took 6 % less CPU. On PostgreSQL neither
#   measured better (the server's CPU a little higher, e2e's tail no shorter), so it runs
#   without them.
# - on H2 with JDK 25, C2's compilations capped at 16 MB each (a compilation that needs more is
#   given up, and the method stays with C1's code): a few of H2's and the dispatcher's loops
#   made C2 take 25-44 MB at once, which malloc kept after the compiler freed it. Max RSS
#   260-266 MB against 267-278 MB in seven alternating pairs of send, e2e and drain; the writes
#   alone, e2e and drain no slower, send with its deliveries perhaps a little (docs/benchmarks.md,
#   profile 39).
# $1: the database, as threadhook_database prints it.
threadhook_default_java_opts() {
  opts="-Xmx96m -Xmn48m -XX:+UseParallelGC"
  if [ "${1:-h2}" = h2 ]; then
    opts="$opts -XX:InlineSmallCode=1000"
    if [ "${THREADHOOK_JDK_MAJOR:-0}" -ge 25 ]; then
      opts="$opts -XX:+UseCompactObjectHeaders -XX:CompileCommand=quiet"
      opts="$opts -XX:CompileCommand=MemLimit,*.*,16m"
    fi
  fi
  echo "$opts"
}

# Prints postgresql when `threadhook "$@"` will use PostgreSQL, as far as the launcher can tell:
# a jdbc:postgresql: URL in the arguments, in THREADHOOK_DB_URL or in the properties file the
# server reads (THREADHOOK_CONFIG, else ./threadhook.properties); h2 otherwise.
threadhook_database() {
  case " $* ${THREADHOOK_DB_URL:-}" in
    *jdbc:postgresql:*) echo postgresql; return 0 ;;
  esac
  config="${THREADHOOK_CONFIG:-threadhook.properties}"
  if [ -f "$config" ] && grep -q 'jdbc:postgresql:' "$config"; then
    echo postgresql
  else
    echo h2
  fi
}

# glibc's malloc gives threads that allocate outside the Java heap (the JIT's compilers, the
# JDK's native code) arenas of their own, up to eight per core, and keeps what they free. Two
# arenas hold the server's resident memory lower and steadier under load: max RSS 274–280 MB
# against 272–305 MB over five alternating pairs of e2e and drain runs on H2, at the same rates
# (docs/benchmarks.md, profile 28). Servers the bench starts inherit it. A value already set wins.
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export MALLOC_ARENA_MAX

# What the server's JVM starts from, made by the build from a training run of the jar
# (scripts/train-class-data.sh), one per database: their JVM options differ in compact object
# headers, which an archive or cache must be read with as it was written.
# - From JDK 25, an AOT cache (threadhook-<database>.aot; JEP 483, 514, 515): the classes of a
#   start already loaded and linked, the lambdas and method handles resolved, the methods'
#   profiles. Ready in 1.44 s on average against 1.73 s from the class-data archive (H2; 1.94
#   against 2.42 s on PostgreSQL), and on H2 a lower RSS (docs/benchmarks.md, profile 49).
# - Before JDK 25, or when the build could not write the cache, a class-data archive
#   (threadhook-<database>.jsa): the classes alone, about 0.7 s of a start (1.7 s -> 1.0 s to
#   ready, measured). When it is missing the first server to exit writes one.
# The JVM (JDK 25) does not replace an archive or a cache whose jar changed -- it runs without
# one and writes none -- so one older than the jar is removed here.
# $1: the project's directory; $2: the database, as threadhook_database prints it.
threadhook_cds_archive() {
  echo "$1/threadhook-server/target/threadhook-${2:-h2}.jsa"
}

threadhook_aot_cache() {
  echo "$1/threadhook-server/target/threadhook-${2:-h2}.aot"
}

threadhook_cds_opts() {
  jar="$1/threadhook-server/target/threadhook.jar"
  archive=$(threadhook_cds_archive "$1" "${2:-h2}")
  cache=$(threadhook_aot_cache "$1" "${2:-h2}")
  for stale in "$archive" "$cache"; do
    if [ -f "$stale" ] && [ "$jar" -nt "$stale" ]; then
      rm -f "$stale"
    fi
  done
  if [ "${THREADHOOK_JDK_MAJOR:-0}" -ge 25 ] && [ -f "$cache" ]; then
    echo "-XX:AOTCache=$cache -Xlog:aot=off -Xlog:cds=off"
  else
    echo "-XX:SharedArchiveFile=$archive -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}
