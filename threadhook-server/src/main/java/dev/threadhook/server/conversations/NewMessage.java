package dev.threadhook.server.conversations;

/**
 * A message to append to a thread. Exactly one of {@code fromCustomer} and {@code userId} says
 * who wrote it.
 */
record NewMessage(
    long threadId,
    boolean fromCustomer,
    Long userId,
    String body,
    boolean invisible,
    String externalId,
    NewAttachment attachment) {}
