package dev.threadhook.api;

import java.util.List;

/**
 * One message's delivery to the hook ({@code GET /api/webhook-deliveries[/{id}]}).
 *
 * @param webhookId the {@code webhook-id} header of every attempt: {@code msg_<messageId>}
 * @param sequence the message's position in its thread; a thread's deliveries go in this order
 * @param status pending until settled, then delivered or failed
 * @param state the dispatcher's finer state: pending, in_flight, retry_scheduled, delivered,
 *     failed
 * @param attemptCount attempts made so far
 * @param nextAttemptAt when the next attempt is due (epoch milliseconds), null once settled
 * @param deliveredAt when the hook answered 2xx (epoch milliseconds), else null
 * @param attempts every attempt, oldest first; listings leave it empty, the single delivery
 *     read ({@code GET /api/webhook-deliveries/{id}}) fills it
 */
public record WebhookDelivery(
    long id,
    String webhookId,
    long customerThreadId,
    long messageId,
    long sequence,
    WebhookDeliveryStatus status,
    String state,
    int attemptCount,
    Long nextAttemptAt,
    long createdAt,
    Long deliveredAt,
    Long failedAt,
    Long lastAttemptAt,
    Integer lastResponseStatus,
    String lastError,
    List<WebhookAttempt> attempts) {
  public WebhookDelivery {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }
}
