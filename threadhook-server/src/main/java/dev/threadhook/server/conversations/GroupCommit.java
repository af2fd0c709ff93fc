package dev.threadhook.server.conversations;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: concurrent appends share transactions. Each writer takes whatever requests are
 * waiting (up to {@code maxBatch}) and commits them together, so the cost of a commit — a file
 * write on H2, a WAL flush on PostgreSQL — is paid once per batch instead of once per message.
 * An idle server commits a lone message at once; batches only grow under load.
 *
 * <p>A message the store refuses (its thread is not the writer's to see) fails alone within its
 * batch. A batch that fails is retried one message per transaction, so one bad request (a
 * racing idempotency key, say) fails alone too.
 */
final class GroupCommit implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  private final ConversationStore store;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean running = true;

  private record Pending(
      ConversationStore.Append append, CompletableFuture<StoredMessage> result) {}

  GroupCommit(ConversationStore store, int writers, int maxBatch) {
    this.store = store;
    this.maxBatch = maxBatch;
    for (int i = 0; i < writers; i++) {
      Thread writer = Thread.ofPlatform().daemon().name("threadhook-writer-" + i)
          .start(this::writeLoop);
      this.writers.add(writer);
    }
  }

  /** Appends one message, returning once the transaction holding it has committed. */
  StoredMessage append(ConversationStore.Append append) {
    if (!running) throw new IllegalStateException("the server is shutting down");
    Pending pending = new Pending(append, new CompletableFuture<>());
    queue.add(pending);
    try {
      return pending.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) throw cause;
      throw e;
    }
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        commit(batch);
      } catch (InterruptedException e) {
        if (!running) break;
      } catch (RuntimeException | Error e) {
        log.error("a writer failed outside a transaction", e);
        batch.forEach(p -> p.result().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Pending> batch) {
    try {
      List<ConversationStore.Appended> results =
          store.appendAll(batch.stream().map(Pending::append).toList());
      for (int i = 0; i < batch.size(); i++) complete(batch.get(i), results.get(i));
    } catch (RuntimeException batchFailed) {
      if (batch.size() == 1) {
        batch.get(0).result().completeExceptionally(batchFailed);
        return;
      }
      for (Pending pending : batch) {
        try {
          complete(pending, store.appendAll(List.of(pending.append())).get(0));
        } catch (RuntimeException e) {
          pending.result().completeExceptionally(e);
        }
      }
    }
  }

  private static void complete(Pending pending, ConversationStore.Appended appended) {
    if (appended.refusal() != null) {
      pending.result().completeExceptionally(appended.refusal());
    } else {
      pending.result().complete(appended.message());
    }
  }

  /** Commits what is queued, then stops the writers. */
  @Override
  public void close() {
    running = false;
    for (Thread writer : writers) {
      try {
        writer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
