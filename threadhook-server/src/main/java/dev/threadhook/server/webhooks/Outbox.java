package dev.threadhook.server.webhooks;

import org.jdbi.v3.core.Handle;

/**
 * The transactional outbox: a message's delivery row is written in the message's own
 * transaction, so a committed message always has its delivery and a rolled-back one never does.
 */
public final class Outbox {
  private Outbox() {}

  /** Queues a delivery of the message when its organization has a hook URL. */
  public static void enqueue(
      Handle transaction, long organizationId, long threadId, long messageId, long sequence,
      long now) {
    transaction.createUpdate(
            "INSERT INTO webhook_deliveries (organization_id, thread_id, message_id, sequence,"
                + " status, attempts, next_attempt_at, created_at)"
                + " SELECT id, :thread, :message, :sequence, 'pending', 0, :now, :now"
                + " FROM organizations WHERE id = :org AND webhook_url IS NOT NULL")
        .bind("org", organizationId).bind("thread", threadId).bind("message", messageId)
        .bind("sequence", sequence).bind("now", now)
        .execute();
  }
}
