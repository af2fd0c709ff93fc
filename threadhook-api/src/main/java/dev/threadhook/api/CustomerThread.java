package dev.threadhook.api;

/** A customer thread: its public part and its invisible, employee-only part share one id. */
public record CustomerThread(
    long id,
    long businessId,
    long storeId,
    Customer customer,
    ThreadStatus status,
    long createdAt,
    long updatedAt,
    long messageCount) {}
