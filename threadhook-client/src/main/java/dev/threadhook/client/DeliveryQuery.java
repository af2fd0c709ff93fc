package dev.threadhook.client;

import dev.threadhook.api.WebhookDeliveryStatus;

/**
 * Which webhook deliveries to list: {@code DeliveryQuery.all().status(FAILED)}. Immutable; null
 * means "any".
 */
public record DeliveryQuery(WebhookDeliveryStatus status, Long threadId, String cursor) {

  public static DeliveryQuery all() {
    return new DeliveryQuery(null, null, null);
  }

  public DeliveryQuery status(WebhookDeliveryStatus status) {
    return new DeliveryQuery(status, threadId, cursor);
  }

  public DeliveryQuery threadId(long threadId) {
    return new DeliveryQuery(status, threadId, cursor);
  }

  /** The page after the one whose {@code nextCursor} this is. */
  public DeliveryQuery cursor(String cursor) {
    return new DeliveryQuery(status, threadId, cursor);
  }
}
