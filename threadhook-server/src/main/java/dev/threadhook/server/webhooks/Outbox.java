package dev.threadhook.server.webhooks;

import dev.threadhook.server.storage.Dialect;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The transactional outbox: a message's delivery row is written in the message's own
 * transaction, so a committed message always has its delivery and a rolled-back one never does.
 *
 * <p>A delivery queued behind an unsettled one of its thread is written without a due time: it
 * waits, out of every claim's sight, until the one before it settles and hands it one
 * ({@link DeliveryStore#completeAll}). Both sides hold the thread's row lock (the writer from
 * appending the message, the settling side by taking it), so the hand-over cannot be missed.
 */
public final class Outbox {
  /** The PostgreSQL channel on which a node tells the others that deliveries are due. */
  static final String CHANNEL = "threadhook_webhooks";

  private static final String ENQUEUE =
      "INSERT INTO webhook_deliveries (organization_id, thread_id, message_id, sequence,"
          + " status, attempts, schedule_step, next_attempt_at, created_at, unsettled_thread_id)"
          + " SELECT id, :thread, :message, :sequence, 'pending', 0, 0, :due, :now, :thread"
          + " FROM organizations WHERE id = :org AND webhook_url IS NOT NULL";

  private static final String THREADS_WITH_UNSETTLED =
      "SELECT t.id FROM customer_threads t WHERE t.id = ANY(:threads) AND EXISTS"
          + " (SELECT 1 FROM webhook_deliveries d WHERE d.unsettled_thread_id = t.id)";

  private final Dialect dialect;

  public Outbox(Dialect dialect) {
    this.dialect = dialect;
  }

  Dialect dialect() {
    return dialect;
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
   * JDBC batch (one round trip to PostgreSQL for a whole group commit). The transaction must
   * hold the row locks of the messages' threads.
   */
  public void enqueueAll(Handle transaction, List<Delivery> deliveries, long now) {
    if (deliveries.isEmpty()) return;
    Set<Long> behind = new HashSet<>(transaction.createQuery(THREADS_WITH_UNSETTLED)
        .bindArray("threads", Long.class,
            deliveries.stream().map(Delivery::threadId).distinct().toList())
        .mapTo(Long.class).list());
    PreparedBatch batch = transaction.prepareBatch(ENQUEUE);
    for (Delivery d : deliveries) {
      // The first of a thread with nothing unsettled is due now; every later one waits its turn.
      boolean waits = !behind.add(d.threadId());
      batch.bind("org", d.organizationId()).bind("thread", d.threadId())
          .bind("message", d.messageId()).bind("sequence", d.sequence())
          .bind("due", waits ? null : (Long) now).bind("now", now).add();
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
