package dev.threadhook.server.webhooks;

import dev.threadhook.server.storage.Dialect;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The transactional outbox: a message's delivery row is written in the message's own
 * transaction, so a committed message always has its delivery and a rolled-back one never does.
 */
public final class Outbox {
  /** The PostgreSQL channel on which a node tells the others that deliveries are due. */
  static final String CHANNEL = "threadhook_webhooks";

  private static final String ENQUEUE =
      "INSERT INTO webhook_deliveries (organization_id, thread_id, message_id, sequence,"
          + " status, attempts, schedule_step, next_attempt_at, created_at)"
          + " SELECT id, :thread, :message, :sequence, 'pending', 0, 0, :now, :now"
          + " FROM organizations WHERE id = :org AND webhook_url IS NOT NULL";

  private final Dialect dialect;

  public Outbox(Dialect dialect) {
    this.dialect = dialect;
  }

  /** A message to deliver. */
  public record Delivery(long organizationId, long threadId, long messageId, long sequence) {}

  /** Queues a delivery of the message when its organization has a hook URL. */
  public void enqueue(
      Handle transaction, long organizationId, long threadId, long messageId, long sequence,
      long now) {
    enqueueAll(transaction, List.of(new Delivery(organizationId, threadId, messageId, sequence)),
        now);
  }

  /**
   * Queues the deliveries of messages whose organization has a hook URL, in list order, with one
   * JDBC batch (one round trip to PostgreSQL for a whole group commit).
   */
  public void enqueueAll(Handle transaction, List<Delivery> deliveries, long now) {
    if (deliveries.isEmpty()) return;
    PreparedBatch batch = transaction.prepareBatch(ENQUEUE);
    for (Delivery d : deliveries) {
      batch.bind("org", d.organizationId()).bind("thread", d.threadId())
          .bind("message", d.messageId()).bind("sequence", d.sequence()).bind("now", now).add();
    }
    int queued = 0;
    for (int count : batch.execute()) queued += count;
    if (queued > 0) notifyNodes(transaction);
  }

  /**
   * Wakes every node's dispatcher once the transaction commits. PostgreSQL delivers a NOTIFY at
   * commit and drops it on rollback, which is exactly the outbox's rule; on H2 (one node) the
   * in-process wake-up is enough.
   */
  void notifyNodes(Handle transaction) {
    if (dialect == Dialect.POSTGRESQL) transaction.execute("NOTIFY " + CHANNEL);
  }
}
