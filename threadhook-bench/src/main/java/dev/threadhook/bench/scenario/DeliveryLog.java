package dev.threadhook.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.bench.load.Progress;
import dev.threadhook.bench.scenario.CustomerTraffic.MessageKey;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The webhooks the receivers accepted, traced back to the messages of a {@link CustomerTraffic}
 * by their bodies: each message's first accepted arrival, and how often it came again. The
 * receivers' arrivals are read as they come, each once, so waiting for the last few of many
 * thousands costs little while the server is still delivering; what is measured is the
 * receivers' own arrival time, never when this log read it.
 */
final class DeliveryLog {
  /**
   * A message's webhook as the receivers got it.
   *
   * @param threadId the {@code customerThreadId} of the body
   * @param firstAcceptedAtNanos when the receiver had read the first delivery it accepted
   * @param repeats accepted deliveries after the first
   * @param retries of the repeats, those with a higher {@code webhook-attempt} than any before:
   *     the server tried again (an answer it did not see in time), which at-least-once allows
   * @param lastAttempt the highest {@code webhook-attempt} accepted so far
   */
  record Delivery(
      String webhookId, long threadId, long firstAcceptedAtNanos, int repeats, int retries,
      int lastAttempt) {

    Delivery repeated(int attempt) {
      boolean retry = attempt > lastAttempt;
      return new Delivery(webhookId, threadId, firstAcceptedAtNanos, repeats + 1,
          retries + (retry ? 1 : 0), Math.max(lastAttempt, attempt));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long POLL_MILLIS = 10;

  private final CustomerTraffic traffic;
  private final List<Receiver> receivers;
  private final int[] read;
  private final Map<MessageKey, Delivery> deliveries = new HashMap<>();
  private long foreign;

  DeliveryLog(CustomerTraffic traffic, List<Receiver> receivers) {
    this.traffic = traffic;
    this.receivers = List.copyOf(receivers);
    this.read = new int[receivers.size()];
  }

  /** Reads what arrived since the last call; returns the messages delivered for the first time. */
  synchronized List<MessageKey> collect() {
    List<MessageKey> firsts = new ArrayList<>();
    for (int r = 0; r < receivers.size(); r++) {
      List<Receiver.Arrival> arrivals = receivers.get(r).arrivalsFrom(read[r]);
      read[r] += arrivals.size();
      for (Receiver.Arrival arrival : arrivals) {
        if (!arrival.accepted()) continue;
        Optional<Parsed> parsed = parse(arrival.body());
        if (parsed.isEmpty()) {
          foreign++;
          continue;
        }
        MessageKey key = parsed.get().key();
        Delivery before = deliveries.get(key);
        if (before == null) {
          deliveries.put(key, new Delivery(arrival.webhookId(), parsed.get().threadId(),
              arrival.receivedAtNanos(), 0, 0, arrival.attempt()));
          firsts.add(key);
        } else {
          deliveries.put(key, before.repeated(arrival.attempt()));
        }
      }
    }
    return firsts;
  }

  /**
   * Waits until every message of {@code expected} was delivered, or {@code timeout} ran out;
   * returns how many were still missing (0 when all came), having said so on {@code progress}.
   */
  int await(Collection<MessageKey> expected, Duration timeout, Progress progress)
      throws InterruptedException {
    progress.note("  waiting for " + expected.size() + " webhooks…");
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<MessageKey> missing = new HashSet<>(expected);
    collect();
    synchronized (this) {
      missing.removeAll(deliveries.keySet());
    }
    while (!missing.isEmpty()) {
      if (System.nanoTime() > deadline) {
        progress.note("  " + missing.size() + " were still missing after "
            + timeout.toMillis() / 1000.0 + " s");
        return missing.size();
      }
      Thread.sleep(POLL_MILLIS);
      collect().forEach(missing::remove);
    }
    return 0;
  }

  synchronized Optional<Delivery> delivery(MessageKey key) {
    return Optional.ofNullable(deliveries.get(key));
  }

  /** Accepted deliveries that were not this run's messages (another client's, on --url). */
  synchronized long foreign() {
    return foreign;
  }

  private record Parsed(MessageKey key, long threadId) {}

  private Optional<Parsed> parse(byte[] body) {
    try {
      JsonNode webhook = JSON.readTree(body);
      return traffic.parse(webhook.path("messageBody").asText(null))
          .map(key -> new Parsed(key, webhook.path("customerThreadId").asLong()));
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }
}
