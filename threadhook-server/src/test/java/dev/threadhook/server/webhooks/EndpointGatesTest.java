package dev.threadhook.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointGatesTest {
  private static final String URL = "https://bot.example/hook";
  private final EndpointGates gates =
      new EndpointGates(2, 3, Duration.ofSeconds(10), Duration.ofSeconds(30));

  @Test
  void capsConcurrentAttemptsPerHook() {
    assertThat(gates.tryAcquire(1, URL, 0)).isTrue();
    assertThat(gates.tryAcquire(1, URL, 0)).isTrue();
    assertThat(gates.tryAcquire(1, URL, 0)).isFalse();
    assertThat(gates.tryAcquire(2, URL, 0)).as("another organization").isTrue();
    assertThat(gates.unavailable(0)).containsExactly(1L);

    gates.release(1, URL, true, 1);

    assertThat(gates.tryAcquire(1, URL, 1)).isTrue();
  }

  @Test
  void pausesAfterConsecutiveFailuresThenLetsOneProbeThrough() {
    failOnce(0);
    failOnce(0);
    assertThat(gates.unavailable(0)).isEmpty();
    failOnce(0);

    assertThat(gates.unavailable(5_000)).containsExactly(1L);
    assertThat(gates.tryAcquire(1, URL, 5_000)).isFalse();
    assertThat(gates.nextReopening(5_000)).isEqualTo(10_000);
    assertThat(gates.paused(5_000)).isEqualTo(1);

    assertThat(gates.tryAcquire(1, URL, 10_000)).as("the probe").isTrue();
    assertThat(gates.tryAcquire(1, URL, 10_000)).as("a second probe").isFalse();
    gates.release(1, URL, true, 10_050);

    assertThat(gates.tryAcquire(1, URL, 10_050)).isTrue();
    assertThat(gates.tryAcquire(1, URL, 10_050)).isTrue();
  }

  @Test
  void eachFailedProbeDoublesThePauseUpToTheMaximum() {
    failOnce(0);
    failOnce(0);
    failOnce(0);
    long now = 10_000;
    long[] expectedPauses = {20_000, 30_000, 30_000};
    for (long pause : expectedPauses) {
      assertThat(gates.tryAcquire(1, URL, now)).isTrue();
      gates.release(1, URL, false, now);
      assertThat(gates.nextReopening(now)).isEqualTo(now + pause);
      now += pause;
    }
  }

  @Test
  void aNewUrlStartsWithAFreshGate() {
    failOnce(0);
    failOnce(0);
    failOnce(0);
    assertThat(gates.tryAcquire(1, URL, 1)).isFalse();

    assertThat(gates.tryAcquire(1, "https://bot.example/new", 1)).isTrue();
    gates.release(1, URL, false, 2);
    assertThat(gates.tryAcquire(1, "https://bot.example/new", 2)).isTrue();
  }

  private void failOnce(long now) {
    assertThat(gates.tryAcquire(1, URL, now)).isTrue();
    gates.release(1, URL, false, now);
  }
}
