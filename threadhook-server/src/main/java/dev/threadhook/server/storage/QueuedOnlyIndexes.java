package dev.threadhook.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration 1.7, on PostgreSQL only: the deliveries' queue indexes hold what is queued, not the
 * delivered history. No update of a delivery's row is HOT (each changes an indexed column), so
 * each writes an entry in every index of the table, NULL keys included: settling wrote a NULL
 * into the due index and the unsettled-thread index for every delivery, and queueing one behind
 * another a NULL into the due index. As partial indexes ({@code IS NOT NULL}) they skip those,
 * and stay the size of the queue. Every statement that reads them compares the column with a
 * value, which PostgreSQL knows implies {@code IS NOT NULL}, so each still uses its index.
 *
 * <p>{@code webhook_deliveries_by_thread} goes too, as it went on H2 (migration 1.5): nothing
 * reads it (a thread's deliveries are listed through its messages), and it took an entry at
 * every update. H2 has no partial indexes, so there this does nothing (and is recorded as done).
 *
 * <p>On a large table the new indexes are built while the migration holds the table, once.
 */
final class QueuedOnlyIndexes extends OneDatabaseMigration {
  QueuedOnlyIndexes(Dialect dialect) {
    super(Dialect.POSTGRESQL, dialect, "1.7", "queued only indexes", 17);
  }

  @Override
  void change(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP INDEX webhook_deliveries_by_thread");
      statement.execute("DROP INDEX webhook_deliveries_due");
      statement.execute("CREATE INDEX webhook_deliveries_due ON webhook_deliveries"
          + " (next_attempt_at, id) WHERE next_attempt_at IS NOT NULL");
      statement.execute("DROP INDEX webhook_deliveries_unsettled_by_thread");
      statement.execute("CREATE INDEX webhook_deliveries_unsettled_by_thread ON webhook_deliveries"
          + " (unsettled_thread_id, sequence) WHERE unsettled_thread_id IS NOT NULL");
    }
  }
}
