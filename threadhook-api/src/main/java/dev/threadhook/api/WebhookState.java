package dev.threadhook.api;

/**
 * {@code GET /api/webhook} and {@code POST /api/webhook/rotate-secret}: an organization's hook,
 * the secret its deliveries are signed with (Standard Webhooks), and how deliveries are going —
 * the questions Telegram's {@code getWebhookInfo} answers.
 *
 * @param url where messages are POSTed, or null when no hook is set
 * @param secret the current signing secret, {@code whsec_} and the base64 of the HMAC key
 * @param previousSecretExpiresAt after a rotation, until when (epoch milliseconds) deliveries are
 *     signed with the previous secret too; null when no rotation is under way
 * @param active whether deliveries go out: a URL is set and no 410 disabled it
 * @param disabledReason why deliveries stopped (the hook answered 410), else null
 * @param pendingDeliveries deliveries not settled yet (pending, in flight or awaiting a retry)
 * @param failedDeliveries deliveries that exhausted their retries
 * @param oldestPendingAgeMillis how long the oldest unsettled delivery has waited, else null
 * @param lastError what went wrong in the last failed attempt, else null
 */
public record WebhookState(
    long businessId,
    String url,
    String secret,
    Long previousSecretExpiresAt,
    boolean active,
    String disabledReason,
    Long disabledAt,
    long pendingDeliveries,
    long failedDeliveries,
    Long oldestPendingAt,
    Long oldestPendingAgeMillis,
    Long lastSuccessAt,
    Long lastErrorAt,
    String lastError) {}
