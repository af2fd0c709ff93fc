package dev.threadhook.server.conversations;

/**
 * Whether a message may be written to a thread of this organization and store; checked in the
 * transaction that writes it, on the thread as it is locked there.
 */
@FunctionalInterface
interface ThreadAccess {
  ThreadAccess ANY = (organizationId, storeId) -> true;

  boolean allows(long organizationId, long storeId);
}
