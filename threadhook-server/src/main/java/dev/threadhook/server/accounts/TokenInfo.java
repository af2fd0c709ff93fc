package dev.threadhook.server.accounts;

/** An API token or channel key as listings show it: never the secret, only its first characters. */
public record TokenInfo(
    long id, long ownerId, String prefix, String label, long createdAt, Long lastUsedAt,
    Long revokedAt) {}
