package dev.threadhook.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench starts servers as ./threadhook serve does: both read scripts/server-defaults.sh. */
class ServerJvmTest {
  private static final Path DEFAULTS = Path.of("..", "scripts", "server-defaults.sh");

  @Test
  void defaultOptionsAreTheLaunchersForEachJdkAndDatabase() throws Exception {
    for (DatabaseChoice database : DatabaseChoice.values()) {
      for (int major : new int[] {21, 24, 25, 26}) {
        assertThat(ServerJvm.defaultOptions(major, database)).as("JDK %d, %s", major, database)
            .isEqualTo(launcherDefaults(major, database.wireName()));
      }
    }
    assertThat(ServerJvm.defaultOptions(21, DatabaseChoice.H2))
        .isEqualTo("-Xmx96m -Xmn48m -XX:+UseParallelGC -XX:InlineSmallCode=1000");
    assertThat(ServerJvm.defaultOptions(25, DatabaseChoice.H2))
        .isEqualTo("-Xmx96m -Xmn48m -XX:+UseParallelGC -XX:InlineSmallCode=1000"
            + " -XX:+UseCompactObjectHeaders -XX:CompileCommand=quiet"
            + " -XX:CompileCommand=MemLimit,*.*,16m");
    assertThat(ServerJvm.defaultOptions(25, DatabaseChoice.POSTGRES))
        .isEqualTo("-Xmx96m -Xmn48m -XX:+UseParallelGC");
  }

  @Test
  void theLauncherTellsPostgresqlFromItsArgumentsEnvironmentOrPropertiesFile(@TempDir Path dir)
      throws Exception {
    assertThat(launcherDatabase(dir, Map.of(), "serve", "--demo")).isEqualTo("h2");
    assertThat(launcherDatabase(dir, Map.of(), "serve", "--db-url",
        "jdbc:postgresql://db/threadhook")).isEqualTo("postgresql");
    assertThat(launcherDatabase(dir, Map.of(), "serve",
        "--db-url=jdbc:postgresql://db/threadhook")).isEqualTo("postgresql");
    assertThat(launcherDatabase(dir, Map.of("THREADHOOK_DB_URL", "jdbc:postgresql://db/t"),
        "serve")).isEqualTo("postgresql");
    assertThat(launcherDatabase(dir, Map.of("THREADHOOK_DB_URL", "jdbc:h2:file:/tmp/t"),
        "serve")).isEqualTo("h2");

    Files.writeString(dir.resolve("threadhook.properties"), "db-url=jdbc:postgresql://db/t\n");
    assertThat(launcherDatabase(dir, Map.of(), "serve")).isEqualTo("postgresql");
    Path elsewhere = Files.writeString(dir.resolve("other.properties"), "port=9090\n");
    assertThat(launcherDatabase(dir, Map.of("THREADHOOK_CONFIG", elsewhere.toString()), "serve"))
        .isEqualTo("h2");
  }

  @Test
  void classDataArchiveOptionsAreTheLaunchersForEachDatabase() throws Exception {
    Path repo = Path.of("/repo");
    Path jar = repo.resolve("threadhook-server/target/threadhook.jar");
    for (DatabaseChoice database : DatabaseChoice.values()) {
      String launcher = sh(Path.of("."), Map.of(),
          "threadhook_cds_opts /repo " + database.wireName());
      assertThat(String.join(" ", ServerJvm.classDataArchiveOptions(jar, database)))
          .as("%s", database).isEqualTo(launcher);
      assertThat(ServerJvm.archive(jar, database).toString())
          .isEqualTo(sh(Path.of("."), Map.of(), "threadhook_cds_archive /repo "
              + database.wireName()));
    }
    assertThat(ServerJvm.archive(jar, DatabaseChoice.H2))
        .isNotEqualTo(ServerJvm.archive(jar, DatabaseChoice.POSTGRES));
  }

