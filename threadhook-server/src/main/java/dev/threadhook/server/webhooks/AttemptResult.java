package dev.threadhook.server.webhooks;

import java.time.Duration;

/**
 * What one POST to a hook came to.
 *
 * @param status the hook's HTTP status, or null when none came
 * @param responseBody the first {@link #MAX_BODY_BYTES} bytes of the answer as text, or null
 * @param error why no acceptable answer came (timeout, connection refused, refused address…),
 *     or null for an answer with a status
 * @param retryAfter the wait a 429 or 503 asked for, or null
 */
record AttemptResult(
    long startedAt,
    long durationMillis,
    Integer status,
    String responseBody,
    String error,
    Duration retryAfter) {

  static final int MAX_BODY_BYTES = 4096;

  boolean succeeded() {
    return status != null && status >= 200 && status < 300;
  }

  boolean gone() {
    return status != null && status == 410;
  }

  /** A short description for the delivery's last error and the organization's. */
  String describe() {
    if (succeeded()) return null;
    if (status == null) return error;
    return error == null ? "HTTP " + status : "HTTP " + status + ": " + error;
  }
}
