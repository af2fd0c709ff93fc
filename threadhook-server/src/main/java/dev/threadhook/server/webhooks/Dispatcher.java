package dev.threadhook.server.webhooks;

import dev.threadhook.server.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker loop: claims due deliveries with a lease, runs each attempt on a virtual thread,
 * and records its outcome. A delivery goes pending → in flight → delivered | retry scheduled |
 * failed (see {@link DeliveryState}). The loop sleeps until woken — by a commit on this node, a
 * NOTIFY from another, an attempt ending, a retry or a paused hook coming due — or until the
 * poll interval has passed, whichever is first.
 *
 * <p>Order per thread is the claim's business: a delivery is only claimable when no earlier
 * delivery of its thread is unsettled, so one thread has at most one attempt out at a time,
 * across nodes, while every other thread goes on.
 *
 * <p>An attempt gives its hook's slot back as soon as the hook has answered; its outcome is then
 * recorded by the {@link SettlementRecorder} together with the outcomes of the attempts that
 * ended alongside it, and only then does the delivery stop counting as in flight here.
 */
final class Dispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int PRUNE_BATCH = 1000;
  private static final int MAX_PRUNE_BATCHES = 20;
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);
  private static final Duration STRANDED_CHECK_INTERVAL = Duration.ofSeconds(30);

  private final DeliveryStore store;
  private final WebhookSender sender;
  private final EndpointGates gates;
  private final WebhookConfig config;
  private final Clock clock;
  private final String node;
  private final RandomGenerator random;
  private final ExecutorService attempts =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-attempt-", 0).factory());
  private final AtomicInteger inFlight = new AtomicInteger();
  /** The earliest retry this node scheduled, so the loop wakes for it without polling. */
  private final AtomicLong nextRetryAt = new AtomicLong(Long.MAX_VALUE);
  private final Object signal = new Object();
  /** Set by {@link #wake()}, cleared by the loop when it wakes: a wake-up is never lost. */
  private final AtomicBoolean woken = new AtomicBoolean();
  private SettlementRecorder recorder;
  private long nextStrandedCheckAt;
  private volatile boolean running;
  private volatile boolean closed;
  private WebhookMetrics metrics;
  private Thread loop;
  private long nextPruneAt;

  Dispatcher(DeliveryStore store, WebhookSender sender, EndpointGates gates, WebhookConfig config,
      Clock clock, String node, RandomGenerator random) {
    this.store = store;
    this.sender = sender;
    this.gates = gates;
    this.config = config;
    this.clock = clock;
    this.node = node;
    this.random = random;
  }

  void start(WebhookMetrics metrics) {
    this.metrics = metrics;
    this.recorder = new SettlementRecorder(store, node);
    running = true;
    nextPruneAt = clock.millis();
    nextStrandedCheckAt = clock.millis();
    loop = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::run);
  }

  /** Makes the loop look for due deliveries now. Cheap when a wake-up is already pending. */
  void wake() {
    if (woken.getAndSet(true)) return;
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  private void run() {
    while (running) {
      long now = clock.millis();
      long retryAt = nextRetryAt.get();
      if (retryAt <= now) nextRetryAt.compareAndSet(retryAt, Long.MAX_VALUE);
      boolean more = false;
      try {
        more = claimAndStart(now);
        if (now >= nextPruneAt) {
          nextPruneAt = now + config.pruneInterval().toMillis();
          prune(now);
        }
        if (now >= nextStrandedCheckAt) {
          nextStrandedCheckAt = now + STRANDED_CHECK_INTERVAL.toMillis();
          int stranded = store.handOverStranded(now);
          if (stranded > 0) {
            log.warn("webhook dispatcher: {} deliveries were waiting behind nothing; they are due"
                + " now", stranded);
            more = true;
          }
        }
      } catch (RuntimeException e) {
        if (running) {
          log.warn("webhook dispatcher: the database failed; trying again in {} ms",
              config.pollInterval().toMillis(), e);
        }
      }
      if (!more) awaitWake();
    }
  }

  private void awaitWake() {
    long now = clock.millis();
    long until = Math.min(now + config.pollInterval().toMillis(),
        Math.min(nextRetryAt.get(), gates.nextReopening(now)));
    synchronized (signal) {
      try {
        while (!woken.get() && running) {
          long wait = until - clock.millis();
          if (wait <= 0) break;
          signal.wait(wait);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
    woken.set(false);
  }

  /** Claims what this node has room for and starts it; true when more may be due right now. */
  private boolean claimAndStart(long now) {
    int free = config.maxInFlight() - inFlight.get();
    if (free <= 0) return false;
    int limit = Math.min(free, config.batchSize());
    List<Map.Entry<Long, String>> slots = new ArrayList<>();
    List<ClaimedDelivery> claimed;
    try {
      claimed = store.claim(node, now, now + config.lease().toMillis(), limit,
          gates.unavailable(now), (organization, url) -> {
            if (!gates.tryAcquire(organization, url, now)) return false;
            slots.add(Map.entry(organization, url));
            return true;
          });
    } catch (RuntimeException e) {
      // The transaction rolled back: nothing was claimed, so no slot is in use.
      slots.forEach(slot -> gates.abandon(slot.getKey(), slot.getValue()));
      throw e;
    }
    for (ClaimedDelivery delivery : claimed) {
      inFlight.incrementAndGet();
      try {
        attempts.execute(() -> attempt(delivery));
      } catch (RejectedExecutionException shuttingDown) {
        inFlight.decrementAndGet();
        gates.abandon(delivery.organizationId(), delivery.url());
      }
    }
    return claimed.size() == limit;
  }

  private void attempt(ClaimedDelivery delivery) {
    AttemptResult result;
    try {
      result = sender.send(delivery);
    } catch (InterruptedException shuttingDown) {
      // close() hands the claim back.
      gates.abandon(delivery.organizationId(), delivery.url());
      inFlight.decrementAndGet();
      return;
    } catch (RuntimeException e) {
      gates.abandon(delivery.organizationId(), delivery.url());
      inFlight.decrementAndGet();
      log.warn("webhook delivery {}: attempt {} failed before it was made; it is tried again"
          + " when its lease ends", delivery.id(), delivery.attempt(), e);
      return;
    }
    long now = clock.millis();
    // The hook has answered: its slot is free for the next delivery while this one is recorded.
    gates.release(delivery.organizationId(), delivery.url(), result.succeeded(), now);
    metrics.attempt(result);
    DeliveryStore.Outcome outcome = decide(delivery, result, now);
    recorder.record(new DeliveryStore.Settlement(delivery, result, outcome, now),
        new SettlementRecorder.Then() {
          @Override
          public void recorded(boolean owned) {
            if (owned) {
              settled(delivery, result, outcome, now);
            } else {
              log.info("webhook delivery {}: another node took it over while attempt {} was out",
                  delivery.id(), delivery.attempt());
            }
            done();
          }

          @Override
          public void failed(RuntimeException e) {
            log.warn("webhook delivery {}: recording attempt {} failed; it is tried again when its"
                + " lease ends", delivery.id(), delivery.attempt(), e);
            done();
          }
        });
  }

  /** An attempt is over and recorded (or given up on): its room here is free. */
  private void done() {
    inFlight.decrementAndGet();
    wake();
  }

  private void settled(
      ClaimedDelivery delivery, AttemptResult result, DeliveryStore.Outcome outcome, long now) {
    switch (outcome) {
      case DeliveryStore.Outcome.Delivered ignored -> metrics.delivered(now - delivery.queuedAt());
      case DeliveryStore.Outcome.RetryAt retry -> {
        nextRetryAt.accumulateAndGet(retry.at(), Math::min);
        log.debug("webhook delivery {} of organization {}: attempt {} failed ({}), retry at {}",
            delivery.id(), delivery.organizationId(), delivery.attempt(), result.describe(),
            Instant.ofEpochMilli(retry.at()));
      }
      case DeliveryStore.Outcome.Failed ignored -> {
        metrics.failedForGood();
        log.info("webhook delivery {} of organization {} failed for good after attempt {}: {}",
            delivery.id(), delivery.organizationId(), delivery.attempt(), result.describe());
      }
      case DeliveryStore.Outcome.Gone ignored -> log.info("organization {}: its hook answered"
          + " 410 Gone; deliveries wait until its url is set again", delivery.organizationId());
    }
  }

  /** What comes after an attempt: settled, or when to try again. */
  DeliveryStore.Outcome decide(ClaimedDelivery delivery, AttemptResult result, long now) {
    if (result.succeeded()) return new DeliveryStore.Outcome.Delivered();
    if (result.gone()) {
      return new DeliveryStore.Outcome.Gone("the hook answered 410 Gone at "
          + Instant.ofEpochMilli(now) + "; set the url again to resume deliveries");
    }
    int failures = delivery.scheduleStep() + 1;
    Optional<Duration> delay = config.retrySchedule().delayAfter(failures, random);
    if (delay.isEmpty()) return new DeliveryStore.Outcome.Failed(failures);
    Duration wait = delay.get();
    if (result.retryAfter() != null) {
      // Never sooner than the schedule says, later when the hook asks (within a bound).
      Duration asked = result.retryAfter().compareTo(config.maxRetryAfter()) > 0
          ? config.maxRetryAfter() : result.retryAfter();
      if (asked.compareTo(wait) > 0) wait = asked;
    }
    return new DeliveryStore.Outcome.RetryAt(now + wait.toMillis(), failures);
  }

  private void prune(long now) {
    long before = now - config.deliveredRetention().toMillis();
    int pruned = 0;
    for (int batch = 0; batch < MAX_PRUNE_BATCHES && running; batch++) {
      int deleted = store.pruneDelivered(before, PRUNE_BATCH);
      pruned += deleted;
      if (deleted < PRUNE_BATCH) break;
    }
    if (pruned > 0) log.debug("pruned {} delivered webhook deliveries", pruned);
  }

  /** Stops the loop, waits a moment for attempts in progress, and hands back this node's claims. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    boolean wasRunning = running;
    running = false;
    wake();
    try {
      if (loop != null) loop.join();
      attempts.shutdown();
      if (!attempts.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        attempts.shutdownNow();
        attempts.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The attempts that ended are recorded before the claims still held are handed back.
    if (recorder != null) recorder.close();
    if (wasRunning) {
      try {
        store.releaseClaims(node, clock.millis());
      } catch (RuntimeException e) {
        log.warn("webhook dispatcher: could not hand back this node's claims; they are taken"
            + " over when their leases end", e);
      }
    }
    sender.close();
  }
}
