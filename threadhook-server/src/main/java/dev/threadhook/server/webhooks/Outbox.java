package dev.threadhook.server.webhooks;

import dev.threadhook.server.storage.Dialect;
import org.jdbi.v3.core.Handle;

/**
 * The transactional outbox: a message's delivery row is written in the message's own
 * transaction, so a committed message always has its delivery and a rolled-back one never does.
 */
public final class Outbox {
  /** The PostgreSQL channel on which a node tells the others that deliveries are due. */
  static final String CHANNEL = "threadhook_webhooks";

  private final Dialect dialect;

  public Outbox(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Queues a delivery of the message when its organization has a hook URL. */
  public void enqueue(
      Handle transaction, long organizationId, long threadId, long messageId, long sequence,
      long now) {
    int queued = transaction.createUpdate(
            "INSERT INTO webhook_deliveries (organization_id, thread_id, message_id, sequence,"
                + " status, attempts, schedule_step, next_attempt_at, created_at)"
                + " SELECT id, :thread, :message, :sequence, 'pending', 0, 0, :now, :now"
                + " FROM organizations WHERE id = :org AND webhook_url IS NOT NULL")
        .bind("org", organizationId).bind("thread", threadId).bind("message", messageId)
        .bind("sequence", sequence).bind("now", now)
        .execute();
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
