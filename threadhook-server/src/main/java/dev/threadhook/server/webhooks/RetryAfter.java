package dev.threadhook.server.webhooks;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: seconds ({@code 120}) or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {
  private RetryAfter() {}

  /** The wait the header asks for, never negative; empty when absent or unreadable. */
  static Optional<Duration> parse(String header, long nowMillis) {
    if (header == null || header.isBlank()) return Optional.empty();
    String value = header.strip();
    if (value.chars().allMatch(Character::isDigit)) {
      if (value.length() > 9) return Optional.of(Duration.ofSeconds(999_999_999));
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant().toEpochMilli();
      return Optional.of(Duration.ofMillis(Math.max(0, at - nowMillis)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
