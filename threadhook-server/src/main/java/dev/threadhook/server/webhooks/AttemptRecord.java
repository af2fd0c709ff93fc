package dev.threadhook.server.webhooks;

/**
 * One recorded POST of a delivery.
 *
 * @param responseStatus the hook's status, or null when none came
 * @param responseBody the first 4 KiB of the answer, as text
 * @param error why no acceptable answer came, or null
 * @param url where it was sent (the hook's URL then)
 */
public record AttemptRecord(
    int attempt,
    long startedAt,
    long durationMillis,
    Integer responseStatus,
    String responseBody,
    String error,
    String url) {}
