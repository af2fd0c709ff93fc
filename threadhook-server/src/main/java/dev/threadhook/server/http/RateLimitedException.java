package dev.threadhook.server.http;

/**
 * 429: the caller's bucket is empty, or the server has no room for its request now;
 * {@code Retry-After} says when to come back.
 */
final class RateLimitedException extends RuntimeException {
  private final long retryAfterSeconds;

  RateLimitedException(long retryAfterSeconds) {
    this("too many requests for this token: retry after " + retryAfterSeconds + " s",
        retryAfterSeconds);
  }

  RateLimitedException(String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
