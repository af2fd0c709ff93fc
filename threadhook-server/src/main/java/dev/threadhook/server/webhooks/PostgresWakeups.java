package dev.threadhook.server.webhooks;

import dev.threadhook.server.storage.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on PostgreSQL for the NOTIFY another node sends when deliveries become due (a message
 * committed, a URL set, claims handed back) and wakes this node's dispatcher, so a delivery
 * starts right after its commit on whichever node has room. It holds a connection of its own,
 * outside the pool. When it is down the dispatcher still polls, so nothing waits for long.
 */
final class PostgresWakeups implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresWakeups.class);
  private static final int WAIT_MILLIS = 500;
  private static final long RECONNECT_MILLIS = 2000;

  private final DatabaseConfig database;
  private final Runnable wake;
  private volatile boolean running = true;
  private final Thread thread;

  PostgresWakeups(DatabaseConfig database, Runnable wake) {
    this.database = database;
    this.wake = wake;
    this.thread = Thread.ofPlatform().name("webhook-listen").daemon().start(this::run);
  }

  private void run() {
    while (running) {
      try (Connection connection =
              DriverManager.getConnection(database.url(), database.user(), database.password());
          Statement statement = connection.createStatement()) {
        statement.execute("LISTEN " + Outbox.CHANNEL);
        PGConnection postgres = connection.unwrap(PGConnection.class);
        // Anything notified while this connection was not listening is found now.
        wake.run();
        while (running) {
          PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
          if (notifications != null && notifications.length > 0) wake.run();
        }
      } catch (SQLException e) {
        if (!running) return;
        log.warn("webhook wake-ups: LISTEN failed ({}); polling until it reconnects in {} ms",
            e.getMessage(), RECONNECT_MILLIS);
        try {
          Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(WAIT_MILLIS * 4L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
