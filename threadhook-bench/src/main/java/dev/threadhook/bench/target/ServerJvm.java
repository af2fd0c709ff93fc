package dev.threadhook.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How the bench runs a server's JVM: as {@code ./threadhook serve} does (both follow
 * scripts/server-defaults.sh), so the numbers are those of a server started the documented way.
 */
public final class ServerJvm {
  private ServerJvm() {}

  /**
   * The server's JVM options when THREADHOOK_JAVA_OPTS gives none, as the launcher's
   * {@code threadhook_default_java_opts} prints them for a JDK of {@code jdkMajor} and that
   * database: a 96 MB heap, half of it young (profile 35), the parallel collector; on H2 also
   * C2's smaller inlining and, from JDK 25, compact object headers (no longer experimental
   * there) and C2's compilations capped at 16 MB each (profile 39).
   */
  public static String defaultOptions(int jdkMajor, DatabaseChoice database) {
    String options = "-Xmx96m -Xmn48m -XX:+UseParallelGC";
    if (database != DatabaseChoice.H2) return options;
    options += " -XX:InlineSmallCode=1000";
    if (jdkMajor < 25) return options;
    return options + " -XX:+UseCompactObjectHeaders -XX:CompileCommand=quiet"
        + " -XX:CompileCommand=MemLimit,*.*,16m";
  }

  /** The default options on the JDK running the bench, which also runs the servers it starts. */
  public static String defaultOptions(DatabaseChoice database) {
    return defaultOptions(Runtime.version().feature(), database);
  }

  /**
   * What the server's JVM of {@code database} starts from, as the launcher's
   * {@code threadhook_cds_opts} chooses it: on JDK 25 and later the AOT cache next to the jar when
   * the build wrote one (profile 49); otherwise the class-data archive next to it, read when it is
   * there, written when the server exits when it is not. The build writes one of them for each
   * database (scripts/train-class-data.sh), as their JVM options differ.
   */
  public static List<String> classDataArchiveOptions(Path serverJar, DatabaseChoice database) {
    return classDataArchiveOptions(Runtime.version().feature(), serverJar, database);
  }

  static List<String> classDataArchiveOptions(int jdkMajor, Path serverJar,
      DatabaseChoice database) {
    if (usesAotCache(jdkMajor, serverJar, database)) {
      return List.of("-XX:AOTCache=" + aotCache(serverJar, database), "-Xlog:aot=off",
          "-Xlog:cds=off");
    }
    return List.of("-XX:SharedArchiveFile=" + archive(serverJar, database),
        "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /**
   * What a server of {@code database} started now would start from: {@code "AOT cache read"},
   * {@code "class-data archive read"}, or {@code "class-data archive written when the server
   * exits"}.
   */
  public static String startsFrom(Path serverJar, DatabaseChoice database) {
    if (usesAotCache(Runtime.version().feature(), serverJar, database)) return "AOT cache read";
    return archiveExists(serverJar, database) ? "class-data archive read"
        : "class-data archive written when the server exits";
  }

  /** Whether a server of {@code database} started now would find a class-data archive to read. */
  public static boolean archiveExists(Path serverJar, DatabaseChoice database) {
    return Files.isRegularFile(archive(serverJar, database));
  }

  private static boolean usesAotCache(int jdkMajor, Path serverJar, DatabaseChoice database) {
    return jdkMajor >= 25 && Files.isRegularFile(aotCache(serverJar, database));
  }

  /**
   * Removes the archive and the cache when the jar is newer, as the launcher does: the JVM runs
   * without an archive whose jar changed and does not write a new one, so every later server
   * would start without one.
   */
  public static void removeStaleArchive(Path serverJar, DatabaseChoice database)
      throws IOException {
    for (Path file : List.of(archive(serverJar, database), aotCache(serverJar, database))) {
      if (Files.isRegularFile(file) && Files.isRegularFile(serverJar)
          && Files.getLastModifiedTime(serverJar).compareTo(Files.getLastModifiedTime(file)) > 0) {
        Files.delete(file);
      }
    }
  }

  /** As the launcher's {@code threadhook_cds_archive} names it. */
  static Path archive(Path serverJar, DatabaseChoice database) {
    return serverJar.toAbsolutePath()
        .resolveSibling("threadhook-" + database.wireName() + ".jsa");
  }

  /** As the launcher's {@code threadhook_aot_cache} names it. */
  static Path aotCache(Path serverJar, DatabaseChoice database) {
    return serverJar.toAbsolutePath()
        .resolveSibling("threadhook-" + database.wireName() + ".aot");
  }
}
