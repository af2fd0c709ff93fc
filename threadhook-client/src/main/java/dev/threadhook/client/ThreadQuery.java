package dev.threadhook.client;

import dev.threadhook.api.ThreadStatus;

/**
 * Which customer threads to list, newest first: {@code ThreadQuery.all().status(WAITING).limit(20)}.
 * Immutable; each method returns a new query. Null means "any" (or the server's default limit).
 */
public record ThreadQuery(ThreadStatus status, Long storeId, String cursor, Integer limit) {

  /** Every thread the token can see, first page. */
  public static ThreadQuery all() {
    return new ThreadQuery(null, null, null, null);
  }

  public ThreadQuery status(ThreadStatus status) {
    return new ThreadQuery(status, storeId, cursor, limit);
  }

  public ThreadQuery storeId(long storeId) {
    return new ThreadQuery(status, storeId, cursor, limit);
  }

  /** The page after the one whose {@code nextCursor} this is. */
  public ThreadQuery cursor(String cursor) {
    return new ThreadQuery(status, storeId, cursor, limit);
  }

  /** Page size, 1 to 200 on Threadhook. */
  public ThreadQuery limit(int limit) {
    return new ThreadQuery(status, storeId, cursor, limit);
  }
}
