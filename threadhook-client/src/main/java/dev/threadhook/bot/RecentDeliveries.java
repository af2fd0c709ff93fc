package dev.threadhook.bot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The last {@code capacity} webhook ids and how their handling went, so a delivery the bot
 * already handled is acknowledged without running the handler again. A duplicate that arrives
 * while the first is still being handled (the server timed out and retried) waits for it and
 * shares its outcome; one whose first handling failed is handled again.
 */
final class RecentDeliveries {
  /** Whether a webhook was handled now or had been before. */
  enum Seen { FIRST_TIME, DUPLICATE }

  interface Work {
    String run() throws Exception;
  }

  record Outcome(Seen seen, String result) {}

  private final Map<String, CompletableFuture<String>> byId;

  RecentDeliveries(int capacity) {
    this.byId = new LinkedHashMap<>(64, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<String>> eldest) {
        return size() > capacity;
      }
    };
  }

  Outcome handle(String webhookId, Work work) throws Exception {
    while (true) {
      CompletableFuture<String> mine = new CompletableFuture<>();
      CompletableFuture<String> earlier;
      synchronized (byId) {
        earlier = byId.get(webhookId);
        if (earlier == null || earlier.isCompletedExceptionally()) {
          byId.put(webhookId, mine);
          earlier = null;
        }
      }
      if (earlier != null) {
        try {
          return new Outcome(Seen.DUPLICATE, earlier.join());
        } catch (CompletionException | CancellationException failed) {
          continue; // the first handling failed: this delivery is the retry, handle it
        }
      }
      try {
        String result = work.run();
        mine.complete(result);
        return new Outcome(Seen.FIRST_TIME, result);
      } catch (Exception | Error e) {
        mine.completeExceptionally(e);
        throw e;
      }
    }
  }
}
