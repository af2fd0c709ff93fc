package dev.threadhook.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a webhook delivery stands; on the wire in lower case ({@code "pending"}). */
public enum WebhookDeliveryStatus {
  /** Not acknowledged yet: waiting for its first attempt or for a retry. */
  PENDING,
  /** The hook answered 2xx. */
  DELIVERED,
  /** Every attempt of the retry schedule failed; only a redelivery sends it again. */
  FAILED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<WebhookDeliveryStatus> fromWireName(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
  }

  @JsonCreator
  static WebhookDeliveryStatus fromJson(String value) {
    return fromWireName(value)
        .orElseThrow(() -> new IllegalArgumentException(
            "delivery status must be one of pending, delivered, failed but was '" + value + "'"));
  }
}
