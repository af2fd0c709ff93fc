package dev.threadhook.server.accounts;

import java.util.List;

public record User(
    long id, long organizationId, String name, UserKind kind, Role role, List<Long> storeIds,
    long createdAt) {}
