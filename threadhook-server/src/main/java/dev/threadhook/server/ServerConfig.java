package dev.threadhook.server;

import dev.threadhook.server.http.RateLimit;
import dev.threadhook.server.storage.DatabaseConfig;
import java.nio.file.Path;

/**
 * How a server runs.
 *
 * @param dataDir where the embedded database, attachments' files and demo.json live
 * @param allowPrivateWebhooks deliver webhooks to loopback and private addresses (development)
 * @param rateLimit requests a second per API token or channel key
 */
public record ServerConfig(
    String bind,
    int port,
    Path dataDir,
    DatabaseConfig database,
    boolean allowPrivateWebhooks,
    RateLimit rateLimit) {

  /** A server on the embedded H2 database under {@code dataDir}. */
  public static ServerConfig embedded(Path dataDir, int port) {
    return new ServerConfig(
        "0.0.0.0", port, dataDir, DatabaseConfig.h2File(dataDir), false, RateLimit.DEFAULT);
  }

  public ServerConfig withDatabase(DatabaseConfig database) {
    return new ServerConfig(bind, port, dataDir, database, allowPrivateWebhooks, rateLimit);
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(bind, port, dataDir, database, allowPrivateWebhooks, rateLimit);
  }

  public ServerConfig withAllowPrivateWebhooks(boolean allow) {
    return new ServerConfig(bind, port, dataDir, database, allow, rateLimit);
  }

  public ServerConfig withRateLimit(RateLimit rateLimit) {
    return new ServerConfig(bind, port, dataDir, database, allowPrivateWebhooks, rateLimit);
  }
}
