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
   * The class-data archive of {@code database} next to the server's jar: read when it is there,
   * written when the server exits when it is not (or no longer matches the jar). The build writes
   * one for each database (scripts/train-class-data.sh), as their JVM options differ.
   */
  public static List<String> classDataArchiveOptions(Path serverJar, DatabaseChoice database) {
    return List.of("-XX:SharedArchiveFile=" + archive(serverJar, database),
        "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /** Whether a server of {@code database} started now would find an archive to read. */
  public static boolean archiveExists(Path serverJar, DatabaseChoice database) {
    return Files.isRegularFile(archive(serverJar, database));
  }

  /**
   * Removes the archive when the jar is newer, as the launcher does: the JVM runs without an
   * archive whose jar changed and does not write a new one, so every later server would start
   * without one.
   */
  public static void removeStaleArchive(Path serverJar, DatabaseChoice database)
      throws IOException {
    Path archive = archive(serverJar, database);
    if (Files.isRegularFile(archive) && Files.isRegularFile(serverJar)
        && Files.getLastModifiedTime(serverJar).compareTo(Files.getLastModifiedTime(archive)) > 0) {
      Files.delete(archive);
    }
  }

  /** As the launcher's {@code threadhook_cds_archive} names it. */
  static Path archive(Path serverJar, DatabaseChoice database) {
    return serverJar.toAbsolutePath()
        .resolveSibling("threadhook-" + database.wireName() + ".jsa");
  }
}
