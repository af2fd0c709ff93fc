package dev.threadhook.server.webhooks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a delivery stands in the dispatcher's loop: pending → in flight → delivered | retry
 * scheduled | failed; a scheduled retry goes in flight again when due. Pending, in flight and
 * retry scheduled hold back the later messages of their thread; delivered and failed do not.
 */
public enum DeliveryState {
  /** Committed with its message, never attempted. */
  PENDING,
  /** Claimed by a node, whose lease on it ends at its next_attempt_at. */
  IN_FLIGHT,
  /** Attempted and failed (or abandoned); tried again at its next_attempt_at. */
  RETRY_SCHEDULED,
  /** The hook answered 2xx. */
  DELIVERED,
  /** Every attempt of the retry schedule failed; only a redelivery sends it again. */
  FAILED;

  /** The name in the database and in the API's {@code state}. */
  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DeliveryState> fromDbName(String value) {
    return Arrays.stream(values()).filter(s -> s.dbName().equals(value)).findFirst();
  }

  public boolean isFinal() {
    return this == DELIVERED || this == FAILED;
  }

  /**
   * The API's coarse {@code status}: {@code pending} until the delivery is settled, then
   * {@code delivered} or {@code failed}.
   */
  public String status() {
    return isFinal() ? dbName() : "pending";
  }
}
