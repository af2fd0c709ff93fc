package dev.threadhook.server.conversations;

/** What a channel posts for a customer: who they are, and what they wrote or sent. */
public record IncomingCustomerMessage(
    String customerExternalId,
    String customerName,
    String customerPhone,
    String customerEmail,
    String text,
    String externalId,
    NewAttachment attachment) {}
