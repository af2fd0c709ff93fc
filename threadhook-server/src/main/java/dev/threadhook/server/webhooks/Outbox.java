package dev.threadhook.server.webhooks;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The transactional outbox: a message's delivery row is written in the message's own
 * transaction, so a committed message always has its delivery and a rolled-back one never does.
 */
public final class Outbox {
  private static final String ENQUEUE =
      "INSERT INTO webhook_deliveries (organization_id, thread_id, message_id, sequence,"
          + " status, attempts, next_attempt_at, created_at)"
          + " SELECT id, :thread, :message, :sequence, 'pending', 0, :now, :now"
          + " FROM organizations WHERE id = :org AND webhook_url IS NOT NULL";

  private Outbox() {}

  /** A message to deliver. */
  public record Delivery(long organizationId, long threadId, long messageId, long sequence) {}

  /** Queues a delivery of the message when its organization has a hook URL. */
  public static void enqueue(
      Handle transaction, long organizationId, long threadId, long messageId, long sequence,
      long now) {
    enqueueAll(transaction, List.of(new Delivery(organizationId, threadId, messageId, sequence)),
        now);
  }

  /**
   * Queues the deliveries of messages whose organization has a hook URL, in list order, with one
   * JDBC batch (one round trip to PostgreSQL for a whole group commit).
   */
  public static void enqueueAll(Handle transaction, List<Delivery> deliveries, long now) {
    if (deliveries.isEmpty()) return;
    PreparedBatch batch = transaction.prepareBatch(ENQUEUE);
    for (Delivery d : deliveries) {
      batch.bind("org", d.organizationId()).bind("thread", d.threadId())
          .bind("message", d.messageId()).bind("sequence", d.sequence()).bind("now", now).add();
    }
    batch.execute();
  }
}
