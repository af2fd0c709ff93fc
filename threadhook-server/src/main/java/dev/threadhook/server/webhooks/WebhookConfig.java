package dev.threadhook.server.webhooks;

import java.time.Duration;

/**
 * How the webhook dispatcher behaves. {@link #defaults()} is what production runs with; tests
 * shorten the waits with {@link #toBuilder()} so they do not wait real minutes.
 *
 * @param connectTimeout longest wait for the TCP (and TLS) connection to the hook
 * @param requestTimeout longest wait for a whole attempt, from its start to the hook's answer
 * @param retrySchedule when failed attempts are tried again, and when a delivery fails for good
 * @param maxRetryAfter the most a hook's {@code Retry-After} may delay a retry
 * @param lease how long a claimed delivery is reserved to its node; a node that dies with claims
 *     has them taken over once it ends. Longer than an attempt, so a live node never loses one.
 * @param pollInterval how often the database is checked for due deliveries without a wake-up
 * @param batchSize most deliveries claimed in one transaction
 * @param maxInFlight most attempts in progress at once on this node
 * @param maxConcurrentPerEndpoint most attempts in progress at once to one hook from this node
 * @param breakerFailureThreshold consecutive failures of a hook after which it is paused
 * @param breakerOpenDuration the first pause; each failed probe doubles it
 * @param breakerMaxOpenDuration the longest pause
 * @param secretOverlap how long the previous secret keeps signing after a rotation
 * @param deliveredRetention how long delivered rows (and their attempts) are kept
 * @param pruneInterval how often rows older than the retention are deleted
 */
public record WebhookConfig(
    Duration connectTimeout,
    Duration requestTimeout,
    RetrySchedule retrySchedule,
    Duration maxRetryAfter,
    Duration lease,
    Duration pollInterval,
    int batchSize,
    int maxInFlight,
    int maxConcurrentPerEndpoint,
    int breakerFailureThreshold,
    Duration breakerOpenDuration,
    Duration breakerMaxOpenDuration,
    Duration secretOverlap,
    Duration deliveredRetention,
    Duration pruneInterval) {

  public WebhookConfig {
    positive(connectTimeout, "connectTimeout");
    positive(requestTimeout, "requestTimeout");
    positive(pollInterval, "pollInterval");
    positive(breakerOpenDuration, "breakerOpenDuration");
    positive(pruneInterval, "pruneInterval");
    if (maxRetryAfter.isNegative() || secretOverlap.isNegative() || deliveredRetention.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter, secretOverlap and deliveredRetention"
          + " must not be negative");
    }
    if (lease.compareTo(requestTimeout.plus(connectTimeout)) <= 0) {
      throw new IllegalArgumentException("lease must be longer than connectTimeout + requestTimeout ("
          + connectTimeout.plus(requestTimeout) + ") but was " + lease
          + ": a live node would lose its claims in the middle of an attempt");
    }
    if (breakerMaxOpenDuration.compareTo(breakerOpenDuration) < 0) {
      throw new IllegalArgumentException("breakerMaxOpenDuration must be at least breakerOpenDuration");
    }
    if (batchSize < 1 || maxInFlight < 1 || maxConcurrentPerEndpoint < 1 || breakerFailureThreshold < 1) {
      throw new IllegalArgumentException("batchSize, maxInFlight, maxConcurrentPerEndpoint and"
          + " breakerFailureThreshold must be at least 1");
    }
  }

  public static WebhookConfig defaults() {
    // 32 attempts at once per hook (Telegram's webhook default is 40 connections): with 8, one
    // busy hook's deliveries were bound by its answers' round trips — e2e at 2,000 msg/s fell
    // behind (1,750 webhooks/s) and drained at 3,000/s; with 32 it keeps up and drains at 4,500/s
    // (docs/benchmarks.md). In flight per node: room for 4 such hooks' claimed deliveries.
    return new WebhookConfig(
        Duration.ofSeconds(5), Duration.ofSeconds(15), RetrySchedule.DEFAULT,
        Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofSeconds(1),
        100, 512, 32,
        5, Duration.ofSeconds(10), Duration.ofMinutes(5),
        Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(1));
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive but was " + d);
    }
  }

  /** Changes some settings of a config and leaves the others. */
  public static final class Builder {
    private Duration connectTimeout;
    private Duration requestTimeout;
    private RetrySchedule retrySchedule;
    private Duration maxRetryAfter;
    private Duration lease;
    private Duration pollInterval;
    private int batchSize;
    private int maxInFlight;
    private int maxConcurrentPerEndpoint;
    private int breakerFailureThreshold;
    private Duration breakerOpenDuration;
    private Duration breakerMaxOpenDuration;
    private Duration secretOverlap;
    private Duration deliveredRetention;
    private Duration pruneInterval;

    private Builder(WebhookConfig c) {
      connectTimeout = c.connectTimeout;
      requestTimeout = c.requestTimeout;
      retrySchedule = c.retrySchedule;
      maxRetryAfter = c.maxRetryAfter;
      lease = c.lease;
      pollInterval = c.pollInterval;
      batchSize = c.batchSize;
      maxInFlight = c.maxInFlight;
      maxConcurrentPerEndpoint = c.maxConcurrentPerEndpoint;
      breakerFailureThreshold = c.breakerFailureThreshold;
      breakerOpenDuration = c.breakerOpenDuration;
      breakerMaxOpenDuration = c.breakerMaxOpenDuration;
      secretOverlap = c.secretOverlap;
      deliveredRetention = c.deliveredRetention;
      pruneInterval = c.pruneInterval;
    }

    public Builder connectTimeout(Duration value) { connectTimeout = value; return this; }
    public Builder requestTimeout(Duration value) { requestTimeout = value; return this; }
    public Builder retrySchedule(RetrySchedule value) { retrySchedule = value; return this; }
    public Builder maxRetryAfter(Duration value) { maxRetryAfter = value; return this; }
    public Builder lease(Duration value) { lease = value; return this; }
    public Builder pollInterval(Duration value) { pollInterval = value; return this; }
    public Builder batchSize(int value) { batchSize = value; return this; }
    public Builder maxInFlight(int value) { maxInFlight = value; return this; }
    public Builder maxConcurrentPerEndpoint(int value) { maxConcurrentPerEndpoint = value; return this; }

    /** Pauses a hook after {@code threshold} consecutive failures, for {@code open} then doubling up to {@code maxOpen}. */
    public Builder circuitBreaker(int threshold, Duration open, Duration maxOpen) {
      breakerFailureThreshold = threshold;
      breakerOpenDuration = open;
      breakerMaxOpenDuration = maxOpen;
      return this;
    }

    public Builder secretOverlap(Duration value) { secretOverlap = value; return this; }
    public Builder deliveredRetention(Duration value) { deliveredRetention = value; return this; }
    public Builder pruneInterval(Duration value) { pruneInterval = value; return this; }

    public WebhookConfig build() {
      return new WebhookConfig(connectTimeout, requestTimeout, retrySchedule, maxRetryAfter, lease,
          pollInterval, batchSize, maxInFlight, maxConcurrentPerEndpoint, breakerFailureThreshold,
          breakerOpenDuration, breakerMaxOpenDuration, secretOverlap, deliveredRetention,
          pruneInterval);
    }
  }
}
