# Sourced (POSIX sh) by ./threadhook and ./bench: how the server's JVM runs unless
# THREADHOOK_JAVA_OPTS says otherwise. Measured in docs/benchmarks.md: with a 96 MB heap the
# server stays well under 300 MB resident under load (G1, the JVM's default collector).
THREADHOOK_DEFAULT_JAVA_OPTS="-Xmx96m"

# The class-data archive of the server's jar: written when the first server after a build exits,
# it makes every later start about half a second faster. A rebuilt jar makes the JVM write a
# new one (AutoCreateSharedArchive, JDK 19 and later).
threadhook_cds_opts() {
  echo "-XX:SharedArchiveFile=$1/threadhook-server/target/threadhook.jsa -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
}
