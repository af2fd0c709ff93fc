package dev.threadhook.server.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The dispatcher's meters, in Prometheus as {@code threadhook_webhook_*}. No meter is tagged by
 * organization: their number is unbounded.
 */
final class WebhookMetrics {
  private final Counter attemptsSucceeded;
  private final Counter attemptsFailed;
  private final Counter delivered;
  private final Counter failed;
  private final Counter takenByWriter;
  private final Counter takenByClaim;
  private final Counter takenByHandOver;
  private final Timer latency;
  private final Timer attemptDuration;
  private final Timer turns;
  private final DistributionSummary turnOutcomes;

  WebhookMetrics(MeterRegistry registry, LongSupplier unsettled, LongSupplier inFlight,
      LongSupplier pausedEndpoints) {
    attemptsSucceeded = Counter.builder("threadhook.webhook.attempts").tag("outcome", "success")
        .description("POSTs to hooks answered 2xx").register(registry);
    attemptsFailed = Counter.builder("threadhook.webhook.attempts").tag("outcome", "failure")
        .description("POSTs to hooks that failed (no 2xx in time)").register(registry);
    delivered = Counter.builder("threadhook.webhook.deliveries").tag("result", "delivered")
        .description("deliveries acknowledged by their hook").register(registry);
    failed = Counter.builder("threadhook.webhook.deliveries").tag("result", "failed")
        .description("deliveries that failed for good (retry schedule exhausted)")
        .register(registry);
    // Live traffic's deliveries are taken by the writer; a share taken by claims that grows
    // with the rate is the hook's room running out, or its threads waiting on each other.
    takenByWriter = Counter.builder("threadhook.webhook.deliveries.taken").tag("by", "writer")
        .description("deliveries this node took for an attempt as their message was written")
        .register(registry);
    takenByClaim = Counter.builder("threadhook.webhook.deliveries.taken").tag("by", "claim")
        .description("deliveries this node took for an attempt by a claim of its dispatcher:"
            + " retries, backlogs, and heads left due when the hook had no room")
        .register(registry);
    takenByHandOver = Counter.builder("threadhook.webhook.deliveries.taken")
        .tag("by", "hand-over")
        .description("deliveries this node took for an attempt as the one before them in their"
            + " thread was delivered (PostgreSQL): a backlog's threads, without a claim")
        .register(registry);
    latency = Timer.builder("threadhook.webhook.delivery.latency")
        .description("from the message's commit (or redelivery request) to its hook's 2xx")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofDays(2))
        .register(registry);
    attemptDuration = Timer.builder("threadhook.webhook.attempt.duration")
        .description("one POST to a hook, until its answer or failure")
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofMinutes(1))
        .register(registry);
    turns = Timer.builder("threadhook.webhook.dispatcher.turns")
        .description("transactions of the dispatcher's loop, each recording ended attempts and"
            + " claiming due deliveries under one commit")
        .register(registry);
    turnOutcomes = DistributionSummary.builder("threadhook.webhook.dispatcher.turn.outcomes")
        .description("attempts' outcomes recorded per dispatcher turn")
        .register(registry);
    // Gauges hold their source weakly unless told otherwise, and these lambdas have no other owner.
    Gauge.builder("threadhook.webhook.pending", unsettled, s -> safely(s))
        .description("deliveries not settled yet, in every organization (read from the database)")
        .strongReference(true).register(registry);
    Gauge.builder("threadhook.webhook.in.flight", inFlight, s -> s.getAsLong())
        .description("attempts in progress on this node").strongReference(true).register(registry);
    Gauge.builder("threadhook.webhook.endpoints.paused", pausedEndpoints, s -> s.getAsLong())
        .description("hooks this node's circuit breaker is pausing").strongReference(true)
        .register(registry);
  }

  private static double safely(LongSupplier databaseCount) {
    try {
      return databaseCount.getAsLong();
    } catch (RuntimeException databaseUnavailable) {
      return Double.NaN;
    }
  }

  /** Deliveries taken for an attempt as their message was written. */
  void takenByWriter(int deliveries) {
    takenByWriter.increment(deliveries);
  }

  /** Deliveries taken for an attempt as the one before them in their thread was delivered. */
  void takenByHandOver(int deliveries) {
    if (deliveries > 0) takenByHandOver.increment(deliveries);
  }

  /** Deliveries taken for an attempt by a claim of the dispatcher. */
  void takenByClaim(int deliveries) {
    if (deliveries > 0) takenByClaim.increment(deliveries);
  }

  void attempt(AttemptResult result) {
    (result.succeeded() ? attemptsSucceeded : attemptsFailed).increment();
    attemptDuration.record(result.durationMillis(), TimeUnit.MILLISECONDS);
  }

  void delivered(long latencyMillis) {
    delivered.increment();
    latency.record(Math.max(0, latencyMillis), TimeUnit.MILLISECONDS);
  }

  /**
   * A turn of the dispatcher's loop whose transaction committed; a failed one is not counted (its
   * outcomes are then recorded one per transaction).
   */
  void turn(long nanos, int outcomesRecorded) {
    turns.record(nanos, TimeUnit.NANOSECONDS);
    turnOutcomes.record(outcomesRecorded);
  }

  void failedForGood() {
    failed.increment();
  }
}
