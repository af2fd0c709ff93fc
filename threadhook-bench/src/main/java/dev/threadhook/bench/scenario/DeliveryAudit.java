package dev.threadhook.bench.scenario;

import dev.threadhook.bench.report.Check;
import dev.threadhook.bench.report.Latency;
import dev.threadhook.bench.report.PhaseResult;
import dev.threadhook.bench.scenario.AcknowledgedMessages.Acknowledged;
import dev.threadhook.bench.scenario.CustomerTraffic.MessageKey;
import dev.threadhook.bench.scenario.DeliveryLog.Delivery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.HdrHistogram.Histogram;

/**
 * What became of the acknowledged messages of some phases, from a {@link DeliveryLog}: whether
 * each was delivered, once, to its thread, in its thread's order, and how long after its
 * acknowledgement.
 *
 * <p>Order is judged against what the load generator saw, since that is all a client can go by:
 * when message A's answer was read before message B of the same thread was sent, A must be
 * delivered first. Two messages of a thread in flight at once have no order between them (the
 * server decides it), so they are never counted out of order.
 */
final class DeliveryAudit {
  private final CustomerTraffic traffic;
  private final DeliveryLog log;

  DeliveryAudit(CustomerTraffic traffic, DeliveryLog log) {
    this.traffic = traffic;
    this.log = log;
  }

