package dev.threadhook.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.threadhook.server.ServerConfig;
import dev.threadhook.server.ThreadhookServer;
import dev.threadhook.server.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL the pool opens one connection while the server starts, rather than all of them at
 * once on the start's two cores, and fills to its size once the server is ready.
 */
class PoolFillTest {
  /** Hikari's upkeep, which opens idle connections, runs every 30 s unless told otherwise. */
  private static final String HOUSEKEEPING = "com.zaxxer.hikari.housekeeping.periodMs";

  @TempDir Path dir;

  @BeforeEach
  void quickUpkeep() {
    System.setProperty(HOUSEKEEPING, "100");
  }

  @AfterEach
  void usualUpkeep() {
    System.clearProperty(HOUSEKEEPING);
  }

  @Test
  void aPostgresPoolHoldsOnlyTheConnectionsItWasAskedForUntilToldToFill() {
    DatabaseConfig config = TestPostgres.get().newDatabase();
    try (Database database = Database.open(config)) {
      HikariPoolMXBean pool = pool(database);
      // The migrations asked for a few at once (three, here), not for the pool's size.
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
          .until(() -> pool.getTotalConnections() < config.poolSize());

      database.fill();

      await().atMost(Duration.ofSeconds(10))
          .until(() -> pool.getTotalConnections() == config.poolSize());
    }
  }

  @Test
  void aPostgresServerFillsItsPoolOnceItServes() {
    ServerConfig config = ServerConfig.embedded(dir, 0)
        .withDatabase(TestPostgres.get().newDatabase());
    try (ThreadhookServer server = ThreadhookServer.open(config)) {
      HikariPoolMXBean pool = pool(server.database());
      assertThat(pool.getTotalConnections()).isLessThan(server.database().poolSize());

      server.listen();

      await().atMost(Duration.ofSeconds(10))
          .until(() -> pool.getTotalConnections() == server.database().poolSize());
    }
  }

  @Test
  void anH2PoolFillsAtOnceAsBefore() {
    try (Database database = Database.open(DatabaseConfig.h2File(dir))) {
      HikariPoolMXBean pool = pool(database);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> pool.getTotalConnections() == database.poolSize());
    }
  }

  private static HikariPoolMXBean pool(Database database) {
    return ((HikariDataSource) database.dataSource()).getHikariPoolMXBean();
  }
}
