#!/bin/sh
# Run by the server's build (threadhook-server/pom.xml, package phase): writes the class-data
# archives next to the jar, one per database, so that even the first server after a build starts
# from one (docs/benchmarks.md, profile 38). Each comes from a training run of the jar
# (`threadhook train-class-data`: a server on a scratch H2 database, driven through a short
# conversation, then stopped) under the JVM options ./threadhook serve uses for that database:
# the JVM reads an archive only when some of them (compact object headers) are the ones it was
# written with. A training run that fails leaves no archive, and says so: the first server to
# exit then writes one, as before.
# $1: the server module's target directory, holding threadhook.jar.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/find-jdk.sh"
. "$here/scripts/server-defaults.sh"
threadhook_find_jdk || exit 1
target=$(cd "$1" && pwd)
jar="$target/threadhook.jar"
scratch="$target/class-data-training"
# The default options are split into words but not expanded as file names (C2's cap is *.*).
set -f
for database in h2 postgresql; do
  archive=$(threadhook_cds_archive "$here" "$database")
  log="$target/class-data-training-$database.log"
  rm -rf "$archive" "$scratch"
  # shellcheck disable=SC2046 # the default options are several words on purpose
  if "$JAVA_HOME/bin/java" "-XX:ArchiveClassesAtExit=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
      $(threadhook_default_java_opts "$database") \
      -jar "$jar" train-class-data --data-dir "$scratch" >"$log" 2>&1 && [ -f "$archive" ]; then
    echo "class-data archive for $database: $archive"
  else
    rm -f "$archive"
    echo "WARNING: the class-data training run for $database failed (see $log); the first" \
      "server to exit will write its archive instead" >&2
  fi
  rm -rf "$scratch"
done
