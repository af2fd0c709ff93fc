package dev.threadhook.api;

/** An attachment's description; its bytes are at {@code GET /api/attachments/{uuid}}. */
public record Attachment(String uuid, String name, String contentType, long contentLength) {}
