package dev.threadhook.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ThreadLanesTest {

  @Test
  void tasksOfOneThreadRunOneAtATimeInSubmissionOrderEvenAfterAFailure() throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      ThreadLanes lanes = new ThreadLanes(executor);
      List<Integer> order = Collections.synchronizedList(new ArrayList<>());
      List<CompletableFuture<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int n = i;
        runs.add(lanes.submit(7L, () -> {
          order.add(n);
          if (n == 10) throw new IllegalStateException("task 10 fails");
          return n;
        }));
      }

      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
          .handle((ignored, failure) -> null).get();

      assertThat(order).isSorted().hasSize(50);
      assertThat(runs.get(10)).isCompletedExceptionally();
      assertThat(runs.get(11).get()).isEqualTo(11);
      assertThat(lanes.unfinished()).isZero();
    }
  }

  @Test
  void aBlockedThreadDoesNotHoldUpAnother() throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      ThreadLanes lanes = new ThreadLanes(executor);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<String> blocked = lanes.submit(1L, () -> {
        release.await();
        return "one";
      });
      CompletableFuture<String> behindIt = lanes.submit(1L, () -> "one again");

      assertThat(lanes.submit(2L, () -> "two").get(5, TimeUnit.SECONDS)).isEqualTo("two");
      assertThat(blocked).isNotDone();
      assertThat(behindIt).isNotDone();
      release.countDown();
      assertThat(behindIt.get(5, TimeUnit.SECONDS)).isEqualTo("one again");
    }
  }
}
