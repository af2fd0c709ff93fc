package dev.threadhook.server;

import dev.threadhook.server.http.RateLimit;
import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.webhooks.WebhookConfig;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * How a server runs.
 *
 * @param dataDir where the embedded database and demo.json live
 * @param allowPrivateWebhooks deliver webhooks to loopback and private addresses (development)
 * @param rateLimit requests a second per API token or channel key
 * @param webhooks timeouts, retry schedule, leases and limits of the webhook dispatcher
 */
public record ServerConfig(
    String bind,
    int port,
    Path dataDir,
    DatabaseConfig database,
    boolean allowPrivateWebhooks,
    RateLimit rateLimit,
    WebhookConfig webhooks) {

  /** A server on the embedded H2 database under {@code dataDir}, with default settings. */
  public static ServerConfig embedded(Path dataDir, int port) {
    return new ServerConfig("0.0.0.0", port, dataDir, DatabaseConfig.h2File(dataDir), false,
        RateLimit.DEFAULT, WebhookConfig.defaults());
  }

  public ServerConfig withDatabase(DatabaseConfig database) {
    return new ServerConfig(
        bind, port, dataDir, database, allowPrivateWebhooks, rateLimit, webhooks);
  }

  public ServerConfig withDataDir(Path dataDir) {
    return new ServerConfig(
        bind, port, dataDir, database, allowPrivateWebhooks, rateLimit, webhooks);
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(
        bind, port, dataDir, database, allowPrivateWebhooks, rateLimit, webhooks);
  }

  public ServerConfig withAllowPrivateWebhooks(boolean allow) {
    return new ServerConfig(bind, port, dataDir, database, allow, rateLimit, webhooks);
  }

  public ServerConfig withRateLimit(RateLimit rateLimit) {
    return new ServerConfig(
        bind, port, dataDir, database, allowPrivateWebhooks, rateLimit, webhooks);
  }

  public ServerConfig withWebhooks(WebhookConfig webhooks) {
    return new ServerConfig(
        bind, port, dataDir, database, allowPrivateWebhooks, rateLimit, webhooks);
  }

  /** This config with some webhook settings changed: {@code c -> c.requestTimeout(ofSeconds(1))}. */
  public ServerConfig withWebhooks(UnaryOperator<WebhookConfig.Builder> change) {
    return withWebhooks(change.apply(webhooks.toBuilder()).build());
  }
}
