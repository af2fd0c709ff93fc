package dev.threadhook.client;

import java.time.Duration;
import java.util.Optional;

/** 429: too many requests, after the client's own retries; wait {@link #retryAfter()}. */
public class RateLimitedException extends ThreadhookApiException {
  private final Duration retryAfter;

  public RateLimitedException(
      String request, String errorCode, String serverMessage, Duration retryAfter) {
    super(request, 429, errorCode, serverMessage);
    this.retryAfter = retryAfter;
  }

  /** How long the server asked to wait ({@code Retry-After}), when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
