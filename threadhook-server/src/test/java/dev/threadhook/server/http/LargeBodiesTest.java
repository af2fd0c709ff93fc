package dev.threadhook.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LargeBodiesTest {
  private static final long LARGE = LargeBodies.LARGE_BYTES + 1;

  @Test
  void smallBodiesNeverWaitForATurn() {
    LargeBodies gate = new LargeBodies(1, Duration.ZERO);
    AtomicBoolean inner = new AtomicBoolean();

    gate.handle(LARGE, () -> gate.handle(LargeBodies.LARGE_BYTES, () -> inner.set(true)));

    assertThat(inner).as("a 1 MiB body ran while the only turn was taken").isTrue();
  }

  @Test
  void aLargeBodyOverTheLimitWaitsForATurnThenIsTooManyRequests() throws Exception {
    LargeBodies gate = new LargeBodies(1, Duration.ofMillis(50));
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread first = Thread.ofVirtual().start(() -> gate.handle(LARGE, () -> {
      holding.countDown();
      awaitQuietly(release);
    }));
    assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> gate.handle(-1, () -> { }))
        .as("a body of unknown length counts as large")
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.retryAfterSeconds()).isEqualTo(1))
        .hasMessageContaining("too many large messages (attachments) at once");

    release.countDown();
    first.join();
    AtomicBoolean ran = new AtomicBoolean();
    gate.handle(LARGE, () -> ran.set(true));
    assertThat(ran).as("the turn was given back").isTrue();
  }

  @Test
  void aTurnIsGivenBackWhenHandlingFails() {
    LargeBodies gate = new LargeBodies(1, Duration.ZERO);
    assertThatThrownBy(() -> gate.handle(LARGE, () -> {
      throw new IllegalArgumentException("bad attachment");
    })).isInstanceOf(IllegalArgumentException.class);

    AtomicBoolean ran = new AtomicBoolean();
    gate.handle(LARGE, () -> ran.set(true));
    assertThat(ran).isTrue();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
