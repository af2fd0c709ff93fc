package dev.threadhook.server.conversations;

public record StoredCustomer(
    long id, long organizationId, String externalId, String name, String phone, String email,
    String customerType) {}
