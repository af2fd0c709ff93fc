package dev.threadhook.bench.scenario;

import dev.threadhook.bench.load.Request;
import dev.threadhook.bench.load.RequestSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Customer messages through {@code POST /api/channel/messages}, spread over the customer threads
 * of one or more organizations: message {@code i} goes to organization {@code i mod n}, and there
 * to customer {@code bench-j}, {@code j = (i / n) mod threads}, whose thread was opened
 * beforehand. Each message's text names the run, the phase and the message's number
 * ({@code bench-3fa9c1 e2e 42}), so the webhook it causes is traced back to it from its body
 * alone, and a delivery left over from another run is told apart.
 */
final class CustomerTraffic {
  /**
   * An organization's part of the traffic.
   *
   * @param threadIds the threads of customers {@code bench-0}, {@code bench-1}…, in that order
   */
  record Organization(String channelKey, List<Long> threadIds) {
    Organization {
      if (threadIds.isEmpty()) throw new IllegalArgumentException("no customer threads");
      threadIds = List.copyOf(threadIds);
    }
  }

  /** What a message's text says about it. */
  record MessageKey(String phase, long index) {}

  private final String run;
  private final List<Organization> organizations;

  CustomerTraffic(List<Organization> organizations) {
    byte[] id = new byte[3];
    ThreadLocalRandom.current().nextBytes(id);
    this.run = "bench-" + HexFormat.of().formatHex(id);
    this.organizations = List.copyOf(organizations);
  }

  int organizations() {
    return organizations.size();
  }

  /** Message {@code i} of {@code phase} (one word), posted to the channel endpoint. */
  RequestSource requests(String phase) {
    return requests(phase, ThreadhookApi.CHANNEL_MESSAGES);
  }

  /** The same requests, to another path (the no-op endpoint of the HTTP ceiling). */
  RequestSource requests(String phase, String path) {
    if (phase.isEmpty() || phase.contains(" ")) {
      throw new IllegalArgumentException("a phase is one word but was '" + phase + "'");
    }
    return index -> {
      Organization organization = organizations.get(organizationOf(index));
      return Request.postJson(path, organization.channelKey(), "{\"customer\":{\"externalId\":"
          + "\"bench-" + customerOf(index) + "\"},\"text\":\"" + run + " " + phase + " " + index
          + "\"}");
    };
  }

  int organizationOf(long index) {
    return (int) (index % organizations.size());
  }

  /** The thread message {@code index} was written to. */
  long threadOf(long index) {
    return organizations.get(organizationOf(index)).threadIds().get(customerOf(index));
  }

  private int customerOf(long index) {
    int threads = organizations.get(organizationOf(index)).threadIds().size();
    return (int) ((index / organizations.size()) % threads);
  }

  /** The message a text was written by, when it is one of this run's. */
  Optional<MessageKey> parse(String text) {
    if (text == null) return Optional.empty();
    String[] words = text.split(" ");
    if (words.length != 3 || !words[0].equals(run)) return Optional.empty();
    try {
      return Optional.of(new MessageKey(words[1], Long.parseLong(words[2])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
