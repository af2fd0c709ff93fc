package dev.threadhook.server.conversations;

/** An attachment's description, without its bytes. */
public record StoredAttachment(String uuid, String name, String contentType, long contentLength) {}
