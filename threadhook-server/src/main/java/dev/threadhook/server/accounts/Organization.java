package dev.threadhook.server.accounts;

/** An organization; its id is the webhook's businessId. */
public record Organization(long id, String name, String webhookUrl, long createdAt) {}
