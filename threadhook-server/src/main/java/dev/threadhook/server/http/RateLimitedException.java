package dev.threadhook.server.http;

/** 429: the caller's bucket is empty; {@code Retry-After} says when to come back. */
final class RateLimitedException extends RuntimeException {
  private final long retryAfterSeconds;

  RateLimitedException(long retryAfterSeconds) {
    super("too many requests for this token: retry after " + retryAfterSeconds + " s", null,
        false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
