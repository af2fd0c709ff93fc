package dev.threadhook.server.webhooks;

/**
 * An organization's hook as {@code GET /api/webhook} reports it: the questions Telegram's
 * getWebhookInfo answers.
 *
 * @param secret the current signing secret
 * @param previousSecretExpiresAt until when the previous secret signs too, or null
 * @param active whether deliveries go out: a URL is set and no 410 disabled it
 * @param disabledReason why not, when not active
 * @param pendingDeliveries deliveries not settled yet
 * @param oldestPendingAt when the oldest of them was queued, or null
 * @param oldestPendingAgeMillis how long ago that was, or null
 */
public record HookState(
    long organizationId,
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
