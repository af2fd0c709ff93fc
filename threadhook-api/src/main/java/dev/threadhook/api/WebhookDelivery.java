package dev.threadhook.api;

import java.util.List;

/**
 * One message's delivery to the hook ({@code GET /api/webhook-deliveries[/{id}]}).
 *
 * @param webhookId the {@code webhook-id} header of every attempt: {@code msg_<messageId>}
 * @param sequence the message's position in its thread; a thread's deliveries go in this order
 * @param attemptCount attempts made so far
 * @param nextAttemptAt when the next attempt is due (epoch milliseconds), null unless pending
 * @param deliveredAt when the hook answered 2xx (epoch milliseconds), else null
 * @param attempts every attempt, oldest first; listings may leave it empty, the single delivery
 *     read ({@code GET /api/webhook-deliveries/{id}}) fills it
 */
public record WebhookDelivery(
    long id,
    String webhookId,
    long customerThreadId,
    long messageId,
    long sequence,
    WebhookDeliveryStatus status,
    int attemptCount,
    Long nextAttemptAt,
    long createdAt,
    Long deliveredAt,
    List<WebhookAttempt> attempts) {

  public WebhookDelivery {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }
}
