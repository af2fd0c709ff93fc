package dev.threadhook.server.webhooks;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What this node lets through to each organization's hook, so that one dead or slow hook never
 * slows the others: at most {@code maxConcurrent} attempts at once per hook, and a circuit
 * breaker that pauses a hook after {@code failureThreshold} consecutive failures instead of
 * hammering it. After a pause one probe goes through (half-open); its success closes the
 * breaker, its failure pauses the hook twice as long, up to {@code maxOpen}.
 *
 * <p>A claim reserves a place per delivery ({@link #tryReserve}); a healthy hook may have up to
 * {@code prefetch} times {@code maxConcurrent} reserved, so one claim fills the hook's queue and
 * a slot that frees is taken at once by a delivery already in hand ({@link #awaitSlot}) instead
 * of waiting for the next claim's round trip to the database. A hook paused meanwhile sends
 * its queued deliveries back unattempted.
 *
 * <p>A hook is an organization's URL: setting another URL starts with a fresh gate. Paused hooks
 * keep their deliveries in the database, untouched: no attempt (and so no step of the retry
 * schedule) is spent on them while paused.
 */
final class EndpointGates {
  private final int maxConcurrent;
  private final int maxReserved;
  /** Once full, a hook takes deliveries again when its reservations are down to this. */
  private final int refillBelow;
  private final int failureThreshold;
  private final long openMillis;
  private final long maxOpenMillis;
  private final Map<Long, Gate> gates = new HashMap<>();

  EndpointGates(int maxConcurrent, int prefetch, int failureThreshold, Duration open,
      Duration maxOpen) {
    this.maxConcurrent = maxConcurrent;
    this.maxReserved = maxConcurrent * prefetch;
    // Refilled an eighth of the queue at a time (a round of slots at the dispatcher's prefetch
    // of 8), so a claim — which scans past what it cannot take — is made for several deliveries,
    // not for each one that ends.
    this.refillBelow = maxReserved - Math.max(1, maxReserved / 8);
    this.failureThreshold = failureThreshold;
    this.openMillis = open.toMillis();
    this.maxOpenMillis = maxOpen.toMillis();
  }

  /**
   * Reserves a place for one delivery to the organization's hook at {@code url}, if it has one.
   * Called for hooks the database says are active.
   */
  synchronized boolean tryReserve(long organizationId, String url, long now) {
    Gate gate = gates.get(organizationId);
    if (gate == null || !gate.url.equals(url)) {
      // A new URL is a new endpoint: its predecessor's failures say nothing about it.
      gate = new Gate(url, openMillis, maxConcurrent);
      gates.put(organizationId, gate);
    }
    gate.held = false;
    if (!gate.admits(now)) return false;
    if (gate.openUntil != 0) gate.probing = true;
    gate.reserved++;
    if (gate.reserved >= maxReserved) gate.full = true;
    return true;
  }

  /**
   * Whether the organization's hook takes no more deliveries for now (its queue is full, or it is
   * paused): a message committed for it needs no claim, its gate's next room will ask for one.
   */
  synchronized boolean isFull(long organizationId, long now) {
    Gate gate = gates.get(organizationId);
    return gate != null && !gate.admits(now);
  }

  /**
   * Waits for one of the hook's slots for a reserved delivery.
   *
   * @return true with a slot taken (give it back with {@link #release} or {@link #abandon});
   *     false when the hook was paused meanwhile or no slot came within {@code maxWait}: the
   *     reservation is then to be given back with {@link #giveBack}, the delivery unattempted
   */
  boolean awaitSlot(long organizationId, String url, Duration maxWait)
      throws InterruptedException {
    Gate gate;
    synchronized (this) {
      gate = gates.get(organizationId);
      // The hook's URL changed since the claim: there is no queue to wait in for the old one.
      if (gate == null || !gate.url.equals(url)) return true;
    }
    if (gate.held || !gate.slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    synchronized (this) {
      if (gate.held || (gate.openUntil != 0 && !gate.probing)) {
        gate.slots.release();
        return false;
      }
      return true;
    }
  }

  /**
   * The organization's hook was paused by its operator: the deliveries held here for it go back
   * unattempted as their turn for a slot comes. Claims take no more for it (the database says it
   * is paused), so the next reservation, made for a hook the database says is active again,
   * lifts the hold: a node that never heard of the resume cannot keep it.
   */
  synchronized void hold(long organizationId) {
    Gate gate = gates.get(organizationId);
    if (gate != null) gate.held = true;
  }

  /** Gives the slot and the reservation back after an attempt and learns from its outcome. */
  synchronized void release(long organizationId, String url, boolean succeeded, long now) {
    Gate gate = gates.get(organizationId);
    if (gate == null || !gate.url.equals(url)) return;
    gate.slots.release();
    gate.reserved--;
    if (succeeded) {
      gate.consecutiveFailures = 0;
      gate.openUntil = 0;
      gate.probing = false;
      gate.pause = openMillis;
    } else {
      gate.consecutiveFailures++;
      if (gate.probing) {
        gate.probing = false;
        gate.pause = Math.min(gate.pause * 2, maxOpenMillis);
        gate.openUntil = now + gate.pause;
      } else if (gate.openUntil == 0 && gate.consecutiveFailures >= failureThreshold) {
        gate.openUntil = now + gate.pause;
      }
    }
    forgetIfIdle(organizationId, gate);
  }

  /** Gives a reservation back that never got a slot. */
  synchronized void giveBack(long organizationId, String url) {
    Gate gate = gates.get(organizationId);
    if (gate == null || !gate.url.equals(url)) return;
    gate.reserved--;
    forgetIfIdle(organizationId, gate);
  }

  /** Gives a slot and its reservation back without an outcome (abandoned at shutdown). */
  synchronized void abandon(long organizationId, String url) {
    Gate gate = gates.get(organizationId);
    if (gate == null || !gate.url.equals(url)) return;
    gate.slots.release();
    gate.reserved--;
    gate.probing = false;
    if (gate.reserved <= refillBelow) gate.full = false;
  }

  private void forgetIfIdle(long organizationId, Gate gate) {
    if (gate.reserved <= refillBelow) gate.full = false;
    if (gate.reserved == 0 && gate.openUntil == 0 && gate.consecutiveFailures == 0) {
      gates.remove(organizationId);
    }
  }

  /** Organizations whose hook takes no delivery now: its queue full, or paused. */
  synchronized Set<Long> unavailable(long now) {
    Set<Long> full = new HashSet<>();
    gates.forEach((organization, gate) -> {
      if (!gate.admits(now)) full.add(organization);
    });
    return full;
  }

  /** When the next paused hook may take a probe, or {@link Long#MAX_VALUE}. */
  synchronized long nextReopening(long now) {
    long next = Long.MAX_VALUE;
    for (Gate gate : gates.values()) {
      if (gate.openUntil > now) next = Math.min(next, gate.openUntil);
    }
    return next;
  }

  /** Hooks paused by their breaker now. */
  synchronized int paused(long now) {
    int paused = 0;
    for (Gate gate : gates.values()) {
      if (gate.openUntil > now) paused++;
    }
    return paused;
  }

  private final class Gate {
    final String url;
    /** The attempts at once: a slot is taken before an attempt and given back after it. */
    final Semaphore slots;
    /** Deliveries this node holds for the hook: waiting for a slot, or being attempted. */
    int reserved;
    int consecutiveFailures;
    /** 0 when closed; else when the pause ends. */
    long openUntil;
    /** Whether the one half-open probe is out. */
    boolean probing;
    /** Set when the reservations reach their most, cleared when they are down to refillBelow. */
    boolean full;
    /** Paused by the operator ({@link #hold}). */
    volatile boolean held;
    long pause;

    Gate(String url, long pause, int maxConcurrent) {
      this.url = Objects.requireNonNull(url);
      this.pause = pause;
      this.slots = new Semaphore(maxConcurrent);
    }

    boolean admits(long now) {
      if (openUntil == 0) return !full;
      return now >= openUntil && !probing && reserved == 0;
    }
  }
}
