package dev.threadhook.server.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.server.Clock;
import dev.threadhook.server.accounts.Secrets;
import dev.threadhook.server.storage.Database;
import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.storage.Dialect;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The webhook feature of one node, wired: its dispatcher (running from {@link #start()} to
 * {@link #close()}), the PostgreSQL wake-ups, and the services the HTTP API calls.
 */
public final class Webhooks implements AutoCloseable {
  /** How often PostgreSQL's deliveries table is looked at for a vacuum, and after how many rows. */
  private static final Duration VACUUM_INTERVAL = Duration.ofSeconds(2);
  private static final long VACUUM_AFTER_ROWS = 2_000;
  private final String node;
  private final WebhookSender sender;
  private final Dispatcher dispatcher;
  private final Outbox outbox;
  private final WebhookSettings settings;
  private final WebhookDeliveries deliveries;
  private final WebhookMetrics metrics;
  private final DatabaseConfig databaseConfig;
  private final Dialect dialect;
  private final DeliveryStore store;
  private final Clock clock;
  private PostgresWakeups wakeups;
  private final QueueVacuum vacuum;
  private boolean started;
  private boolean closed;

  /** @param userAgent the {@code User-Agent} of every delivery */
  public Webhooks(Database database, DatabaseConfig databaseConfig, WebhookConfig config,
      boolean allowPrivate, MeterRegistry metrics, ObjectMapper json, Clock clock,
      Secrets secrets, String userAgent) {
    this.node = newNodeId();
    DeliveryStore store = new DeliveryStore(database.jdbi(), database.dialect());
    HookStore hooks = new HookStore(database.jdbi(), database.dialect());
    EndpointGates gates = new EndpointGates(config.maxConcurrentPerEndpoint(), Dispatcher.PREFETCH,
        config.breakerFailureThreshold(), config.breakerOpenDuration(),
        config.breakerMaxOpenDuration());
    this.sender =
        new WebhookSender(config, allowPrivate, ResolutionGuard.JVM, userAgent, json, clock);
    // Attempts end on many threads at once; each draws its jitter from its own thread's generator.
    RandomGenerator jitter = () -> ThreadLocalRandom.current().nextLong();
    this.vacuum = database.dialect() == Dialect.POSTGRESQL
        ? new QueueVacuum(database.jdbi(), VACUUM_INTERVAL, VACUUM_AFTER_ROWS) : null;
    this.dispatcher = new Dispatcher(store, sender, gates, config, clock, node, jitter,
        vacuum == null ? rows -> { } : vacuum::changed);
    this.outbox = new Outbox(database.dialect(), dispatcher);
    this.settings = new WebhookSettings(hooks, store, secrets, clock, config.secretOverlap(),
        allowPrivate, gates, dispatcher::hooksChanged);
    this.deliveries = new WebhookDeliveries(store, clock, dispatcher::hooksChanged);
    this.metrics = new WebhookMetrics(metrics, store::unsettledCount, dispatcher::inFlight,
        () -> gates.paused(clock.millis()));
    this.databaseConfig = databaseConfig;
    this.dialect = database.dialect();
    this.store = store;
    this.clock = clock;
  }

  /** Starts delivering: the dispatcher's loop and, on PostgreSQL, the wake-ups from other nodes. */
  public synchronized void start() {
    if (started || closed) return;
    started = true;
    if (dialect == Dialect.H2) {
      // H2 is embedded, one server per database: claims found now were held by a server that
      // died, and waiting for their leases to end would only delay their deliveries.
      store.releaseAllClaims(clock.millis());
    }
    sender.prepare();
    dispatcher.start(metrics);
    if (dialect == Dialect.POSTGRESQL) {
      wakeups = new PostgresWakeups(databaseConfig, dispatcher::wake);
      vacuum.start();
    }
  }

  /** The outbox that message writers queue deliveries in, taken by this node's dispatcher. */
  public Outbox outbox() {
    return outbox;
  }

  /** Makes the dispatcher look for due deliveries now. */
  void wakeDispatcher() {
    dispatcher.wake();
  }

  public WebhookSettings settings() {
    return settings;
  }

  public WebhookDeliveries deliveries() {
    return deliveries;
  }

  /** This node's name in leases and attempt records. */
  public String nodeId() {
    return node;
  }

  private static String newNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "node";
    }
    byte[] suffix = new byte[3];
    ThreadLocalRandom.current().nextBytes(suffix);
    String id = host.toLowerCase(Locale.ROOT) + "-" + ProcessHandle.current().pid() + "-"
        + HexFormat.of().formatHex(suffix);
    return id.length() <= 64 ? id : id.substring(id.length() - 64);
  }

  /** Stops the dispatcher for good, handing back its claims; the database stays open. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (wakeups != null) wakeups.close();
    dispatcher.close();
    if (vacuum != null) vacuum.close();
  }
}
