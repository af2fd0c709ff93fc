package dev.threadhook.api;

/** Answer of {@code POST /api/channel/messages}. */
public record ChannelMessageResponse(String customerId, long customerThreadId, long messageId) {}
