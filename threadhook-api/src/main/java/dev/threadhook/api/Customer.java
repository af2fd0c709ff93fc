package dev.threadhook.api;

/** A customer of an organization; {@code id} is a string, as in the webhook. */
public record Customer(
    String id, String externalId, String name, String phone, String email, String customerType) {}
