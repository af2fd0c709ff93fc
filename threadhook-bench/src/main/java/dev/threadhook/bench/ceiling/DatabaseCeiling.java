package dev.threadhook.bench.ceiling;

import dev.threadhook.bench.load.LoadChannel;
import dev.threadhook.bench.load.LoadChannels;
import dev.threadhook.bench.target.FreshDatabase;
import dev.threadhook.server.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The database ceiling: the rows one sent message makes — the message, its thread's new count,
 * status and time, its webhook outbox row — written straight through JDBC, one transaction per
 * message, through a Hikari pool of the server's size, on a fresh database of the server's kind
 * migrated by the server's own migrations. Its transactions per second are what the database
 * gives when every message pays for a commit of its own.
 */
public final class DatabaseCeiling implements AutoCloseable {
  private final FreshDatabase fresh;
  private final Database database;
  private final long botUserId;
  private final List<Long> threadIds;

  private DatabaseCeiling(
      FreshDatabase fresh, Database database, long botUserId, List<Long> threadIds) {
    this.fresh = fresh;
    this.database = database;
    this.botUserId = botUserId;
    this.threadIds = threadIds;
  }

  /** Migrates {@code fresh} (which it then owns) and creates {@code threads} customer threads. */
  public static DatabaseCeiling prepare(FreshDatabase fresh, int threads) {
    Database database = Database.open(fresh.config());
    try (Connection c = database.dataSource().getConnection()) {
      c.setAutoCommit(false);
      long now = System.currentTimeMillis();
      long org = insert(c, "INSERT INTO organizations (name, webhook_url, webhook_secret,"
          + " created_at) VALUES ('ceiling', 'http://127.0.0.1:9/hook', 'whsec_ceiling', ?)", now);
      long store = insert(c, "INSERT INTO stores (organization_id, name, created_at)"
          + " VALUES (?, 'ceiling', ?)", org, now);
      long bot = insert(c, "INSERT INTO users (organization_id, name, kind, role, created_at)"
          + " VALUES (?, 'ceiling bot', 'bot', 'agent', ?)", org, now);
      List<Long> threadIds = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        long customer = insert(c, "INSERT INTO customers (organization_id, external_id,"
            + " customer_type, created_at) VALUES (?, ?, 'prospect', ?)", org, "bench-" + i, now);
        threadIds.add(insert(c, "INSERT INTO customer_threads (organization_id, store_id,"
            + " customer_id, status, message_count, created_at, updated_at)"
            + " VALUES (?, ?, ?, 'waiting', 0, ?, ?)", org, store, customer, now, now));
      }
      c.commit();
      return new DatabaseCeiling(fresh, database, bot, List.copyOf(threadIds));
    } catch (SQLException | RuntimeException e) {
      database.close();
      fresh.close();
      throw new IllegalStateException("cannot prepare the database ceiling: " + e.getMessage(), e);
    }
  }

  /** One channel per worker; unit {@code i} writes a message to thread {@code i mod threads}. */
  public LoadChannels transactions() {
    DataSource pool = database.dataSource();
    return () -> new LoadChannel() {
      @Override
      public void perform(long index) throws SQLException {
        writeMessage(pool, threadIds.get((int) (index % threadIds.size())), index);
      }

      @Override
      public void close() {}
    };
  }

  /** What the API's transaction writes for one bot message, in as few statements as it takes. */
  private void writeMessage(DataSource pool, long threadId, long index) throws SQLException {
    long now = System.currentTimeMillis();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        long organization;
        long sequence;
        try (PreparedStatement update = c.prepareStatement("UPDATE customer_threads"
            + " SET message_count = message_count + 1, status = 'replied', updated_at = ?"
            + " WHERE id = ?")) {
          update.setLong(1, now);
          update.setLong(2, threadId);
          update.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement(
            "SELECT organization_id, message_count FROM customer_threads WHERE id = ?")) {
          select.setLong(1, threadId);
          try (ResultSet rs = select.executeQuery()) {
            rs.next();
            organization = rs.getLong(1);
            sequence = rs.getLong(2);
          }
        }
        long messageId = insert(c, "INSERT INTO messages (thread_id, sequence, created_at,"
            + " from_customer, user_id, body, invisible) VALUES (?, ?, ?, false, ?, ?, false)",
            threadId, sequence, now, botUserId, "bench message " + index);
        try (PreparedStatement outbox = c.prepareStatement("INSERT INTO webhook_deliveries"
            + " (organization_id, thread_id, message_id, sequence, status, attempts,"
            + " schedule_step, next_attempt_at, created_at, unsettled_thread_id)"
            + " VALUES (?, ?, ?, ?, 'pending', 0, 0, ?, ?, ?)")) {
          bind(outbox, organization, threadId, messageId, sequence, now, now, threadId);
          outbox.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Messages stored so far, to check that every committed transaction left its row. */
  public long storedMessages() {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM messages m"
            + " JOIN webhook_deliveries d ON d.message_id = m.id")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the ceiling's messages", e);
    }
  }

  public int poolSize() {
    return fresh.config().poolSize();
  }

  private static long insert(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(sql, new String[] {"id"})) {
      bind(insert, values);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) statement.setObject(i + 1, values[i]);
  }

  @Override
  public void close() {
    database.close();
    fresh.close();
  }
}
