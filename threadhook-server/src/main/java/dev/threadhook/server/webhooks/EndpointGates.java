package dev.threadhook.server.webhooks;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What this node lets through to each organization's hook, so that one dead or slow hook never
 * slows the others: at most {@code maxConcurrent} attempts at once per hook, and a circuit
 * breaker that pauses a hook after {@code failureThreshold} consecutive failures instead of
 * hammering it. After a pause one probe goes through (half-open); its success closes the
 * breaker, its failure pauses the hook twice as long, up to {@code maxOpen}.
 *
 * <p>A hook is an organization's URL: setting another URL starts with a fresh gate. Paused hooks
 * keep their deliveries in the database, untouched: no attempt (and so no step of the retry
 * schedule) is spent on them while paused.
 */
final class EndpointGates {
  private final int maxConcurrent;
  private final int failureThreshold;
  private final long openMillis;
  private final long maxOpenMillis;
  private final Map<Long, Gate> gates = new HashMap<>();

  EndpointGates(int maxConcurrent, int failureThreshold, Duration open, Duration maxOpen) {
    this.maxConcurrent = maxConcurrent;
    this.failureThreshold = failureThreshold;
    this.openMillis = open.toMillis();
    this.maxOpenMillis = maxOpen.toMillis();
  }

  /** Takes a slot for one attempt to the organization's hook at {@code url}, when there is one. */
  synchronized boolean tryAcquire(long organizationId, String url, long now) {
    Gate gate = gates.get(organizationId);
    if (gate == null || !gate.url.equals(url)) {
      // A new URL is a new endpoint: its predecessor's failures say nothing about it.
      gate = new Gate(url, openMillis);
      gates.put(organizationId, gate);
    }
    if (gate.freeSlots(now) == 0) return false;
    if (gate.openUntil != 0) gate.probing = true;
    gate.inFlight++;
    return true;
  }

  /** Gives the slot back after an attempt and learns from its outcome. */
  synchronized void release(long organizationId, String url, boolean succeeded, long now) {
    Gate gate = gates.get(organizationId);
    if (gate == null || !gate.url.equals(url)) return;
    gate.inFlight--;
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
    if (gate.inFlight == 0 && gate.openUntil == 0 && gate.consecutiveFailures == 0) {
      gates.remove(organizationId);
    }
  }

  /** Gives a slot back without an outcome (the attempt was abandoned at shutdown). */
  synchronized void abandon(long organizationId, String url) {
    Gate gate = gates.get(organizationId);
    if (gate == null || !gate.url.equals(url)) return;
    gate.inFlight--;
    gate.probing = false;
  }

  /** Organizations whose hook takes no attempt now: every slot busy, or paused. */
  synchronized Set<Long> unavailable(long now) {
    Set<Long> full = new HashSet<>();
    gates.forEach((organization, gate) -> {
      if (gate.freeSlots(now) == 0) full.add(organization);
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
    int inFlight;
    int consecutiveFailures;
    /** 0 when closed; else when the pause ends. */
    long openUntil;
    /** Whether the one half-open probe is out. */
    boolean probing;
    long pause;

    Gate(String url, long pause) {
      this.url = Objects.requireNonNull(url);
      this.pause = pause;
    }

    int freeSlots(long now) {
      if (openUntil == 0) return Math.max(0, maxConcurrent - inFlight);
      if (now < openUntil || probing || inFlight > 0) return 0;
      return 1;
    }
  }
}
