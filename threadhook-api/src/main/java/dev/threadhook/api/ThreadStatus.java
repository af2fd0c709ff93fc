package dev.threadhook.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The three statuses of a customer thread, spelled on the wire as the reference documents them. */
public enum ThreadStatus {
  /** The customer wrote last and waits for an answer. */
  WAITING,
  /** An employee or a bot answered publicly. */
  REPLIED,
  /** Closed; the customer's next message reopens it. */
  RESOLVED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name exactly ("waiting", not "WAITING"), as the reference spells it. */
  public static Optional<ThreadStatus> fromWireName(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
  }

  @JsonCreator
  static ThreadStatus fromJson(String value) {
    return fromWireName(value)
        .orElseThrow(() -> new IllegalArgumentException(
            "status must be one of waiting, replied, resolved but was '" + value + "'"));
  }
}
