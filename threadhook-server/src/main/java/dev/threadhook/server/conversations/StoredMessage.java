package dev.threadhook.server.conversations;

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
    StoredAttachment attachment) {}
