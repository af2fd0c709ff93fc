#!/bin/sh
# Run by the server's build (threadhook-server/pom.xml, package phase): writes what the server's
# JVM starts from next to the jar, one per database, so that even the first server after a build
# uses one (docs/benchmarks.md, profiles 38 and 49): from JDK 25 an AOT cache
# (threadhook-<database>.aot), before it a class-data archive (threadhook-<database>.jsa). Each
# comes from a training run of the jar (`threadhook train-class-data`: a server on a scratch
# database, driven through a short conversation, then stopped) under the JVM options
# ./threadhook serve uses for that database: the JVM reads an archive or a cache only when some
# of them (compact object headers) are the ones it was written with. PostgreSQL's run makes its
# scratch database on the server THREADHOOK_TRAINING_POSTGRES names (default: the one on
# 127.0.0.1:5432, as user postgres) and drops it after, so that its cache holds the driver's
# classes (profile 51); set it to "off", or have no server there, and that run uses H2 too. A
# training run that fails leaves nothing, and says so: the first server to exit then writes a
# class-data archive, as before.
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
training_postgres=${THREADHOOK_TRAINING_POSTGRES:-jdbc:postgresql://127.0.0.1:5432/postgres}
for database in h2 postgresql; do
  on=""
  if [ "$database" = postgresql ] && [ "$training_postgres" != off ]; then
    on="--postgres $training_postgres"
  fi
  archive=$(threadhook_cds_archive "$here" "$database")
  cache=$(threadhook_aot_cache "$here" "$database")
  log="$target/class-data-training-$database.log"
  rm -rf "$archive" "$cache" "$scratch"
  if [ "$THREADHOOK_JDK_MAJOR" -ge 25 ]; then
    # The JVM writes the cache at exit, in a child JVM it starts (AOTCacheOutput, JEP 514).
    written="$cache" kind="AOT cache"
    record="-XX:AOTCacheOutput=$cache"
  else
    written="$archive" kind="class-data archive"
    record="-XX:ArchiveClassesAtExit=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
  # shellcheck disable=SC2046,SC2086 # the options are several words on purpose
  if "$JAVA_HOME/bin/java" $record $(threadhook_default_java_opts "$database") \
      -jar "$jar" train-class-data --data-dir "$scratch" $on >"$log" 2>&1 \
      && [ -f "$written" ]; then
    # The run's last word says which database it trained on.
    echo "$kind for $database: $written ($(sed -n 's/^train-class-data: //p' "$log" | tail -1))"
  else
    rm -f "$written"
    echo "WARNING: the $kind's training run for $database failed (see $log); the first" \
      "server to exit will write a class-data archive instead" >&2
  fi
  rm -rf "$scratch"
done
