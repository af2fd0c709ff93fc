package dev.threadhook.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration 1.5, on H2 only: fewer indexes written for every message. H2 gives each foreign key
 * an index of exactly its columns, made when the key is declared unless one already exists, so
 * the schema's own indexes on the same columns were written beside them for every delivery and
 * attempt — and on H2 every index is a tree of copy-on-write pages, each written again at commit.
 * Dropping all five such pairs made the writes alone 22 % faster in an experiment; this drops
 * the three nothing needs, for 9–13 % (docs/benchmarks.md, profile 23):
 *
 * <ul>
 *   <li>{@code webhook_deliveries_by_thread} and {@code webhook_attempts_by_delivery} go: the
 *       keys' own indexes on {@code thread_id} and {@code delivery_id} serve what read them (a
 *       thread's deliveries listed, a delivery's few attempts sorted).
 *   <li>The key of {@code webhook_deliveries.message_id} is declared again, now that the unique
 *       index on that column exists, so H2 uses that one instead of a second.
 * </ul>
 *
 * <p>The other two pairs stay: {@code messages (thread_id)} beside the unique {@code (thread_id,
 * sequence)}, and {@code webhook_deliveries (organization_id)} beside {@code (organization_id,
 * id)}, which lists an organization's deliveries page by page without sorting them all. Every
 * foreign key is kept. PostgreSQL makes no index for a foreign key, so there this does nothing
 * (and is recorded as done, so both databases have the same history).
 */
final class SharedForeignKeyIndexes extends OneDatabaseMigration {
  SharedForeignKeyIndexes(Dialect dialect) {
    super(Dialect.H2, dialect, "1.5", "shared foreign key indexes", 15);
  }

  @Override
  void change(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP INDEX IF EXISTS webhook_deliveries_by_thread");
      statement.execute("DROP INDEX IF EXISTS webhook_attempts_by_delivery");
      String messageKey = ForeignKeyNames.of(connection, "webhook_deliveries", "message_id");
      statement.execute("ALTER TABLE webhook_deliveries DROP CONSTRAINT \"" + messageKey + "\"");
      statement.execute("ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_message_fk"
          + " FOREIGN KEY (message_id) REFERENCES messages (id)");
    }
  }
}