  @Test
  void fromJdk25TheAotCacheTheBuildWroteIsReadAsTheLauncherReadsIt(@TempDir Path repo)
      throws Exception {
    Path target = Files.createDirectories(repo.resolve("threadhook-server/target"));
    Path jar = Files.writeString(target.resolve("threadhook.jar"), "jar");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    Path cache = Files.writeString(target.resolve("threadhook-h2.aot"), "cache");

    for (int major : new int[] {21, 24, 25, 26}) {
      for (DatabaseChoice database : DatabaseChoice.values()) {
        String launcher = sh(Path.of("."), Map.of("THREADHOOK_JDK_MAJOR", Integer.toString(major)),
            "threadhook_cds_opts " + repo + " " + database.wireName());
        assertThat(String.join(" ", ServerJvm.classDataArchiveOptions(major, jar, database)))
            .as("JDK %d, %s", major, database).isEqualTo(launcher);
      }
    }
    assertThat(ServerJvm.classDataArchiveOptions(25, jar, DatabaseChoice.H2))
        .containsExactly("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off");
    assertThat(ServerJvm.classDataArchiveOptions(24, jar, DatabaseChoice.H2))
        .contains("-XX:SharedArchiveFile=" + target.resolve("threadhook-h2.jsa"));
    // No cache for PostgreSQL: its server starts from the class-data archive.
    assertThat(ServerJvm.classDataArchiveOptions(25, jar, DatabaseChoice.POSTGRES))
        .contains("-XX:SharedArchiveFile=" + target.resolve("threadhook-postgresql.jsa"));

    Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(120)));
    ServerJvm.removeStaleArchive(jar, DatabaseChoice.H2);
    assertThat(cache).doesNotExist();
    assertThat(ServerJvm.classDataArchiveOptions(25, jar, DatabaseChoice.H2))
        .contains("-XX:SharedArchiveFile=" + target.resolve("threadhook-h2.jsa"));
  }

  @Test
  void anArchiveOlderThanTheJarIsRemovedAndANewerOneKept(@TempDir Path dir) throws IOException {
    Path jar = Files.writeString(dir.resolve("threadhook.jar"), "jar");
    Path archive = Files.writeString(dir.resolve("threadhook-h2.jsa"), "archive");
    Path postgresArchive = Files.writeString(dir.resolve("threadhook-postgresql.jsa"), "archive");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
    Files.setLastModifiedTime(postgresArchive, FileTime.from(Instant.now().plusSeconds(60)));

    ServerJvm.removeStaleArchive(jar, DatabaseChoice.H2);
    assertThat(archive).doesNotExist();
    assertThat(ServerJvm.archiveExists(jar, DatabaseChoice.H2)).isFalse();
    ServerJvm.removeStaleArchive(jar, DatabaseChoice.POSTGRES);
    assertThat(ServerJvm.archiveExists(jar, DatabaseChoice.POSTGRES)).isTrue();

    Files.writeString(archive, "archive written after the jar");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
    ServerJvm.removeStaleArchive(jar, DatabaseChoice.H2);
    assertThat(archive).exists();
  }

  /** What the launcher's {@code threadhook_default_java_opts} prints for that JDK and database. */
  private static String launcherDefaults(int jdkMajor, String database) throws Exception {
    return sh(Path.of("."), Map.of("THREADHOOK_JDK_MAJOR", Integer.toString(jdkMajor)),
        "threadhook_default_java_opts " + database);
  }

  /** What the launcher's {@code threadhook_database} prints for ./threadhook run in {@code dir}. */
  private static String launcherDatabase(Path dir, Map<String, String> environment,
      String... arguments) throws Exception {
    return sh(dir, environment, "threadhook_database \"$@\"", arguments);
  }

  private static String sh(Path dir, Map<String, String> environment, String command,
      String... arguments) throws Exception {
    List<String> line = new ArrayList<>(List.of("sh", "-c",
        ". \"$THREADHOOK_DEFAULTS\" && " + command, "sh"));
    line.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("THREADHOOK_"));
    builder.environment().putAll(environment);
    builder.environment().put("THREADHOOK_DEFAULTS", DEFAULTS.toAbsolutePath().toString());
    Process sh = builder.start();
    String printed = new String(sh.getInputStream().readAllBytes()).strip();
    assertThat(sh.waitFor()).as("sh printed: %s", printed).isZero();
    return printed;
  }
}
