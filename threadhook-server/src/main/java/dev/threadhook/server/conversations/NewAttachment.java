package dev.threadhook.server.conversations;

/** An attachment arriving with a message, its bytes decoded. */
public record NewAttachment(String name, String contentType, byte[] content) {}
