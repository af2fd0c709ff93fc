package dev.threadhook.server.testing;

import dev.threadhook.server.ServerConfig;
import dev.threadhook.server.webhooks.WebhookConfig;
import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.http.RateLimit;
import dev.threadhook.server.storage.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real server on a loopback port over a database of its own (a fresh H2 file or a fresh
 * PostgreSQL database), deleted when closed. It can be restarted on the same data.
 */
public final class TestServer implements AutoCloseable {
  private final Path dataDir;
  private final ServerConfig config;
  private ThreadhookServer server;

  private TestServer(Path dataDir, ServerConfig config) {
    this.dataDir = dataDir;
    this.config = config;
    this.server = ThreadhookServer.start(config);
  }

  public static TestServer start(DatabaseKind kind) {
    return start(kind, UnaryOperator.identity());
  }

  /** Starts a server whose config {@code customize} adjusts (private webhooks, say). */
  public static TestServer start(DatabaseKind kind, UnaryOperator<ServerConfig> customize) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("threadhook-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DatabaseConfig database = switch (kind) {
      case H2 -> DatabaseConfig.h2File(dataDir).withPoolSize(8);
      case POSTGRESQL -> TestPostgres.get().newDatabase();
    };
    ServerConfig config = customize.apply(
        new ServerConfig("127.0.0.1", 0, dataDir, database, false, RateLimit.OFF,
            WebhookConfig.defaults()));
    return new TestServer(dataDir, config);
  }

  public ThreadhookServer server() {
    return server;
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public Http http() {
    return new Http(baseUrl());
  }

  public ServerConfig config() {
    return config;
  }

  /** Stops the server and starts a new one on the same data directory and database. */
  public void restart() {
    server.close();
    server = ThreadhookServer.start(config);
  }

  @Override
  public void close() {
    server.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp directory is harmless
    }
  }
}
