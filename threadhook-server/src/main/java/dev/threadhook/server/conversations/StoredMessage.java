package dev.threadhook.server.conversations;

import dev.threadhook.api.WebhookMessage;

/**
 * A message as stored. {@code userId} is the employee or bot who wrote it, null when the
 * customer did.
 */
public record StoredMessage(
    long id,
    long threadId,
    long organizationId,
    long customerId,
    long sequence,
    long createdAt,
    boolean fromCustomer,
    Long userId,
    String body,
    boolean invisible,
    String externalId,
    StoredAttachment attachment) {

  /** The webhook this message is delivered as: the reference's 15 fields. */
  public WebhookMessage webhookPayload() {
    return new WebhookMessage(Long.toString(customerId), threadId, createdAt, userId, id, body,
        organizationId,
        attachment == null ? null : attachment.name(),
        attachment == null ? null : attachment.contentType(),
        attachment == null ? null : attachment.uuid(),
        attachment == null ? null : attachment.contentLength(),
        fromCustomer, externalId, invisible, WebhookMessage.PROSPECT);
  }
}
