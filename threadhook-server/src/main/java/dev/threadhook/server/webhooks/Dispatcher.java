package dev.threadhook.server.webhooks;

import dev.threadhook.server.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
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
 * <p>The head of a thread written on this node usually needs no claim: the writer's transaction
 * takes it through this node's {@link Outbox.Intake} when its hook has room here, and its attempt
 * starts when that transaction commits.
 *
 * <p>Order per thread is the claim's business: a delivery is only claimable when no earlier
 * delivery of its thread is unsettled, so one thread has at most one attempt out at a time,
 * across nodes, while every other thread goes on.
 *
 * <p>An attempt gives its hook's slot back as soon as the hook has answered; its outcome is then
 * recorded by the loop's next turn together with the outcomes of the attempts that ended
 * alongside it, in the transaction that also claims what is due next (one commit per turn: on
 * H2 each commit is a file write), and only then does the delivery stop counting as in flight
 * here. A turn whose transaction fails records its outcomes again one per transaction.
 */
final class Dispatcher implements Outbox.Intake, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int PRUNE_BATCH = 1000;
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);
  private static final Duration STRANDED_CHECK_INTERVAL = Duration.ofSeconds(30);
  /**
   * How many threads' last settling turns are remembered before the older turns are forgotten,
   * and how many turns are then kept: about a second of turns under load. A writer that looked
   * before the forgotten turns has its threads handed over again whatever they did.
   */
  private static final int SETTLED_REMEMBERED = 10_000;
  private static final long SETTLED_TURNS_REMEMBERED = 100;
  /**
   * Deliveries a claim may take per hook, as a multiple of its concurrent attempts: the hook's
   * next deliveries are in hand when a slot frees, so a claim's round trip to the database is
   * paid per few batches of attempts rather than per attempt. At 8 rather than 4 (and so a
   * claim for a round of slots at a time, not half a round) a warm drain on PostgreSQL, whose
   * turns bound it, ran about a tenth faster (docs/benchmarks.md, profile 47).
   */
  static final int PREFETCH = 8;
  /** Most ended attempts recorded in one turn's transaction. */
  private static final int MAX_RECORDED_PER_TURN = 256;

  private final DeliveryStore store;
  private final WebhookSender sender;
  private final EndpointGates gates;
  private final WebhookConfig config;
  private final Clock clock;
  private final String node;
  private final RandomGenerator random;
  /** Told how many delivery rows each turn updated (PostgreSQL vacuums after enough). */
  private final IntConsumer rowsChanged;
  /** Longest a claimed delivery waits for its hook's slot and still has its attempt end in the lease. */
  private final Duration slotWait;
  private final ExecutorService attempts =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-attempt-", 0).factory());
  private final AtomicInteger inFlight = new AtomicInteger();
  /** The earliest retry this node scheduled, so the loop wakes for it without polling. */
  private final AtomicLong nextRetryAt = new AtomicLong(Long.MAX_VALUE);
  private final Object signal = new Object();
  /** Set by {@link #wake()}, cleared by the loop when it wakes: a wake-up is never lost. */
  private final AtomicBoolean woken = new AtomicBoolean();
  /**
   * Whether the next turn claims. A turn woken only to record ended attempts of hooks that are
   * full here does not: its claim could take nothing, yet would read every due delivery of those
   * hooks to find that out.
   */
  private final AtomicBoolean claimWanted = new AtomicBoolean(true);
  /** Numbers the turns; a writer reads it before it looks for unsettled deliveries. */
  private final AtomicLong turns = new AtomicLong();
  /**
   * Where settling takes no thread locks (H2): threads in which this node's writers queued
   * deliveries behind unsettled ones, each with the turn that was under way when the writer
   * looked (the earliest, if several did). The next turn hands over again those of them that a
   * turn since settled a delivery of: only there can the writer have seen a delivery unsettled
   * that the settling turn's hand-over then missed the writer's one behind.
   */
  private final Map<Long, Long> queuedBehind = new ConcurrentHashMap<>();
  /**
   * Per thread, the last turn that settled one of its deliveries, for the turns since
   * {@link #settledForgottenBefore}. Written by the loop, read by writers too.
   */
  private final Map<Long, Long> settledIn = new ConcurrentHashMap<>();
  private volatile long settledForgottenBefore;
  /**
   * Per thread, the deliveries whose hook answered 2xx and whose outcome is not recorded yet:
   * writers need not queue behind them ({@link Outbox.Intake#answered}). Each thread's list is
   * replaced, never changed, so writers read it without a lock.
   */
  private final Map<Long, List<Long>> answered = new ConcurrentHashMap<>();
  /** Attempts that ended, waiting for the loop to record them in its next turn's transaction. */
  private final Queue<Ended> ended = new ConcurrentLinkedQueue<>();
  private final Map<Long, Long> withoutHookUntil = new ConcurrentHashMap<>();
  private long nextStrandedCheckAt;
  private volatile boolean running;
  private volatile boolean closed;
  private WebhookMetrics metrics;
  private Thread loop;
  private long nextPruneAt;
  /** Where the walk of the delivered history is, between the loop's turns; 0 between walks. */
  private long pruneCursor;
  private int prunedInWalk;

  Dispatcher(DeliveryStore store, WebhookSender sender, EndpointGates gates, WebhookConfig config,
      Clock clock, String node, RandomGenerator random, IntConsumer rowsChanged) {
    this.store = store;
    this.sender = sender;
    this.gates = gates;
    this.config = config;
    this.clock = clock;
    this.node = node;
    this.random = random;
    this.rowsChanged = rowsChanged;
    this.slotWait = config.lease().minus(config.connectTimeout()).minus(config.requestTimeout());
  }

  void start(WebhookMetrics metrics) {
    this.metrics = metrics;
    running = true;
    nextPruneAt = clock.millis();
    nextStrandedCheckAt = clock.millis();
    loop = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::run);
  }

  /**
   * A message of the organization committed: the loop looks for it, unless the organization's
   * hook is full here — then the room it makes as its deliveries end asks for the next claim.
   */
  void wakeFor(long organizationId) {
    if (!gates.isFull(organizationId, clock.millis())) wake();
  }

  /**
   * An organization's hook was set, or deliveries queued again: the loop looks at once, at every
   * organization.
   */
  void hooksChanged() {
    withoutHookUntil.clear();
    wake();
  }

  /**
   * Organizations to leave out of the next claim: their hook has no room here, or they had no
   * hook a moment ago (for a poll interval, or until a hook is set on this node).
   */
  private Set<Long> excluded(long now) {
    Set<Long> excluded = gates.unavailable(now);
    withoutHookUntil.entrySet().removeIf(e -> e.getValue() <= now);
    excluded.addAll(withoutHookUntil.keySet());
    return excluded;
  }

  /** Makes the loop look for due deliveries now. Cheap when a wake-up is already pending. */
  void wake() {
    claimWanted.set(true);
    signal();
  }

  private void signal() {
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
        if (now >= nextPruneAt && running) more |= pruneStep(now);
        if (now >= nextStrandedCheckAt) {
          nextStrandedCheckAt = now + STRANDED_CHECK_INTERVAL.toMillis();
          int stranded = store.handOverStranded(now);
          if (stranded > 0) {
            log.warn("webhook dispatcher: {} deliveries were waiting behind nothing; they are due"
                + " now", stranded);
            claimWanted.set(true);
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
          if (wait <= 0) {
            // The poll interval, a retry or a paused hook's reopening came: look everywhere.
            claimWanted.set(true);
            break;
          }
          signal.wait(wait);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
    woken.set(false);
  }

  /** What to do once an ended attempt is recorded, on the loop's thread. */
  private interface Then {
    /** @param owned false when another node had taken the delivery over */
    void recorded(boolean owned);

    void failed(RuntimeException e);
  }

  private record Ended(DeliveryStore.Settlement settlement, Then then) {}

  private void record(DeliveryStore.Settlement settlement, Then then) {
    ended.add(new Ended(settlement, then));
    // The hook's room, or the thread's next delivery handed over in this turn, wants a claim —
    // unless the hook is full here.
    if (!gates.isFull(settlement.delivery().organizationId(), settlement.now())) {
      claimWanted.set(true);
    }
    signal();
  }

  /**
   * One turn: records the attempts that ended and claims what this node has room for, in one
   * transaction, then starts the claimed attempts; true when more may be due right now.
   */
  private boolean claimAndStart(long now) {
    List<Ended> recording = new ArrayList<>();
    for (Ended e; recording.size() < MAX_RECORDED_PER_TURN && (e = ended.poll()) != null; ) {
      recording.add(e);
    }
    turns.incrementAndGet();
    Set<Long> behind = queuedBehind.isEmpty() ? Set.of() : threadsToHandOverAgain();
    int free = config.maxInFlight() - inFlight.get() + recording.size();
    int limit = claimWanted.getAndSet(false) ? Math.max(0, Math.min(free, config.batchSize())) : 0;
    if (limit == 0 && recording.isEmpty() && behind.isEmpty()) return false;
    long turnStarted = System.nanoTime();
    Map<Long, Map.Entry<Long, String>> reserved = new HashMap<>();
    // The next deliveries of settled threads admitted, taken straight into flight: within the
    // room this node has, which the claim shares.
    List<Map.Entry<Long, String>> reservedNext = new ArrayList<>();
    List<ClaimedDelivery> claimed;
    List<ClaimedDelivery> takenNext;
    int madeDue;
    try {
      DeliveryStore.Cycle cycle = store.cycle(node,
          recording.stream().map(Ended::settlement).toList(), behind, now,
          now + config.lease().toMillis(), limit, excluded(now),
          new DeliveryStore.Admission() {
            @Override
            public boolean admit(long deliveryId, long organization, String url) {
              if (!gates.tryReserve(organization, url, now)) return false;
              reserved.put(deliveryId, Map.entry(organization, url));
              return true;
            }

            @Override
            public void withdraw(long deliveryId) {
              Map.Entry<Long, String> place = reserved.remove(deliveryId);
              if (place != null) gates.giveBack(place.getKey(), place.getValue());
            }

            @Override
            public void withoutHook(long organizationId) {
              withoutHookUntil.put(organizationId, now + config.pollInterval().toMillis());
            }

            @Override
            public boolean admitNext(long organization, String url) {
              if (free - reserved.size() - reservedNext.size() <= 0
                  || !gates.tryReserve(organization, url, now)) {
                return false;
              }
              reservedNext.add(Map.entry(organization, url));
              return true;
            }

            @Override
            public void withdrawNext(long organization, String url) {
              reservedNext.remove(Map.entry(organization, url));
              gates.giveBack(organization, url);
            }
          });
      claimed = cycle.claimed();
      takenNext = cycle.takenNext();
      madeDue = cycle.handedOver();
      metrics.turn(System.nanoTime() - turnStarted, recording.size());
      metrics.takenByClaim(claimed.size());
      metrics.takenByHandOver(takenNext.size());
      // Each claimed row was updated once; each recorded one too, and it may have handed its
      // thread's next one over (or taken it).
      rowsChanged.accept(claimed.size() + 2 * recording.size());
      for (int i = 0; i < recording.size(); i++) tell(recording.get(i), cycle.owned().get(i), null);
    } catch (RuntimeException e) {
      // The transaction rolled back: nothing was claimed, so no reservation is in use.
      reserved.values().forEach(place -> gates.giveBack(place.getKey(), place.getValue()));
      reservedNext.forEach(place -> gates.giveBack(place.getKey(), place.getValue()));
      claimWanted.set(true);
      behind.forEach(thread -> queuedBehind.merge(thread, Long.MIN_VALUE, Math::min));
      recordOneByOne(recording);
      throw e;
    }
    for (ClaimedDelivery delivery : claimed) {
      inFlight.incrementAndGet();
      start(delivery);
    }
    Set<Long> continued = new HashSet<>();
    for (ClaimedDelivery delivery : takenNext) {
      inFlight.incrementAndGet();
      continued.add(delivery.threadId());
      start(delivery);
    }
    boolean moreDue = limit > 0 && claimed.size() == limit;
    // Where a turn claims before it records, a delivery that settled handed its thread's next
    // one a due time after the claim, unless it took it: the next turn claims it, unless its
    // hook is full (its room asks for a claim when it frees).
    boolean handedOver = store.claimsFirst() && recording.stream().map(Ended::settlement)
        .anyMatch(st -> st.settles() && !continued.contains(st.delivery().threadId())
            && !gates.isFull(st.delivery().organizationId(), now));
    // Heads made due for the threads queued behind were claimed by this turn if it claimed;
    // else the next turn claims them.
    boolean behindDue = madeDue > 0 && limit == 0;
    if (moreDue || handedOver || behindDue) claimWanted.set(true);
    // A writer may have queued behind what this turn settled, and checked before it was
    // recorded (committed). Retries settle nothing, so a failing hook's turns need no more.
    boolean behindQueued = !queuedBehind.isEmpty()
        && recording.stream().anyMatch(e -> e.settlement().settles());
    return moreDue || handedOver || behindDue || behindQueued || !ended.isEmpty();
  }

  /** Starts the attempt of a delivery this node holds, counted in flight already. */
  private void start(ClaimedDelivery delivery) {
    try {
      attempts.execute(() -> attempt(delivery));
    } catch (RejectedExecutionException shuttingDown) {
      // close() hands the claim back.
      inFlight.decrementAndGet();
      gates.giveBack(delivery.organizationId(), delivery.url());
    }
  }

  // ---- Outbox.Intake: due deliveries taken as they are written, without a claim ----

  @Override
  public boolean reserve(long organizationId, String url, long now) {
    if (!running) return false;
    if (inFlight.incrementAndGet() <= config.maxInFlight()
        && gates.tryReserve(organizationId, url, now)) {
      return true;
    }
    inFlight.decrementAndGet();
    return false;
  }

  @Override
  public void unreserve(long organizationId, String url) {
    gates.giveBack(organizationId, url);
    inFlight.decrementAndGet();
  }

  @Override
  public void committed(List<ClaimedDelivery> taken, Set<Long> organizationsDue,
      Set<Long> queuedBehind, long lookedInTurn) {
    // Taken only while running, so after start() has set the meters.
    if (!taken.isEmpty()) metrics.takenByWriter(taken.size());
    taken.forEach(this::start);
    organizationsDue.forEach(this::wakeFor);
    if (!queuedBehind.isEmpty() && !store.locksSettlingThreads()) {
      boolean settledSince = false;
      for (long thread : queuedBehind) {
        this.queuedBehind.merge(thread, lookedInTurn, Math::min);
        settledSince |= settledSince(thread, lookedInTurn);
      }
      // Most often nothing settled since (a backlog, a paused hook): the loop need not wake. A
      // turn under way records its settlements after this check, then sees these threads
      // queued and turns again (claimAndStart).
      if (settledSince) signal();
    }
  }

  /** Whether a turn from {@code turn} on settled a delivery of the thread, as far as known. */
  private boolean settledSince(long thread, long turn) {
    return turn < settledForgottenBefore || settledIn.getOrDefault(thread, Long.MIN_VALUE) >= turn;
  }

  @Override
  public List<Long> answered(List<Long> threads) {
    if (answered.isEmpty()) return List.of();
    List<Long> ids = new ArrayList<>();
    for (Long thread : threads) ids.addAll(answered.getOrDefault(thread, List.of()));
    return ids;
  }

  private void rememberAnswered(ClaimedDelivery delivery) {
    answered.compute(delivery.threadId(), (thread, ids) -> {
      List<Long> more = ids == null ? new ArrayList<>(1) : new ArrayList<>(ids);
      more.add(delivery.id());
      return List.copyOf(more);
    });
  }

  /** Its outcome is recorded (or could not be): the database says from now on. */
  private void forgetAnswered(ClaimedDelivery delivery) {
    answered.computeIfPresent(delivery.threadId(), (thread, ids) -> {
      List<Long> rest = new ArrayList<>(ids);
      rest.remove(Long.valueOf(delivery.id()));
      return rest.isEmpty() ? null : List.copyOf(rest);
    });
  }

  @Override
  public long turn() {
    return turns.get();
  }

  /**
   * Takes the threads queued behind, keeping those to hand over again: a turn since the writer
   * looked settled one of their deliveries. The turns before this one have all ended, so their
   * settlements are in {@link #settledIn}; this turn's own hand-overs see the writers' commits.
   */
  private Set<Long> threadsToHandOverAgain() {
    Set<Long> threads = new TreeSet<>();
    for (Long thread : queuedBehind.keySet()) {
      Long lookedInTurn = queuedBehind.remove(thread);
      if (lookedInTurn != null && settledSince(thread, lookedInTurn)) threads.add(thread);
    }
    return threads;
  }

  /** Remembers that this turn settled a delivery of the thread; forgets old turns now and then. */
  private void rememberSettled(long thread, long turn) {
    settledIn.put(thread, turn);
    if (settledIn.size() > SETTLED_REMEMBERED) {
      settledForgottenBefore = turn - SETTLED_TURNS_REMEMBERED;
      settledIn.values().removeIf(t -> t < settledForgottenBefore);
    }
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public long leaseUntil(long now) {
    return now + config.lease().toMillis();
  }

  /** Records each outcome in a transaction of its own, so one that cannot be recorded fails alone. */
  private void recordOneByOne(List<Ended> recording) {
    for (Ended e : recording) {
      try {
        tell(e, store.completeAll(node, List.of(e.settlement())).get(0), null);
      } catch (RuntimeException failure) {
        tell(e, null, failure);
      }
    }
  }

  private void tell(Ended e, Boolean owned, RuntimeException failure) {
    if (e.settlement().outcome() instanceof DeliveryStore.Outcome.Delivered) {
      forgetAnswered(e.settlement().delivery());
    }
    if (failure == null && owned && e.settlement().settles() && !store.locksSettlingThreads()) {
      rememberSettled(e.settlement().delivery().threadId(), turns.get());
    }
    try {
      if (failure == null) e.then().recorded(owned);
      else e.then().failed(failure);
    } catch (RuntimeException unexpected) {
      log.error("webhook dispatcher: an attempt's follow-up failed", unexpected);
    }
  }

  private void attempt(ClaimedDelivery delivery) {
    boolean slot;
    try {
      slot = gates.awaitSlot(delivery.organizationId(), delivery.url(), slotWait);
    } catch (InterruptedException shuttingDown) {
      // close() hands the claim back.
      gates.giveBack(delivery.organizationId(), delivery.url());
      inFlight.decrementAndGet();
      return;
    }
    if (!slot) {
      gates.giveBack(delivery.organizationId(), delivery.url());
      handBack(delivery);
      return;
    }
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
    // Before it is queued for recording, so a writer that finds it unsettled finds it here.
    if (outcome instanceof DeliveryStore.Outcome.Delivered) rememberAnswered(delivery);
    record(new DeliveryStore.Settlement(delivery, result, outcome, now),
        new Then() {
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

  /**
   * Returns a delivery unattempted — its hook was paused while it waited for a slot, or no slot
   * came in time for an attempt to end within the lease — so it is due again at once, its
   * attempt not counted.
   */
  private void handBack(ClaimedDelivery delivery) {
    long now = clock.millis();
    record(new DeliveryStore.Settlement(delivery, null,
            new DeliveryStore.Outcome.HandedBack(), now),
        new Then() {
          @Override
          public void recorded(boolean owned) {
            done();
          }

          @Override
          public void failed(RuntimeException e) {
            log.warn("webhook delivery {}: handing it back failed; it is tried again when its"
                + " lease ends", delivery.id(), e);
            done();
          }
        });
  }

  /**
   * An attempt is over and recorded (or given up on): its room here is free. Called by the loop,
   * which claims for that room in the same turn or looks again.
   */
  private void done() {
    inFlight.decrementAndGet();
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
      case DeliveryStore.Outcome.HandedBack ignored -> { }
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

  /**
   * Prunes one batch of the delivered history, between turns, so that a walk over a large
   * history never holds the loop up for more than a batch; the next step comes at the loop's next
   * turn until the walk is done. (Twenty batches an interval, as it was, kept the retention only
   * up to 20,000 deliveries an hour.)
   *
   * @return whether the walk goes on
   */
  private boolean pruneStep(long now) {
    DeliveryStore.Pruned step;
    try {
      step = store.pruneDelivered(
          now - config.deliveredRetention().toMillis(), pruneCursor, PRUNE_BATCH);
    } catch (RuntimeException e) {
      log.warn("webhook dispatcher: pruning delivered deliveries failed; trying again in {}",
          config.pruneInterval(), e);
      step = new DeliveryStore.Pruned(0, 0, true);
    }
    prunedInWalk += step.deleted();
    pruneCursor = step.lastId();
    if (!step.done()) return true;
    if (prunedInWalk > 0) log.debug("pruned {} delivered webhook deliveries", prunedInWalk);
    pruneCursor = 0;
    prunedInWalk = 0;
    nextPruneAt = now + config.pruneInterval().toMillis();
    return false;
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
    List<Ended> left = new ArrayList<>();
    for (Ended e; (e = ended.poll()) != null; ) left.add(e);
    if (!left.isEmpty()) {
      try {
        List<Boolean> owned = store.completeAll(node, left.stream().map(Ended::settlement).toList());
        for (int i = 0; i < left.size(); i++) tell(left.get(i), owned.get(i), null);
      } catch (RuntimeException e) {
        recordOneByOne(left);
      }
    }
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
