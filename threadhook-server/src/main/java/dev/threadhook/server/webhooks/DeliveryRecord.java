package dev.threadhook.server.webhooks;

/**
 * A delivery as operators see it.
 *
 * @param attempts attempts made so far (each claim counts)
 * @param nextAttemptAt when it is due (unsettled) or when it settled (delivered, failed); null
 *     while it waits for an earlier delivery of its thread to settle
 */
public record DeliveryRecord(
    long id,
    long organizationId,
    long threadId,
    long messageId,
    long sequence,
    DeliveryState state,
    int attempts,
    Long nextAttemptAt,
    long createdAt,
    Long deliveredAt,
    Long failedAt,
    Long lastAttemptAt,
    Integer lastResponseStatus,
    String lastError) {

  /** The {@code webhook-id} header of every attempt of this delivery. */
  public String webhookId() {
    return ClaimedDelivery.webhookId(messageId);
  }
}
