package dev.threadhook.bench.target;

import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.storage.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An empty database made for one use (a server, a ceiling) and removed when closed: an H2 file
 * in a new directory, or a new database on a PostgreSQL server. Either way it has a data
 * directory of its own, where a server keeps its files (demo.json).
 */
public final class FreshDatabase implements AutoCloseable {
  private final DatabaseChoice choice;
  private final Path dataDir;
  private final DatabaseConfig config;
  private final PostgresServer postgres;
  private final String postgresName;

  private FreshDatabase(DatabaseChoice choice, Path dataDir, DatabaseConfig config,
      PostgresServer postgres, String postgresName) {
    this.choice = choice;
    this.dataDir = dataDir;
    this.config = config;
    this.postgres = postgres;
    this.postgresName = postgresName;
  }

  /** A fresh database of {@code choice}; {@code postgres} is used only for POSTGRES. */
  public static FreshDatabase create(DatabaseChoice choice, PostgresServer postgres) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("threadhook-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (choice == DatabaseChoice.H2) {
      // The server's own default, pool size included.
      return new FreshDatabase(choice, dataDir, DatabaseConfig.h2File(dataDir), null, null);
    }
    String name;
    try {
      name = postgres.createDatabase("threadhook_bench_");
    } catch (SQLException e) {
      deleteTree(dataDir);
      throw new IllegalStateException("cannot create a database on " + postgres.adminUrl()
          + " as " + postgres.user() + ": " + e.getMessage(), e);
    }
    DatabaseConfig config = postgres.configOf(name);
    return new FreshDatabase(choice, dataDir, config, postgres, name);
  }

  public DatabaseChoice choice() {
    return choice;
  }

  /** Its JDBC URL, credentials and the pool size the server would use on it. */
  public DatabaseConfig config() {
    return config;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The {@code threadhook serve} options that put a server on this database. */
  public List<String> serveOptions() {
    List<String> options = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
    if (choice == DatabaseChoice.POSTGRES) {
      options.addAll(List.of("--db-url", config.url(), "--db-user", config.user(),
          "--db-password", config.password()));
    }
    return options;
  }

  @Override
  public void close() {
    if (postgresName != null) {
      try {
        postgres.dropDatabases(List.of(postgresName));
      } catch (SQLException e) {
        System.err.println("could not drop the benchmark database " + postgresName + ": "
            + e.getMessage());
      }
    }
    deleteTree(dataDir);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temporary directory is harmless
    }
  }
}
