package dev.threadhook.server;

import dev.threadhook.server.storage.DatabaseConfig;
import dev.threadhook.server.webhooks.WebhookConfig;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * How a server runs.
 *
 * @param dataDir where the embedded database, attachments' files and demo.json live
 * @param allowPrivateWebhooks deliver webhooks to loopback and private addresses (development)
 * @param webhooks timeouts, retry schedule, leases and limits of the webhook dispatcher
 */
public record ServerConfig(
    String bind,
    int port,
    Path dataDir,
    DatabaseConfig database,
    boolean allowPrivateWebhooks,
    WebhookConfig webhooks) {

  public ServerConfig(
      String bind, int port, Path dataDir, DatabaseConfig database, boolean allowPrivateWebhooks) {
    this(bind, port, dataDir, database, allowPrivateWebhooks, WebhookConfig.defaults());
  }

  /** A server on the embedded H2 database under {@code dataDir}. */
  public static ServerConfig embedded(Path dataDir, int port) {
    return new ServerConfig("0.0.0.0", port, dataDir, DatabaseConfig.h2File(dataDir), false);
  }

  public ServerConfig withDatabase(DatabaseConfig database) {
    return new ServerConfig(bind, port, dataDir, database, allowPrivateWebhooks, webhooks);
  }

  public ServerConfig withDataDir(Path dataDir) {
    return new ServerConfig(bind, port, dataDir, database, allowPrivateWebhooks, webhooks);
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(bind, port, dataDir, database, allowPrivateWebhooks, webhooks);
  }

  public ServerConfig withAllowPrivateWebhooks(boolean allow) {
    return new ServerConfig(bind, port, dataDir, database, allow, webhooks);
  }

  public ServerConfig withWebhooks(WebhookConfig webhooks) {
    return new ServerConfig(bind, port, dataDir, database, allowPrivateWebhooks, webhooks);
  }

  /** This config with some webhook settings changed: {@code c -> c.requestTimeout(ofSeconds(1))}. */
  public ServerConfig withWebhooks(UnaryOperator<WebhookConfig.Builder> change) {
    return withWebhooks(change.apply(webhooks.toBuilder()).build());
  }
}
