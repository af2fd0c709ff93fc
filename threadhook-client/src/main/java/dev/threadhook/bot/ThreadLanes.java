package dev.threadhook.bot;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs tasks of one customer thread one at a time, in the order they were submitted, and tasks
 * of different threads in parallel. Each thread's lane is the chain of its pending tasks; it is
 * dropped when its last task ends, so idle threads cost nothing.
 */
final class ThreadLanes {
  private final Executor executor;
  private final Map<Long, CompletableFuture<?>> tails = new HashMap<>();
  private int unfinished;

  ThreadLanes(Executor executor) {
    this.executor = executor;
  }

  <T> CompletableFuture<T> submit(long threadId, Callable<T> task) {
    CompletableFuture<T> run;
    synchronized (tails) {
      CompletableFuture<?> previous =
          tails.getOrDefault(threadId, CompletableFuture.completedFuture(null));
      // After the previous task, whether it succeeded or failed.
      run = previous.handle((ignored, failure) -> null)
          .thenApplyAsync(ignored -> callAndCount(task), executor);
      tails.put(threadId, run);
      unfinished++;
    }
    CompletableFuture<T> submitted = run;
    run.whenComplete((ignored, failure) -> {
      synchronized (tails) {
        tails.remove(threadId, submitted);
      }
    });
    return run;
  }

  /** Tasks submitted and not finished, running or waiting their turn. */
  int unfinished() {
    synchronized (tails) {
      return unfinished;
    }
  }

  private <T> T callAndCount(Callable<T> task) {
    try {
      return call(task);
    } finally {
      // Before the task's future completes, so whoever waits for it sees the count drop.
      synchronized (tails) {
        unfinished--;
      }
    }
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }
}
