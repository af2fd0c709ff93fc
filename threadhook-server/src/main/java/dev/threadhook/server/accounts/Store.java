package dev.threadhook.server.accounts;

public record Store(long id, long organizationId, String name, long createdAt) {}
