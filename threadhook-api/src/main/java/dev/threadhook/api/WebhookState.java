package dev.threadhook.api;

/**
 * {@code GET /api/webhook} and {@code POST /api/webhook/rotate-secret}: an organization's hook
 * and the secret its deliveries are signed with (Standard Webhooks).
 *
 * @param url where messages are POSTed, or null when no hook is set
 * @param secret the current signing secret, {@code whsec_} and the base64 of the HMAC key
 * @param previousSecretExpiresAt after a rotation, until when (epoch milliseconds) deliveries are
 *     signed with the previous secret too; null when no rotation is under way
 * @param pendingDeliveries deliveries not yet acknowledged by the hook
 * @param failedDeliveries deliveries that exhausted their retries
 */
public record WebhookState(
    long businessId,
    String url,
    String secret,
    Long previousSecretExpiresAt,
    long pendingDeliveries,
    long failedDeliveries) {}
