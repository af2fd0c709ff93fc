package dev.threadhook.api;

/**
 * A message of a customer thread as the API returns it.
 *
 * @param sequence the message's position in its thread, from 1; webhooks of one thread are
 *     delivered in this order
 * @param employeeUserId the author when an employee or a bot wrote it, else null
 * @param customerId the thread's customer (as a string, like the webhook's {@code customerId})
 */
public record Message(
    long id,
    long customerThreadId,
    long sequence,
    long timestamp,
    String body,
    boolean invisible,
    boolean fromCustomer,
    String customerId,
    Long employeeUserId,
    String externalId,
    Attachment attachment) {}
