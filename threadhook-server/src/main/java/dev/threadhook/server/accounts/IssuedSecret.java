package dev.threadhook.server.accounts;

/** A token or channel key just created: the only time its secret is available. */
public record IssuedSecret(long id, long ownerId, String secret, String label) {}
