package dev.threadhook.server.conversations;

import dev.threadhook.api.ThreadStatus;

public record StoredThread(
    long id,
    long organizationId,
    long storeId,
    StoredCustomer customer,
    ThreadStatus status,
    long messageCount,
    long createdAt,
    long updatedAt) {}
