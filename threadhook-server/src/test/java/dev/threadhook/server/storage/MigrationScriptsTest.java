package dev.threadhook.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.testing.TestPostgres;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server names its migration scripts instead of letting Flyway search the class path for
 * them; a database migrated from the named scripts is the one Flyway's own search expects.
 */
class MigrationScriptsTest {
  @TempDir Path dir;

  @Test
  void everyScriptOfTheMigrationDirectoryIsNamed() throws Exception {
    URL directory = MigrationScripts.class.getClassLoader().getResource(MigrationScripts.LOCATION);
    assertThat(directory).isNotNull();
    try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(MigrationScripts.FILE_NAMES);
    }
  }

  @Test
  void aNewH2DatabaseIsMigratedAsFlywaysOwnSearchWouldHaveDoneIt() {
    try (Database database = Database.open(DatabaseConfig.h2File(dir))) {
      assertMigratedAsFlywayExpects(database);
    }
  }

  @Test
  void aNewPostgresDatabaseIsMigratedAsFlywaysOwnSearchWouldHaveDoneIt() {
    try (Database database = Database.open(TestPostgres.get().newDatabase())) {
      assertMigratedAsFlywayExpects(database);
    }
  }

  @Test
  void theNamedScriptsAreOnlyTheMigrations() {
    MigrationScripts scripts = new MigrationScripts();

    assertThat(scripts.getResources("V", ".sql")).hasSize(MigrationScripts.FILE_NAMES.size());
    assertThat(scripts.getResources("R", ".sql")).isEmpty();
    assertThat(scripts.getResources("beforeMigrate", ".sql")).isEmpty();
    assertThat(scripts.getResource("V1__platform.sql").getFilename())
        .isEqualTo("V1__platform.sql");
    assertThat(scripts.getResource("V9__not_there.sql")).isNull();
  }

  /** Flyway, finding the scripts itself, validates the history: same versions, same checksums. */
  private static void assertMigratedAsFlywayExpects(Database database) {
    Flyway searching = Database.migrations(database.dataSource(), database.dialect()).load();

    ValidateResult validation = searching.validateWithResult();
    assertThat(validation.validationSuccessful)
        .as(validation.getAllErrorMessages()).isTrue();
    assertThat(searching.info().pending()).isEmpty();
    assertThat(Stream.of(searching.info().applied()).map(MigrationInfo::getScript))
        .contains(MigrationScripts.FILE_NAMES.toArray(String[]::new))
        .hasSize(MigrationScripts.FILE_NAMES.size() + 3);
  }
}
