package dev.threadhook.server.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records attempts' outcomes in batches: attempts that end while a batch commits share the next
 * one, so a busy dispatcher pays a commit (a WAL flush on PostgreSQL, a file write on H2) per
 * batch instead of one per delivery — the group commit the message writer does too. An idle
 * dispatcher records a lone outcome at once.
 *
 * <p>A batch that fails is recorded again one settlement per transaction, so one that cannot be
 * recorded fails alone; its delivery stays in flight and is tried again when its lease ends.
 */
final class SettlementRecorder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SettlementRecorder.class);
  private static final int MAX_BATCH = 256;

  /** What to do once a settlement is recorded, on the recorder's thread. */
  interface Then {
    /** @param owned false when another node had taken the delivery over */
    void recorded(boolean owned);

    void failed(RuntimeException e);
  }

  private record Pending(DeliveryStore.Settlement settlement, Then then) {}

  private final DeliveryStore store;
  private final String node;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  SettlementRecorder(DeliveryStore store, String node) {
    this.store = store;
    this.node = node;
    this.thread = Thread.ofPlatform().daemon().name("webhook-recorder").start(this::run);
  }

  void record(DeliveryStore.Settlement settlement, Then then) {
    queue.add(new Pending(settlement, then));
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        recordAll(batch);
      } catch (InterruptedException e) {
        if (!running) break;
      } finally {
        batch.clear();
      }
    }
  }

  private void recordAll(List<Pending> batch) {
    List<Boolean> owned;
    try {
      owned = store.completeAll(node, batch.stream().map(Pending::settlement).toList());
    } catch (RuntimeException batchFailed) {
      if (batch.size() == 1) {
        tell(batch.get(0), null, batchFailed);
        return;
      }
      for (Pending pending : batch) {
        try {
          tell(pending, store.completeAll(node, List.of(pending.settlement())).get(0), null);
        } catch (RuntimeException e) {
          tell(pending, null, e);
        }
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) tell(batch.get(i), owned.get(i), null);
  }

  private static void tell(Pending pending, Boolean owned, RuntimeException failure) {
    try {
      if (failure == null) pending.then().recorded(owned);
      else pending.then().failed(failure);
    } catch (RuntimeException e) {
      log.error("webhook recorder: a settlement's follow-up failed", e);
    }
  }

  /** Records what is queued, then stops. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
