package dev.threadhook.api;

/**
 * One POST of a delivery to the hook.
 *
 * @param attempt its number, from 1 (the {@code webhook-attempt} header)
 * @param startedAt epoch milliseconds
 * @param responseStatus the hook's HTTP status, or null when none came (see {@code error})
 * @param responseBody the first 4 KiB of the hook's answer
 * @param error why no status came (connection refused, timeout…), else null
 * @param url where it was sent
 */
public record WebhookAttempt(
    int attempt,
    long startedAt,
    long durationMillis,
    Integer responseStatus,
    String responseBody,
    String error,
    String url) {}
