package dev.threadhook.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.storage.PostgresServer;
import dev.threadhook.server.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's training run (scripts/train-class-data.sh) drives a real server through a
 * conversation and fails when any request gets another answer than it should, or a webhook does
 * not arrive: so an API change that would leave the build without class-data archives fails
 * here instead of warning there.
 */
class ClassDataTrainingCommandTest {
  @Test
  void aTrainingRunConversesWithAServerAndStopsIt(@TempDir Path dataDir) {
    StringWriter err = new StringWriter();
    int exitCode = ThreadhookCommand.commandLine(Map.of())
        .setErr(new PrintWriter(err))
        .execute("train-class-data", "--data-dir", dataDir.toString());

    assertThat(exitCode).as("stderr: %s", err).isZero();
    assertThat(dataDir.resolve("demo.json")).exists();
    assertThat(dataDir.resolve("threadhook.mv.db")).exists();
  }

  @Test
  void onAPostgresServerItTrainsOnAScratchDatabaseAndDropsIt(@TempDir Path dataDir)
      throws SQLException {
    PostgresServer postgres = TestPostgres.get().server();
    List<String> before = trainingDatabases(postgres);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = ThreadhookCommand.commandLine(Map.of())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute("train-class-data", "--data-dir", dataDir.toString(),
            "--postgres", postgres.adminUrl(), "--postgres-user", postgres.user(),
            "--postgres-password", postgres.password());

    assertThat(exitCode).as("stderr: %s", err).isZero();
    assertThat(out.toString()).contains("trained on PostgreSQL at " + postgres.adminUrl());
    assertThat(dataDir.resolve("demo.json")).exists();
    assertThat(dataDir.resolve("threadhook.mv.db")).as("no H2 file: it ran on PostgreSQL")
        .doesNotExist();
    assertThat(trainingDatabases(postgres)).isEqualTo(before);
  }

  @Test
  void withoutAPostgresServerItSaysSoAndTrainsOnH2(@TempDir Path dataDir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = ThreadhookCommand.commandLine(Map.of())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute("train-class-data", "--data-dir", dataDir.toString(),
            "--postgres", "jdbc:postgresql://127.0.0.1:1/postgres");

    assertThat(exitCode).as("stderr: %s", err).isZero();
    assertThat(err.toString()).contains("cannot make a scratch database on "
        + "jdbc:postgresql://127.0.0.1:1/postgres").contains("training on a scratch H2 database");
    assertThat(out.toString()).contains("trained on H2");
    assertThat(dataDir.resolve("threadhook.mv.db")).exists();
  }

  @Test
  void itNeedsADataDirectory() {
    StringWriter err = new StringWriter();
    int exitCode = ThreadhookCommand.commandLine(Map.of())
        .setErr(new PrintWriter(err))
        .execute("train-class-data");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--data-dir=DIR'");
  }

  private static List<String> trainingDatabases(PostgresServer postgres) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(
            postgres.adminUrl(), postgres.user(), postgres.password());
        ResultSet rows = c.createStatement().executeQuery(
            "SELECT datname FROM pg_database WHERE datname LIKE 'threadhook_training_%'")) {
      while (rows.next()) names.add(rows.getString(1));
    }
    return names;
  }
}