  /**
   * Whether the channel endpoint answered every request of the run with 2xx, warm-ups included:
   * a message that was not acknowledged promises nothing, so it would go unchecked.
   */
  static Check everyRequestAcknowledged(PhaseRunner.Tally tally) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("sent", tally.sent());
    counts.put("acknowledged", tally.acknowledged());
    return new Check("every request was acknowledged", tally.sent() == tally.acknowledged(),
        counts, "requests to the channel endpoint, warm-ups included");
  }

  /** The keys of the acknowledged messages of {@code phases} to the organizations chosen. */
  List<MessageKey> expected(List<AcknowledgedMessages> phases, IntPredicate organizations) {
    List<MessageKey> keys = new ArrayList<>();
    for (AcknowledgedMessages phase : phases) {
      for (long index : phase.all().keySet()) {
        if (organizations.test(traffic.organizationOf(index))) {
          keys.add(new MessageKey(phase.phase(), index));
        }
      }
    }
    return keys;
  }

  /**
   * The counts behind the checks, over the messages of {@code phases} (all of a thread's
   * phases, so order is judged across them) to the organizations chosen.
   */
  Counts counts(List<AcknowledgedMessages> phases, IntPredicate organizations) {
    long acknowledged = 0;
    long delivered = 0;
    long misplaced = 0;
    long repeats = 0;
    long retries = 0;
    Map<Long, List<Sequenced>> threads = new HashMap<>();
    for (AcknowledgedMessages phase : phases) {
      for (Map.Entry<Long, Acknowledged> message : phase.all().entrySet()) {
        long index = message.getKey();
        if (!organizations.test(traffic.organizationOf(index))) continue;
        acknowledged++;
        Optional<Delivery> delivery = log.delivery(new MessageKey(phase.phase(), index));
        if (delivery.isEmpty()) continue;
        Delivery d = delivery.get();
        delivered++;
        repeats += d.repeats();
        retries += d.retries();
        long thread = traffic.threadOf(index);
        if (d.threadId() != thread) misplaced++;
        threads.computeIfAbsent(thread, t -> new ArrayList<>()).add(new Sequenced(
            d.firstAcceptedAtNanos(), message.getValue().sentAtNanos(),
            message.getValue().acknowledgedAtNanos()));
      }
    }
    long outOfOrder = threads.values().stream().mapToLong(DeliveryAudit::outOfOrder).sum();
    return new Counts(acknowledged, delivered, acknowledged - delivered, misplaced, repeats,
        retries, threads.size(), outOfOrder);
  }

  /** A message as its thread's order is judged: when it was sent, answered and delivered. */
  private record Sequenced(long deliveredAt, long sentAt, long acknowledgedAt) {}

  /**
   * Messages of one thread delivered before a message that had been acknowledged before they
   * were even sent: in delivery order, each is checked against the earliest acknowledgement of
   * those delivered after it.
   */
  private static long outOfOrder(List<Sequenced> thread) {
    thread.sort(Comparator.comparingLong(Sequenced::deliveredAt));
    boolean later = false;
    long earliestLaterAcknowledgement = 0;
    long outOfOrder = 0;
    for (int i = thread.size() - 1; i >= 0; i--) {
      Sequenced message = thread.get(i);
      // nanoTime values compare by their difference
      if (later && earliestLaterAcknowledgement - message.sentAt() < 0) outOfOrder++;
      if (!later || message.acknowledgedAt() - earliestLaterAcknowledgement < 0) {
        earliestLaterAcknowledgement = message.acknowledgedAt();
        later = true;
      }
    }
    return outOfOrder;
  }

  /**
   * How soon the acknowledged messages of {@code phase} to the organizations chosen were
   * delivered: from the answer's arrival at the load generator to the receiver having read the
   * webhook.
   */
  Timing timing(AcknowledgedMessages phase, IntPredicate organizations) {
    Histogram micros = new Histogram(3);
    long acknowledged = 0;
    long firstSent = Long.MAX_VALUE;
    long firstArrival = Long.MAX_VALUE;
    long lastArrival = Long.MIN_VALUE;
    long early = 0;
    for (Map.Entry<Long, Acknowledged> message : phase.all().entrySet()) {
      long index = message.getKey();
      if (!organizations.test(traffic.organizationOf(index))) continue;
      acknowledged++;
      Acknowledged sent = message.getValue();
      firstSent = Math.min(firstSent, sent.sentAtNanos());
      Optional<Delivery> delivery = log.delivery(new MessageKey(phase.phase(), index));
      if (delivery.isEmpty()) continue;
      long arrived = delivery.get().firstAcceptedAtNanos();
      firstArrival = Math.min(firstArrival, arrived);
      lastArrival = Math.max(lastArrival, arrived);
      long nanos = arrived - sent.acknowledgedAtNanos();
      // The webhook may be read before the load generator's thread gets to read the answer,
      // the two racing on the same cores: counted apart, recorded as no wait at all.
      if (nanos < 0) early++;
      micros.recordValue(Math.max(0, nanos / 1000));
    }
    return new Timing(micros, acknowledged, firstSent, firstArrival, lastArrival, early);
  }

  /**
   * @param acknowledged messages of the phase to the organizations chosen
   * @param latencyMicros of each delivered one, from acknowledgement to delivery
   * @param firstSentAtNanos when the phase's first message was sent
   * @param readBeforeAcknowledged deliveries read before their answer was (recorded as 0)
   */
  record Timing(Histogram latencyMicros, long acknowledged, long firstSentAtNanos,
      long firstArrivalNanos, long lastArrivalNanos, long readBeforeAcknowledged) {

    long delivered() {
      return latencyMicros.getTotalCount();
    }

    /**
     * A row for the table beside the requests' own: sent are the acknowledged messages,
     * "ok" the delivered ones, "per s" deliveries a second from the phase's first request to
     * its last delivery, latencies from acknowledgement to delivery.
     */
    PhaseResult asPhase(String name, PhaseResult requests) {
      double seconds = delivered() == 0 ? 0
          : Math.round((lastArrivalNanos - firstSentAtNanos) / 1e7) / 100.0;
      Map<String, Long> failures = new LinkedHashMap<>();
      if (acknowledged > delivered()) failures.put("not delivered", acknowledged - delivered());
      return new PhaseResult(name, requests.model(), requests.connections(),
          requests.targetRate(), seconds, acknowledged, delivered(), failures, 0,
          seconds <= 0 ? 0 : Math.round(delivered() / seconds * 100) / 100.0,
          Latency.ofMicros(latencyMicros), null, null, null, null);
    }
  }

  /**
   * @param lost acknowledged but never delivered
   * @param misplaced delivered with another thread's id than the message was written to
   * @param repeats accepted deliveries of a message after its first
   * @param retries of the repeats, those the server made as a new attempt
   * @param threads the threads the delivered messages were in
   * @param outOfOrder delivered before a message of its thread acknowledged before it was sent
   */
  record Counts(long acknowledged, long delivered, long lost, long misplaced, long repeats,
      long retries, long threads, long outOfOrder) {

    boolean allDelivered() {
      return lost == 0 && misplaced == 0;
    }

    /** Repeats are allowed when the server made them as retries: at-least-once. */
    boolean deliveredOnce() {
      return repeats == retries;
    }

    boolean inOrder() {
      return outOfOrder == 0;
    }

    /** Three checks: delivered, once (but for retries), in order; {@code of} names the messages. */
    List<Check> checks(String of) {
      return List.of(
          new Check("every acknowledged message" + of + " was delivered", allDelivered(),
              counts("acknowledged", acknowledged, "delivered", delivered, "lost", lost,
                  "misplaced", misplaced),
              "misplaced: delivered with another customerThreadId than it was written to"),
          new Check("no message" + of + " was delivered twice, except by a retry",
              deliveredOnce(), counts("repeats", repeats, "retries", retries),
              "repeats: accepted deliveries after a message's first; retries: those with a"
                  + " higher webhook-attempt, which at-least-once delivery allows"),
          new Check("each thread's messages" + of + " came in the order they were acknowledged",
              inOrder(), counts("threads", threads, "outOfOrder", outOfOrder),
              "outOfOrder: delivered before a message of its thread that was acknowledged"
                  + " before it was sent"));
    }

    /** The three in one, for reports with many subjects (an organization each). */
    Check combined(String name) {
      return new Check(name, allDelivered() && deliveredOnce() && inOrder(),
          counts("acknowledged", acknowledged, "delivered", delivered, "lost", lost,
              "misplaced", misplaced, "repeats", repeats, "retries", retries,
              "outOfOrder", outOfOrder),
          "passes with nothing lost or misplaced, no repeat but retries, nothing out of order");
    }

    private static Map<String, Long> counts(Object... namesAndValues) {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        counts.put((String) namesAndValues[i], (Long) namesAndValues[i + 1]);
      }
      return counts;
    }
  }
}
