package dev.threadhook.server.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;

/** The pooled connection to the database, migrated to the current schema when opened. */
public final class Database implements AutoCloseable {
  /** Identity values H2 hands out between two writes of its sequences (see V1_1). */
  private static final String H2_IDENTITY_CACHE = "1000";

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final CompletableFuture<Void> migrated;

  private Database(HikariDataSource dataSource, Dialect dialect,
      CompletableFuture<Void> migrated) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.migrated = migrated;
    this.jdbi = Jdbi.create(dataSource);
  }

  /** Opens a pool on {@code config} and applies pending migrations. */
  public static Database open(DatabaseConfig config) {
    Database database = openMigrating(config);
    database.awaitMigrations();
    return database;
  }

  /**
   * Makes a pool on {@code config} and starts opening the database and applying pending
   * migrations on a thread of their own: {@link #awaitMigrations()} before the first query, which
   * also throws when the database could not be reached.
   */
  public static Database openMigrating(DatabaseConfig config) {
    // Without a config, a Hikari pool starts at its first connection, the migrations', so that
    // opening the database (H2 reads or creates its file: 0.3 s of a start on the benchmark
    // machine) is done on the migrations' thread too.
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(config.url());
    dataSource.setUsername(config.user());
    dataSource.setPassword(config.password());
    dataSource.setMaximumPoolSize(config.poolSize());
    // A pool fills itself to its size at once, in the background; on PostgreSQL each of those
    // connections is a backend process forked for it, on the same two cores as the start. There
    // the pool starts with one and fills once the server is ready (fill()), opening more until
    // then only as they are asked for: starts 0.13 s sooner (docs/benchmarks.md, profile 50).
    // H2's connections cost little, and its starts were no faster.
    if (config.dialect() == Dialect.POSTGRESQL) dataSource.setMinimumIdle(1);
    dataSource.setPoolName("threadhook");
    dataSource.setConnectionTimeout(10_000);
    // Started before Jdbi is built: on a new database opening it and migrating are most of a
    // start, and Jdbi's set-up and the server's services, which query nothing until they are
    // used, can take the other core meanwhile (docs/benchmarks.md, profile 32).
    CompletableFuture<Void> migrated = CompletableFuture.runAsync(
        () -> migrate(dataSource, config.dialect()),
        task -> Thread.ofPlatform().name("threadhook-migrate").start(task));
    return new Database(dataSource, config.dialect(), migrated);
  }

  /** Waits for the migrations; when they failed, closes the pool and throws what failed. */
  public void awaitMigrations() {
    try {
      migrated.join();
    } catch (CompletionException e) {
      close();
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static void migrate(DataSource dataSource, Dialect dialect) {
    migrations(dataSource, dialect)
        .resourceProvider(new MigrationScripts())
        .javaMigrationClassProvider(MigrationScripts.NO_CLASSES)
        .load()
        .migrate();
  }

  /** Flyway's configuration of this schema's migrations, finding the scripts by its own search. */
  static FluentConfiguration migrations(DataSource dataSource, Dialect dialect) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:" + MigrationScripts.LOCATION)
        .javaMigrations(
            new SharedForeignKeyIndexes(dialect), new WriterCheckedReferences(dialect),
            new QueuedOnlyIndexes(dialect))
        .placeholders(Map.of("identityCache", dialect == Dialect.H2 ? H2_IDENTITY_CACHE : "1"));
  }

  /**
   * Lets the pool open connections up to its size while idle, as a pool does by default (on
   * PostgreSQL it opened one while the server started); it does so at its next upkeep (Hikari's
   * housekeeping, every 30 s), or sooner as they are asked for.
   */
  public void fill() {
    dataSource.getHikariConfigMXBean().setMinimumIdle(poolSize());
  }

  /** The most connections the pool opens. */
  public int poolSize() {
    return dataSource.getMaximumPoolSize();
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  @Override
  public void close() {
    // Migrations still running would fail on a closed pool, and leave the schema half done.
    migrated.exceptionally(failure -> null).join();
    dataSource.close();
  }
}
