package dev.threadhook.client;

/**
 * An attachment's bytes as {@code GET /api/attachments/{uuid}} served them.
 *
 * @param name the file name from {@code Content-Disposition}, or null when the server gave none
 * @param contentType the media type the server gave
 */
public record DownloadedAttachment(String name, String contentType, byte[] content) {}
