package dev.threadhook.server.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again, as data: after its n-th failed attempt a delivery waits
 * {@code delays[n-1]}, varied by up to ±{@code jitter} of it so that the retries of many
 * deliveries to an endpoint that comes back do not all land in the same second. When the attempt
 * after the last delay fails too, the delivery has failed for good.
 *
 * <p>The first retries come within seconds, because a customer is usually waiting for the bot's
 * answer; the later ones spread over about two days, for an endpoint that is down for a while.
 * The table in {@code docs/webhooks.md} is this list.
 *
 * @param delays the wait before each retry, in order
 * @param jitter the fraction (0 to 1) by which each wait is varied either way
 */
public record RetrySchedule(List<Duration> delays, double jitter) {

  /** 14 attempts over about 48 hours. */
  public static final RetrySchedule DEFAULT = new RetrySchedule(List.of(
      Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
      Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
      Duration.ofHours(8), Duration.ofHours(12), Duration.ofHours(12)), 0.2);

  public RetrySchedule {
    delays = List.copyOf(delays);
    for (Duration delay : delays) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("retry delays must not be negative but one was " + delay);
      }
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be at least 0 and below 1 but was " + jitter);
    }
  }

  /**
   * Reads {@code 1s,5s,30s,2m}: the delays, comma-separated ({@link Durations} units), with
   * the default jitter.
   */
  public static RetrySchedule parse(String spec) {
    List<Duration> delays = new ArrayList<>();
    if (!spec.isBlank()) {
      for (String part : spec.split(",")) delays.add(Durations.parse(part));
    }
    return new RetrySchedule(delays, DEFAULT.jitter());
  }

  public RetrySchedule withJitter(double jitter) {
    return new RetrySchedule(delays, jitter);
  }

  /** Attempts a delivery gets before it fails for good: the first one and one per delay. */
  public int maxAttempts() {
    return delays.size() + 1;
  }

  /** The time from the first attempt to the last, without jitter. */
  public Duration span() {
    return delays.stream().reduce(Duration.ZERO, Duration::plus);
  }

  /**
   * The wait after a delivery's {@code failures}-th failed attempt, or empty when that was its
   * last attempt.
   */
  public Optional<Duration> delayAfter(int failures, RandomGenerator random) {
    if (failures < 1) throw new IllegalArgumentException("failures start at 1 but was " + failures);
    if (failures > delays.size()) return Optional.empty();
    Duration delay = delays.get(failures - 1);
    if (jitter == 0 || delay.isZero()) return Optional.of(delay);
    double factor = 1 + jitter * (2 * random.nextDouble() - 1);
    return Optional.of(Duration.ofMillis(Math.round(delay.toMillis() * factor)));
  }
}
