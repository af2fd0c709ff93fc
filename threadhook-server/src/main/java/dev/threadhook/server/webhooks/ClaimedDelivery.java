package dev.threadhook.server.webhooks;

import dev.threadhook.api.WebhookMessage;
import java.util.List;

/**
 * A delivery this node holds the lease of, with everything its attempt needs.
 *
 * @param attempt this attempt's number, from 1 (the {@code webhook-attempt} header)
 * @param scheduleStep failed attempts since the delivery was (re)queued
 * @param queuedAt when the message was committed, or redelivery asked for
 * @param secrets the signing secrets, the current one first
 */
record ClaimedDelivery(
    long id,
    long organizationId,
    long threadId,
    long sequence,
    int attempt,
    int scheduleStep,
    long queuedAt,
    String url,
    List<String> secrets,
    WebhookMessage payload) {

  /** The Standard Webhooks id: the same on every attempt of one message. */
  String webhookId() {
    return webhookId(payload.messageId());
  }

  static String webhookId(long messageId) {
    return "msg_" + messageId;
  }

  /**
   * The secrets a delivery is signed with at {@code now}: the current one, then the previous one
   * until it expires.
   */
  static List<String> signingSecrets(
      String current, String previous, Long previousExpiresAt, long now) {
    if (previous != null && previousExpiresAt != null && previousExpiresAt > now) {
      return List.of(current, previous);
    }
    return List.of(current);
  }
}
