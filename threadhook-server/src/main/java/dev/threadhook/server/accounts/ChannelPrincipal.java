package dev.threadhook.server.accounts;

/** A store's channel, authenticated by its channel key: it posts customers' messages. */
public record ChannelPrincipal(long channelKeyId, long organizationId, long storeId) {}
