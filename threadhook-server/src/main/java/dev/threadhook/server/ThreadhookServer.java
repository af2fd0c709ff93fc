package dev.threadhook.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.server.accounts.AccountService;
import dev.threadhook.server.accounts.AccountStore;
import dev.threadhook.server.accounts.Secrets;
import dev.threadhook.server.conversations.ConversationService;
import dev.threadhook.server.conversations.ConversationStore;
import dev.threadhook.server.http.HttpApi;
import dev.threadhook.server.storage.Database;
import dev.threadhook.server.webhooks.Webhooks;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A running Threadhook: its database, services and HTTP listener, wired by hand. */
public final class ThreadhookServer implements AutoCloseable {
  private static final int WRITERS = 1;

  private final ServerConfig config;
  private final Database database;
  private final AccountService accounts;
  private final ConversationService conversations;
  private final Webhooks webhooks;
  private final HttpApi http;
  private final JvmGcMetrics gcMetrics;
  private final Maintenance maintenance = new Maintenance();
  private boolean closed;

  private ThreadhookServer(ServerConfig config, Database database) {
    this.config = config;
    this.database = database;
    Clock clock = Clock.SYSTEM;
    ObjectMapper json = Json.newMapper();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(metrics);

    AccountStore accountStore = new AccountStore(database.jdbi(), clock);
    Secrets secrets = new Secrets();
    this.accounts = new AccountService(accountStore, secrets);
    this.webhooks = new Webhooks(database, config.database(), config.webhooks(),
        config.allowPrivateWebhooks(), metrics, json, clock, secrets, "Threadhook/" + version());
    // One writer: while it commits, every message that arrives waits for the next batch, so
    // batches grow with the load. On the 2-core benchmark machines more writers split the same
    // messages into more, smaller commits: slower on H2; on PostgreSQL the writes alone were
    // faster with two, but e2e's p99 at 2,000/s went from 4.5–6.6 ms to 37–119 ms in an hour
    // the machine was slow (docs/benchmarks.md, profile 41).
    this.conversations = new ConversationService(
        new ConversationStore(database.jdbi(), clock, webhooks.outbox()), WRITERS, clock);
    maintenance.every(600, "forget expired idempotency keys",
        conversations::forgetExpiredIdempotencyKeys);
    this.http = new HttpApi(json, accounts, conversations, webhooks.settings(),
        webhooks.deliveries(), metrics, config.rateLimit());
  }

  /** This build's version, from the jar's manifest ("dev" when run from classes). */
  public static String version() {
    String version = ThreadhookServer.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** Opens the database (migrating it) and starts listening. */
  public static ThreadhookServer start(ServerConfig config) {
    ThreadhookServer server = open(config);
    try {
      return server.listen();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * Opens the database and builds the services, and opens the port, but answers no request yet,
   * so data can be seeded before the first one is served; {@link #listen()} then serves them.
   * Requests that come meanwhile wait for it.
   */
  public static ThreadhookServer open(ServerConfig config) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
    }
    Database database = Database.openMigrating(config.database());
    ThreadhookServer server;
    try {
      server = new ThreadhookServer(config, database);
    } catch (RuntimeException e) {
      try {
        database.awaitMigrations();
      } catch (RuntimeException migrations) {
        e.addSuppressed(migrations);
      }
      database.close();
      throw e;
    }
    try {
      // Jetty starts (~0.2 s of a start on the benchmark machine) while the database migrates;
      // requests wait for listen() (docs/benchmarks.md, profile 36).
      server.http.start(config.bind(), config.port());
      database.awaitMigrations();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Starts serving requests, and delivering webhooks. */
  public ThreadhookServer listen() {
    http.serve();
    webhooks.start();
    database.fill();
    return this;
  }

  public int port() {
    return http.port();
  }

  /** The URL clients reach this server at, on loopback. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public ServerConfig config() {
    return config;
  }

  public AccountService accounts() {
    return accounts;
  }

  public ConversationService conversations() {
    return conversations;
  }

  public Database database() {
    return database;
  }

  public Webhooks webhooks() {
    return webhooks;
  }

  /** Stops listening, then the services, then the database; closing again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    http.stop();
    conversations.close();
    webhooks.close();
    maintenance.close();
    gcMetrics.close();
    database.close();
  }
}
