package dev.threadhook.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Migration 1.6, on H2 only: four references of a message and of its delivery, which the writer
 * checks itself, are no longer foreign keys there. H2 gives every foreign key an index of exactly
 * its columns (see migration 1.5), and each is a tree of copy-on-write pages written for every
 * message and written again at its commit. These four were 4 of the 13 trees a message and its
 * delivery were written to, two of them keyed by thread, so each message wrote a different page
 * of them. Dropping them made the writes alone about 1.5 times as fast (docs/benchmarks.md,
 * profile 25).
 *
 * <p>The rows they guarded are written by one transaction that has just checked what they refer
 * to: it locks the message's thread, checks that the token of its user is live, and writes the
 * delivery from the message it has just written. Nothing deletes an organization, a user or a
 * thread. The keys that guard other writers stay: an attempt's delivery, a delivery's message
 * and a message's attachment (whose index finds the message of a downloaded attachment).
 *
 * <p>PostgreSQL makes no index for a foreign key, so there the keys cost only their checks and
 * are kept: this does nothing there (and is recorded as done, so both databases have the same
 * history).
 */
final class WriterCheckedReferences extends OneDatabaseMigration {
  /** Table and column of each key this drops. */
  private static final List<List<String>> DROPPED = List.of(
      List.of("messages", "thread_id"),
      List.of("messages", "user_id"),
      List.of("webhook_deliveries", "organization_id"),
      List.of("webhook_deliveries", "thread_id"));

  WriterCheckedReferences(Dialect dialect) {
    super(Dialect.H2, dialect, "1.6", "writer checked references", 16);
  }

  @Override
  void change(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (List<String> reference : DROPPED) {
        String key = ForeignKeyNames.of(connection, reference.get(0), reference.get(1));
        statement.execute("ALTER TABLE " + reference.get(0) + " DROP CONSTRAINT \"" + key + "\"");
      }
    }
  }
}
